import type { PrismaClient } from "../../generated/prisma/client";
import type { FleetState } from "./fleet-state";

/**
 * Fills the fleet state from the database projection: every unfinished order, every order on
 * a route, the routes and the drivers' last positions. With `orderIds`, loads just those
 * orders (an event named an order the tracker had not loaded).
 */
export async function loadFleetState(prisma: PrismaClient, state: FleetState, orderIds?: string[]): Promise<void> {
  const orders = await prisma.order.findMany({
    where: orderIds
      ? { id: { in: orderIds } }
      : { OR: [{ status: { notIn: ["delivered", "failed", "cancelled"] } }, { stop: { isNot: null } }] },
    include: { events: { where: { type: "order.status_changed" }, orderBy: { occurredAt: "desc" }, take: 1 } },
  });
  for (const order of orders) {
    state.loadOrder({
      id: order.id,
      status: order.status,
      driverId: order.driverId,
      lat: order.lat,
      lng: order.lng,
      address: order.address,
      statusAt: (order.events[0]?.occurredAt ?? order.createdAt).getTime(),
      arrivedAt: null,
    });
  }
  if (orderIds) return;

  const stops = await prisma.routeStop.findMany({ orderBy: [{ driverId: "asc" }, { position: "asc" }] });
  const routes = new Map<string, string[]>();
  for (const stop of stops) routes.set(stop.driverId, [...(routes.get(stop.driverId) ?? []), stop.orderId]);
  for (const [driverId, route] of routes) state.loadRoute(driverId, route);

  const locations = await prisma.driverLocation.findMany();
  for (const location of locations) {
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
}
