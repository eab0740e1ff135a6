import { ZDeliveredTo } from "../../../lib/schemas/driver";
import type { TAdminOrderDelivery } from "../../../lib/schemas/order-admin";
import type { CoreDeps } from "../../deps";
import { OrderNotFound } from "../../platform/domain-errors";

/**
 * Support's view of how an order ended: where the parcel was left, the driver's proof of delivery (image URLs under the
 * staff API, never the customer's token) and the customer's rating. Bytes are not loaded here.
 */
export async function getOrderDelivery(deps: Pick<CoreDeps, "prisma">, orderId: string): Promise<TAdminOrderDelivery> {
  const order = await deps.prisma.order.findUnique({
    where: { id: orderId },
    select: { id: true, feedback: true, deliveredTo: true, proof: { select: { id: true, note: true, createdAt: true } } },
  });
  if (!order) throw new OrderNotFound(orderId);
  let proof: TAdminOrderDelivery["proof"] = null;
  if (order.proof) {
    const [row] = await deps.prisma.$queryRaw<{ has_photo: boolean; has_signature: boolean }[]>`
      SELECT photo IS NOT NULL AS has_photo, signature IS NOT NULL AS has_signature FROM delivery_proofs WHERE id = ${order.proof.id}`;
    const base = `/api/admin/orders/${encodeURIComponent(orderId)}/proof`;
    proof = {
      photoUrl: row?.has_photo ? `${base}/photo` : null,
      signatureUrl: row?.has_signature ? `${base}/signature` : null,
      note: order.proof.note,
      createdAt: order.proof.createdAt.toISOString(),
    };
  }
  const feedback = order.feedback ? { rating: order.feedback.rating, comment: order.feedback.comment, createdAt: order.feedback.createdAt.toISOString() } : null;
  const deliveredTo = ZDeliveredTo.safeParse(order.deliveredTo);
  return { orderId, proof, feedback, deliveredTo: deliveredTo.success ? deliveredTo.data : null };
}
