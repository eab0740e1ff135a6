import type { TFeedback, TFeedbackRequest } from "../../../lib/schemas/customer";
import type { CoreDeps } from "../../deps";
import { OrderStateConflict, TrackingLinkNotFound } from "../../platform/domain-errors";
import { commitAndPublish } from "../../pipeline/outbox/commit-and-publish";
import { recordOrderEvent } from "../orders/order-events";
import { findOrderIdByToken } from "../../pipeline/views/get-order-view";

/** The customer rates a delivered order, once: a second attempt is a 409, not an overwrite. */
export async function rateOrder(deps: Pick<CoreDeps, "prisma" | "outbox">, token: string, input: TFeedbackRequest): Promise<TFeedback> {
  const orderId = await findOrderIdByToken(deps.prisma, token);
  if (!orderId) throw new TrackingLinkNotFound();
  const at = Date.now();
  const comment = input.comment ? input.comment : null;
  return commitAndPublish(
    deps,
    async (out) => {
      const { tx } = out;
      // Two tabs submitting at once: the row lock makes the second one see the first's rating.
      await tx.$queryRaw`SELECT id FROM orders WHERE id = ${orderId} FOR UPDATE`;
      const order = await tx.order.findUnique({ where: { id: orderId }, select: { status: true, feedback: true } });
      if (!order) throw new TrackingLinkNotFound();
      if (order.status !== "delivered") throw new OrderStateConflict("not_delivered", "an order can be rated once it is delivered");
      if (order.feedback) throw new OrderStateConflict("already_rated", "this order has already been rated");
      const created = await tx.orderFeedback.create({ data: { orderId, rating: input.rating, comment, createdAt: new Date(at) } });
      await recordOrderEvent(out, { type: "order.rated", orderId, at, rating: input.rating, comment }, `${orderId}:rated`);
      return { rating: created.rating, comment: created.comment, createdAt: created.createdAt.toISOString() };
    },
    { timeout: 20_000 },
  );
}
