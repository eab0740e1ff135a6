/**
 * A partition's first start, when it has no checkpoint yet: its drivers' open routes and last
 * positions from the database (open work only). The caller read the stream's last sequence
 * BEFORE this, and consumes from the one after it: a change committed meanwhile is replayed over
 * this state (route snapshots replace, a fix already seen is dropped by the GPS filter).
 */
import type { PrismaClient } from "../../../generated/prisma/client";
import type { TrackingVisibility } from "../../../lib/domain/driver-visibility";
import { isFinished } from "../../../lib/domain/order-status";
import { partitionOf } from "../../../lib/domain/partition";
import type { TTrackedOrder } from "../../../lib/schemas/events";
import { FleetState } from "./fleet-state";

export async function bootstrapPartition(prisma: PrismaClient, partition: number, visibility: TrackingVisibility): Promise<FleetState> {
  const state = new FleetState(visibility);
  const stops = await prisma.routeStop.findMany({
    where: { order: { status: { notIn: ["delivered", "failed", "cancelled"] } } },
    orderBy: [{ driverId: "asc" }, { position: "asc" }],
    include: { order: true },
  });
  const routes = new Map<string, TTrackedOrder[]>();
  for (const stop of stops) {
    if (partitionOf(stop.driverId) !== partition || isFinished(stop.order.status)) continue;
    const route = routes.get(stop.driverId) ?? [];
    route.push({
      orderId: stop.orderId,
      status: stop.order.status,
      statusAt: stop.order.statusAt.getTime(),
      lat: stop.order.lat,
      lng: stop.order.lng,
      address: stop.order.address,
    });
    routes.set(stop.driverId, route);
  }

  const locations = await prisma.driverLocation.findMany();
  for (const location of locations) {
    if (partitionOf(location.driverId) !== partition) continue;
    state.loadPosition(location.driverId, {
      lat: location.lat,
      lng: location.lng,
      at: location.recordedAt.getTime(),
      accuracy: location.accuracy,
      speed: location.speed,
      heading: location.heading,
      seq: location.seq === null ? null : Number(location.seq),
    });
  }
  for (const [driverId, route] of routes) state.applyRoute({ type: "route.changed", driverId, at: Date.now(), stops: route, left: [] });
  // Progress already told before this start is not known: tell the current figure at most once more.
  state.progressSteps(stops.map((stop) => stop.orderId));
  return state;
}
