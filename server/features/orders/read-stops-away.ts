import { computeStopsAwayForRoute } from "../../../lib/domain/stops-away";
import type { PrismaClient } from "../../../generated/prisma/client";

/** Stops away of every order on the given drivers' routes, from the database projection. */
export async function readStopsAway(prisma: PrismaClient, driverIds: readonly string[]): Promise<Map<string, number | null>> {
  const stopsAway = new Map<string, number | null>();
  if (driverIds.length === 0) return stopsAway;
  const stops = await prisma.routeStop.findMany({
    where: { driverId: { in: [...driverIds] } },
    orderBy: [{ driverId: "asc" }, { position: "asc" }],
    include: { order: { select: { status: true } } },
  });
  const routes = new Map<string, { orderId: string; status: (typeof stops)[number]["order"]["status"] }[]>();
  for (const stop of stops) {
    const route = routes.get(stop.driverId) ?? [];
    route.push({ orderId: stop.orderId, status: stop.order.status });
    routes.set(stop.driverId, route);
  }
  for (const route of routes.values()) for (const [orderId, value] of computeStopsAwayForRoute(route)) stopsAway.set(orderId, value);
  return stopsAway;
}
