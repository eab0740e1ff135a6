import { z } from "zod";
import { ORDER_STATUSES } from "../../../lib/domain/order-status";
import { stopTimes } from "../../../lib/domain/stop-dwell";
import type { TTrackStop } from "../../../lib/schemas/driver-track";
import type { CoreDeps } from "../../deps";

const ZStatusData = z.object({ to: z.enum(ORDER_STATUSES) });

/**
 * The driver's stops with their actual arrival and dwell times, from the `order_events`
 * projection: stops on the current route, and orders of theirs with a status change in the range.
 * Visited stops first in the order they were reached, then the open ones in route order.
 */
export async function listDriverStopTimes(deps: Pick<CoreDeps, "prisma">, driverId: string, fromMs: number, toMs: number): Promise<TTrackStop[]> {
  const inRange = { type: "order.status_changed", occurredAt: { gte: new Date(fromMs), lte: new Date(toMs) } };
  const orders = await deps.prisma.order.findMany({
    where: { OR: [{ stop: { driverId } }, { driverId, events: { some: inRange } }] },
    include: { stop: true, events: { where: inRange, orderBy: { occurredAt: "asc" } } },
    take: 500,
  });
  const stops = orders.map((order) => {
    const changes = order.events.flatMap((event) => {
      const parsed = ZStatusData.safeParse(event.data);
      return parsed.success ? [{ to: parsed.data.to, at: event.occurredAt.getTime() }] : [];
    });
    const times = stopTimes(changes);
    const stop: TTrackStop = { orderId: order.id, customerName: order.customerName, address: order.address, lat: order.lat, lng: order.lng, status: order.status, ...times };
    return { stop, position: order.stop?.driverId === driverId ? order.stop.position : Number.MAX_SAFE_INTEGER, reachedAt: times.arrivedAt ?? times.finishedAt };
  });
  stops.sort((a, b) => (a.reachedAt ?? Number.MAX_SAFE_INTEGER) - (b.reachedAt ?? Number.MAX_SAFE_INTEGER) || a.position - b.position);
  return stops.map((entry) => entry.stop);
}
