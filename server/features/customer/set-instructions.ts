import { isFinished } from "../../../lib/domain/order-status";
import type { TInstructionsRequest } from "../../../lib/schemas/customer";
import type { CoreDeps } from "../../deps";
import { OrderStateConflict, TrackingLinkNotFound } from "../../platform/domain-errors";
import { subjects } from "../../platform/backbone/subjects";
import { commitAndPublish } from "../../pipeline/outbox/commit-and-publish";
import { recordOrderEvent } from "../orders/order-events";
import { findOrderIdByToken } from "../../pipeline/views/get-order-view";

/**
 * The customer sets (or clears, with an empty text) the delivery instructions of their order,
 * stored on the order and published as an order event so the driver's app hears of it.
 * Only before the order is finished: afterwards there is nobody left to read them.
 */
export async function setInstructions(deps: Pick<CoreDeps, "prisma" | "outbox">, token: string, input: TInstructionsRequest): Promise<{ instructions: string | null }> {
  const orderId = await findOrderIdByToken(deps.prisma, token);
  if (!orderId) throw new TrackingLinkNotFound();
  const instructions = input.instructions === "" ? null : input.instructions;
  const at = Date.now();
  return commitAndPublish(
    deps,
    async (out) => {
      const { tx } = out;
      await tx.$queryRaw`SELECT id FROM orders WHERE id = ${orderId} FOR UPDATE`;
      const order = await tx.order.findUnique({ where: { id: orderId }, select: { status: true, instructions: true } });
      if (!order) throw new TrackingLinkNotFound();
      if (isFinished(order.status)) throw new OrderStateConflict("order_finished", `the order is already ${order.status}; instructions can no longer change`);
      if (order.instructions === instructions) {
        await out.awaitPending([subjects.orderEvents(orderId)]);
        return { instructions };
      }
      await tx.order.update({ where: { id: orderId }, data: { instructions } });
      await recordOrderEvent(out, { type: "order.instructions_changed", orderId, at, instructions, by: "customer" });
      return { instructions };
    },
    { timeout: 20_000 },
  );
}
