import { checkCanAcceptReschedule, rescheduledDueAt } from "../../../lib/domain/delivery-choice";
import type { TAdminOrderChoice } from "../../../lib/schemas/delivery-choice";
import { subjects } from "../../platform/backbone/subjects";
import type { CoreDeps } from "../../deps";
import { OrderNotFound, OrderStateConflict } from "../../platform/domain-errors";
import { commitAndPublish } from "../../pipeline/outbox/commit-and-publish";
import { recordOrderEvent } from "../orders/order-events";
import { enqueueRouteSnapshot, enqueueUnrouted, lockOrderWithRoute, toTrackedOrder } from "../orders/route-events";
import { DELIVERY_CHOICE_FIELDS, toDeliveryChoice } from "./to-delivery-choice";

/**
 * Dispatch accepts the customer's request for another day, at any status before the order is
 * finished (lib/domain/delivery-choice.ts `checkCanAcceptReschedule`): `order.reschedule_accepted`
 * is recorded, the order is due at the end of the requested window, and
 * - not yet in the driver's hands: it leaves its route and waits for a driver (assigned → created);
 * - on board: it leaves today's route (an `arrived` stop goes back to picked_up first) but stays
 *   with the driver, whose app lists it under "Bring back to the depot"; handed in there
 *   (server/features/drivers/hand-in-at-depot.ts) it waits for a driver;
 * - failed: the delivery is tried again (failed → created).
 * A route the order leaves gets one snapshot listing it in `left` (the customers behind it move
 * up), and the order's own view is republished without stops or ETA (`order.unrouted`).
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
    await recordOrderEvent(
      out,
      { type: "order.reschedule_accepted", orderId, at, ...wish, dueAt: dueAt?.getTime() ?? null, by: "admin" },
      `${orderId}:reschedule_accepted:${choice!.chosenAt.getTime()}`,
    );

    // The status it takes: back to the pool, or on board (at the door it drives off with it).
    const to = check.outcome === "bring_back" ? "picked_up" : "created";
    const isStatusChanged = order.status !== to;
    const updated = await tx.order.update({
      where: { id: orderId },
      data: {
        dueAt,
        ...(isStatusChanged ? { status: to, statusAt: now, statusNote: null } : {}),
        ...(to === "created" ? { driverId: null, finishedAt: null } : {}),
      },
    });
    if (isStatusChanged) {
      const note = check.outcome === "reopen" ? "New delivery day agreed with the customer" : check.outcome === "bring_back" ? "Taken off today's route: the driver brings it back to the depot" : null;
      await recordOrderEvent(out, { type: "order.status_changed", orderId, at, from: order.status, to, note, by: "admin" });
    }
    if (order.stop) {
      await tx.routeStop.delete({ where: { orderId } });
      await recordOrderEvent(out, { type: "order.route_changed", orderId, at, driverId: null });
      await enqueueRouteSnapshot(out, order.stop.driverId, at, [{ ...toTrackedOrder(updated), toDriverId: null }]);
    }
    // Its own view, now on no route: no stops figure, no ETA, no driver.
    if (order.stop || isStatusChanged) await enqueueUnrouted(out, updated, at);
    return { orderId, status: updated.status, dueAt: updated.dueAt?.toISOString() ?? null, choice: toDeliveryChoice(accepted) };
  });
}
