import type { TCustomerOrder, TDeliveryProofSummary } from "../../../lib/schemas/customer";
import type { CoreDeps } from "../../deps";
import { DELIVERY_CHOICE_FIELDS, toDeliveryChoice } from "../delivery-choices/to-delivery-choice";
import { findOrderIdByToken, getOrderView } from "../../pipeline/views/get-order-view";
import { readOrderTimeline } from "./read-order-timeline";

/**
 * The proof of delivery the driver captured (the driver app stores it in delivery_proofs), as
 * URLs under the customer's own tracking link: the bytes are served only to its token holder.
 */
export async function getDeliveryProof(deps: Pick<CoreDeps, "prisma">, orderId: string, token: string): Promise<TDeliveryProofSummary | null> {
  const proof = await deps.prisma.deliveryProof.findUnique({
    where: { orderId },
    select: { note: true, createdAt: true, photoType: true, photo: false, signature: false, id: true },
  });
  if (!proof) return null;
  // Which images exist, without loading their bytes.
  const [row] = await deps.prisma.$queryRaw<{ has_photo: boolean; has_signature: boolean }[]>`
    SELECT photo IS NOT NULL AS has_photo, signature IS NOT NULL AS has_signature FROM delivery_proofs WHERE id = ${proof.id}`;
  const base = `/api/track/${encodeURIComponent(token)}/proof`;
  return {
    photoUrl: row?.has_photo ? `${base}/photo` : null,
    signatureUrl: row?.has_signature ? `${base}/signature` : null,
    note: proof.note,
    createdAt: proof.createdAt.toISOString(),
  };
}

/** Everything the tracking page shows for the order behind `token`, or null for an unknown token. */
export async function getCustomerOrder(deps: CoreDeps, token: string): Promise<TCustomerOrder | null> {
  const orderId = await findOrderIdByToken(deps.prisma, token);
  if (!orderId) return null;
  const [view, timeline, order] = await Promise.all([
    getOrderView(deps, orderId),
    readOrderTimeline(deps, orderId),
    deps.prisma.order.findUnique({
      where: { id: orderId },
      select: {
        instructions: true,
        finishedAt: true,
        status: true,
        feedback: true,
        dueAt: true,
        deliveryChoice: { select: DELIVERY_CHOICE_FIELDS },
        senderName: true,
        orderNumber: true,
        senderPhone: true,
        senderEmail: true,
      },
    }),
  ]);
  if (!view || !order) return null;
  // The first window the customer was shown is the promise later estimates are held to; a new day
  // agreed with the sender starts a new promise (the old day's windows no longer bind).
  const acceptedAt = order.deliveryChoice?.kind === "reschedule" ? order.deliveryChoice.acceptedAt : null;
  const firstPrediction = await deps.prisma.etaPrediction.findFirst({
    where: { orderId, ...(acceptedAt ? { predictedAt: { gte: acceptedAt } } : {}) },
    orderBy: { predictedAt: "asc" },
    select: { latestAt: true },
  });
  const isFinished = order.status === "delivered" || order.status === "failed";
  return {
    view,
    timeline,
    instructions: order.instructions,
    choice: toDeliveryChoice(order.deliveryChoice),
    finishedAt: isFinished ? (order.finishedAt?.toISOString() ?? null) : null,
    feedback: order.feedback ? { rating: order.feedback.rating, comment: order.feedback.comment, createdAt: order.feedback.createdAt.toISOString() } : null,
    proof: order.status === "delivered" ? await getDeliveryProof(deps, orderId, token) : null,
    promise: { dueAt: order.dueAt?.toISOString() ?? null, firstLatest: firstPrediction?.latestAt.toISOString() ?? null },
    sender: { name: order.senderName, orderNumber: order.orderNumber, phone: order.senderPhone, email: order.senderEmail },
  };
}
