import { checkCanHandInAtDepot } from "../../../lib/domain/delivery-choice";
import type { THandedIn } from "../../../lib/schemas/driver";
import type { CoreDeps } from "../../deps";
import { OrderNotFound, OrderStateConflict } from "../../platform/domain-errors";
import { commitAndPublish } from "../../pipeline/outbox/commit-and-publish";
import { recordOrderEvent } from "../orders/order-events";
import { enqueueUnrouted, lockDriver } from "../orders/route-events";

/**
 * The driver hands in, at the depot, a parcel that left today's route while on board (a new day
 * was agreed with the customer): the order returns to the pool (picked_up → created, no driver)
 * to be put on the agreed day's route like any new order, and its view is republished.
 * Another driver's order is reported as unknown, as for status taps.
 */
export async function handInAtDepot(deps: Pick<CoreDeps, "prisma" | "outbox">, driverId: string, orderId: string, now = new Date()): Promise<THandedIn> {
  const at = now.getTime();
  return commitAndPublish(deps, async (out) => {
    const { tx } = out;
    // Driver before order, as in every transaction that takes both.
    await lockDriver(tx, driverId);
    await tx.$queryRaw`SELECT id FROM orders WHERE id = ${orderId} FOR UPDATE`;
    const order = await tx.order.findUnique({ where: { id: orderId }, include: { stop: true } });
    if (!order || order.driverId !== driverId) throw new OrderNotFound(orderId, `no order ${orderId} with you`);
    const check = checkCanHandInAtDepot(order.status, order.stop !== null);
    if (!check.ok) throw new OrderStateConflict(check.code, check.reason);
    const updated = await tx.order.update({ where: { id: orderId }, data: { status: "created", statusAt: now, statusNote: null, driverId: null } });
    await recordOrderEvent(out, { type: "order.status_changed", orderId, at, from: order.status, to: "created", note: "Handed in at the depot", by: "driver" });
    await enqueueUnrouted(out, updated, at);
    return { orderId, status: "created" };
  });
}
