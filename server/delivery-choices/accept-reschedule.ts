import { checkCanAcceptReschedule, rescheduledDueAt } from "../../lib/domain/delivery-choice";
import type { TAdminOrderChoice } from "../../lib/schemas/delivery-choice";
import { subjects } from "../backbone/subjects";
import type { CoreDeps } from "../deps";
import { OrderNotFound, OrderStateConflict } from "../domain-errors";
import { commitAndPublish } from "../outbox/commit-and-publish";
import { recordOrderEvent } from "../orders/order-events";
import { enqueueRouteSnapshot, enqueueUnrouted, lockOrderWithRoute, toTrackedOrder } from "../orders/route-events";
import { DELIVERY_CHOICE_FIELDS, toDeliveryChoice } from "./to-delivery-choice";

/**
 * Dispatch accepts the customer's request to reschedule: `order.reschedule_accepted` is recorded,
 * the order leaves its driver's route (that route's snapshot lists it in `left`, the customers
 * behind it move up) and waits for a driver again (`assigned → created`), due at the end of the
 * requested window. Dispatch puts it on a route for that day as for any new order.
 */
export async function acceptReschedule(deps: Pick<CoreDeps, "prisma" | "outbox">, orderId: string, now = new Date()): Promise<TAdminOrderChoice> {
  const at = now.getTime();
  return commitAndPublish(deps, async (out) => {
    const { tx } = out;
    const order = await lockOrderWithRoute(tx, orderId, () => tx.order.findUnique({ where: { id: orderId }, include: { stop: true, deliveryChoice: { select: DELIVERY_CHOICE_FIELDS } } }));
    if (!order) throw new OrderNotFound(orderId);
    const choice = order.deliveryChoice;
    const check = checkCanAcceptReschedule(order.status, choice);
    if (!check.ok) throw new OrderStateConflict(check.code, check.reason);
    if (check.isNoop) {
      await out.awaitPending([subjects.orderEvents(orderId)]);
      return { orderId, status: order.status, dueAt: order.dueAt?.toISOString() ?? null, choice: toDeliveryChoice(choice) };
    }
    const wish = { preferredDate: choice!.preferredDate, windowStart: choice!.windowStart, windowEnd: choice!.windowEnd };
    const dueAt = rescheduledDueAt(wish);
    const accepted = await tx.deliveryChoice.update({ where: { orderId }, data: { rescheduleState: "accepted", acceptedAt: now }, select: DELIVERY_CHOICE_FIELDS });
    await recordOrderEvent(out, { type: "order.reschedule_accepted", orderId, at, ...wish, dueAt: dueAt?.getTime() ?? null, by: "admin" }, `${orderId}:reschedule_accepted:${choice!.chosenAt.getTime()}`);

    const isOnRoute = order.status === "assigned";
    const updated = await tx.order.update({
      where: { id: orderId },
      data: { dueAt, ...(isOnRoute ? { status: "created", statusAt: now, driverId: null } : {}) },
    });
    if (isOnRoute) {
      await recordOrderEvent(out, { type: "order.status_changed", orderId, at, from: "assigned", to: "created", note: null, by: "admin" });
      if (order.stop) {
        await tx.routeStop.delete({ where: { orderId } });
        await recordOrderEvent(out, { type: "order.route_changed", orderId, at, driverId: null });
        await enqueueRouteSnapshot(out, order.stop.driverId, at, [{ ...toTrackedOrder(updated), toDriverId: null }]);
      }
      await enqueueUnrouted(out, updated, at);
    }
    return { orderId, status: updated.status, dueAt: updated.dueAt?.toISOString() ?? null, choice: toDeliveryChoice(accepted) };
  });
}
