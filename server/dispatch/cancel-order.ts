import { checkStatusTransition } from "../../lib/domain/order-status";
import { conflict, notFound } from "../http/api-error";
import type { CoreDeps } from "../deps";
import { recordOrderEvent } from "../orders/order-events";
import { announceRoute } from "../orders/route-events";

/** Support cancels an order: it leaves its driver's route, and the customers behind it move up. */
export async function cancelOrder(deps: Pick<CoreDeps, "prisma" | "js">, orderId: string): Promise<{ orderId: string; status: "cancelled" }> {
  const at = Date.now();
  return deps.prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT id FROM orders WHERE id = ${orderId} FOR UPDATE`;
      const order = await tx.order.findUnique({ where: { id: orderId }, include: { stop: true } });
      if (!order) throw notFound(`no order with id ${orderId}`);
      const transition = checkStatusTransition(order.status, "cancelled");
      if (!transition.ok) throw conflict("invalid_transition", transition.reason);
      if (transition.isNoop) return { orderId, status: "cancelled" as const };
      await tx.order.update({ where: { id: orderId }, data: { status: "cancelled", finishedAt: new Date(at) } });
      await recordOrderEvent(tx, deps.js, { type: "order.status_changed", orderId, at, from: order.status, to: "cancelled", note: null, by: "admin" }, `${orderId}:cancelled`);
      if (order.stop) {
        await tx.routeStop.delete({ where: { orderId } });
        await recordOrderEvent(tx, deps.js, { type: "order.route_changed", orderId, at, driverId: null, route: [] });
        await announceRoute(tx, deps.js, order.stop.driverId, at);
      }
      return { orderId, status: "cancelled" as const };
    },
    { timeout: 20_000, maxWait: 20_000 },
  );
}
