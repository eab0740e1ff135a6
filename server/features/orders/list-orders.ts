import type { TOrderSummary } from "../../../lib/schemas/admin-responses";
import type { TListOrdersQuery } from "../../../lib/schemas/api";
import type { CoreDeps } from "../../deps";
import { toOrderBase } from "./order-response";
import { readStopsAway } from "./read-stops-away";

export type OrderSummary = TOrderSummary;

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
    ...toOrderBase(order),
    routePosition: order.stop?.position ?? null,
    stopsAway: stopsAway.get(order.id) ?? null,
    updatedAt: order.updatedAt.toISOString(),
  }));
}
