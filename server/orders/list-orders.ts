import type { TListOrdersQuery } from "../../lib/schemas/api";
import type { CoreDeps } from "../deps";
import { readStopsAway } from "./read-stops-away";

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
  const stopsAway = await readStopsAway(deps.prisma, driverIds);

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
