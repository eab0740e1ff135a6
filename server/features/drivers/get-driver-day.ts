import type { CoreDeps } from "../../deps";
import type { TDriverDay, TRouteStop } from "../../../lib/schemas/driver";
import { DELIVERY_CHOICE_FIELDS, toDeliveryChoice } from "../delivery-choices/to-delivery-choice";
import { readWatermark } from "../../pipeline/ingest/seq-watermarks";

const STOP_FIELDS = {
  id: true,
  status: true,
  customerName: true,
  address: true,
  instructions: true,
  deliveryChoice: { select: DELIVERY_CHOICE_FIELDS },
  lat: true,
  lng: true,
  proof: { select: { id: true } },
} as const;

/** Midnight today, server time: the driver's "day" starts there. */
export function startOfToday(now = new Date()): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

/**
 * `GET /api/driver/me`: who the driver is, their day in visiting order — the stops they
 * finished today (delivered or failed, which have left route_stops), then the open stops of
 * their route —, the parcels on board that left the route (to bring back to the depot), and the
 * highest GPS seq the server stored for them (a reinstalled phone numbers its fixes above it, or
 * its new fixes would be taken for resends).
 */
export async function getDriverDay(deps: Pick<CoreDeps, "prisma" | "jsm">, driver: { id: string; name: string }, now = new Date()): Promise<TDriverDay> {
  const [finished, open, returns, watermark] = await Promise.all([
    deps.prisma.order.findMany({
      where: { driverId: driver.id, status: { in: ["delivered", "failed"] }, finishedAt: { gte: startOfToday(now) } },
      orderBy: [{ finishedAt: "asc" }, { id: "asc" }],
      select: STOP_FIELDS,
    }),
    deps.prisma.routeStop.findMany({ where: { driverId: driver.id }, orderBy: { position: "asc" }, select: { order: { select: STOP_FIELDS } } }),
    // On board and on no route: a stop taken off today's route (lib/domain/delivery-choice.ts).
    deps.prisma.order.findMany({ where: { driverId: driver.id, status: "picked_up", stop: { is: null } }, orderBy: [{ statusAt: "asc" }, { id: "asc" }], select: STOP_FIELDS }),
    readWatermark(deps.jsm, driver.id),
  ]);
  const orders = [...finished, ...open.map((stop) => stop.order)];
  const toStop = (order: (typeof orders)[number], position: number): TRouteStop => ({
    orderId: order.id,
    position,
    status: order.status,
    customerName: order.customerName,
    address: order.address,
    instructions: order.instructions,
    choice: toDeliveryChoice(order.deliveryChoice),
    lat: order.lat,
    lng: order.lng,
    hasProof: order.proof !== null,
  });
  const stops = orders.map(toStop);
  return { driver, lastSeq: watermark.seq >= 0 ? watermark.seq : null, stops, done: finished.length, left: open.length, returns: returns.map(toStop) };
}
