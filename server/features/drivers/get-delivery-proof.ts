import type { CoreDeps } from "../../deps";
import { DeliveryProofNotFound } from "../../platform/domain-errors";

export interface DeliveryProofSummary {
  orderId: string;
  photoType: string | null;
  photoBytes: number;
  signatureBytes: number;
  note: string | null;
  createdAt: string;
}

/** What a driver stored as proof for one of their own orders (sizes, not bytes). */
export async function getDeliveryProof(deps: Pick<CoreDeps, "prisma">, driverId: string, orderId: string): Promise<DeliveryProofSummary> {
  const proof = await deps.prisma.deliveryProof.findUnique({ where: { orderId }, include: { order: { select: { driverId: true } } } });
  if (!proof || proof.order.driverId !== driverId) throw new DeliveryProofNotFound(`no proof of delivery for order ${orderId} on your route`);
  return {
    orderId,
    photoType: proof.photoType,
    photoBytes: proof.photo?.length ?? 0,
    signatureBytes: proof.signature?.length ?? 0,
    note: proof.note,
    createdAt: proof.createdAt.toISOString(),
  };
}
