import { checkStatusTransition } from "../../../lib/domain/order-status";
import { subjects } from "../../platform/backbone/subjects";
import { InvalidTransition, OrderNotFound } from "../../platform/domain-errors";
import type { CoreDeps } from "../../deps";
import { commitAndPublish } from "../../pipeline/outbox/commit-and-publish";
import { recordOrderEvent } from "../orders/order-events";
import { enqueueRouteSnapshot, enqueueUnrouted, lockOrderWithRoute, toTrackedOrder } from "../orders/route-events";

/**
 * Support cancels an order: it leaves its driver's route (listed in that route's snapshot as
 * `left`), and the customers behind it move up. An order on no route gets `order.unrouted`.
 */
export async function cancelOrder(deps: Pick<CoreDeps, "prisma" | "outbox">, orderId: string): Promise<{ orderId: string; status: "cancelled" }> {
  const at = Date.now();
  return commitAndPublish(deps, async (out) => {
    const { tx } = out;
    const order = await lockOrderWithRoute(tx, orderId, () => tx.order.findUnique({ where: { id: orderId }, include: { stop: true } }));
    if (!order) throw new OrderNotFound(orderId);
    const transition = checkStatusTransition(order.status, "cancelled");
    if (!transition.ok) throw new InvalidTransition(transition.reason);
    if (transition.isNoop) {
      await out.awaitPending([subjects.orderEvents(orderId), ...(order.driverId ? [subjects.driverRoute(order.driverId)] : []), subjects.unroutedOrder(orderId)]);
      return { orderId, status: "cancelled" as const };
    }
    const updated = await tx.order.update({ where: { id: orderId }, data: { status: "cancelled", statusAt: new Date(at), finishedAt: new Date(at) } });
    await recordOrderEvent(out, { type: "order.status_changed", orderId, at, from: order.status, to: "cancelled", note: null, by: "admin" }, `${orderId}:cancelled`);
    if (order.stop) {
      await tx.routeStop.delete({ where: { orderId } });
      await recordOrderEvent(out, { type: "order.route_changed", orderId, at, driverId: null });
      await enqueueRouteSnapshot(out, order.stop.driverId, at, [{ ...toTrackedOrder(updated), toDriverId: null }]);
    } else {
      await enqueueUnrouted(out, updated, at);
    }
    return { orderId, status: "cancelled" as const };
  });
}
