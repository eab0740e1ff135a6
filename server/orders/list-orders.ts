import { computeStopsAwayForRoute } from "../../lib/domain/stops-away";
import type { TListOrdersQuery } from "../../lib/schemas/api";
import type { CoreDeps } from "../deps";

export interface OrderSummary {
  id: string;
  customerName: string;
  address: string;
  lat: number;
  lng: number;
  status: string;
  driverId: string | null;
  routePosition: number | null;
  stopsAway: number | null;
  createdAt: string;
  updatedAt: string;
}

/** Every order with its live stops-away figure, newest first. */
export async function listOrders(deps: Pick<CoreDeps, "prisma">, filter: TListOrdersQuery = {}): Promise<OrderSummary[]> {
  const orders = await deps.prisma.order.findMany({
    where: {
      ...(filter.driverId ? { driverId: filter.driverId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
    },
    include: { stop: true },
    orderBy: { createdAt: "desc" },
  });
  const driverIds = [...new Set(orders.flatMap((order) => (order.stop ? [order.stop.driverId] : [])))];
  const stops = await deps.prisma.routeStop.findMany({
    where: { driverId: { in: driverIds } },
    orderBy: [{ driverId: "asc" }, { position: "asc" }],
    include: { order: { select: { status: true } } },
  });
  const routes = new Map<string, { orderId: string; status: (typeof stops)[number]["order"]["status"] }[]>();
  for (const stop of stops) {
    const route = routes.get(stop.driverId) ?? [];
    route.push({ orderId: stop.orderId, status: stop.order.status });
    routes.set(stop.driverId, route);
  }
  const stopsAway = new Map<string, number | null>();
  for (const route of routes.values()) for (const [orderId, value] of computeStopsAwayForRoute(route)) stopsAway.set(orderId, value);

  return orders.map((order) => ({
    id: order.id,
    customerName: order.customerName,
    address: order.address,
    lat: order.lat,
    lng: order.lng,
    status: order.status,
    driverId: order.driverId,
    routePosition: order.stop?.position ?? null,
    stopsAway: stopsAway.get(order.id) ?? null,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  }));
}
