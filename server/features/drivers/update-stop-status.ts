import { randomUUID } from "node:crypto";
import type { CoreDeps } from "../../deps";
import { PayloadTooLarge } from "../../platform/domain-errors";
import { updateOrderStatus, type StatusUpdateResult } from "../orders/update-order-status";
import { MAX_PROOF_PHOTO_BYTES, MAX_PROOF_SIGNATURE_BYTES, type TDriverStatusRequest } from "../../../lib/schemas/driver";

function decodeDataUrl(dataUrl: string, limit: number, what: string): { type: string; bytes: Buffer } {
  const comma = dataUrl.indexOf(",");
  const type = dataUrl.slice(5, dataUrl.indexOf(";"));
  const bytes = Buffer.from(dataUrl.slice(comma + 1), "base64");
  if (bytes.length > limit) throw new PayloadTooLarge(`the ${what} is ${bytes.length} bytes; the limit is ${limit}`);
  return { type, bytes };
}

/**
 * A driver's tap on a stop: the contract's status change, with how it ended as codes (a
 * failure's reason, where a delivered parcel was left: each reader words them in its own
 * language) and, for "delivered", the proof stored in the same transaction as the status (the
 * event only says that a proof exists). The note stays the driver's own words.
 */
export async function updateStopStatus(deps: Pick<CoreDeps, "prisma" | "outbox">, driverId: string, orderId: string, input: TDriverStatusRequest): Promise<StatusUpdateResult> {
  const note = input.note;
  const proofInput = input.proof;
  // Decode (and size-check) before the transaction: a 413 should not hold a row lock.
  const photo = proofInput?.photo ? decodeDataUrl(proofInput.photo, MAX_PROOF_PHOTO_BYTES, "photo") : null;
  const signature = proofInput?.signature ? decodeDataUrl(proofInput.signature, MAX_PROOF_SIGNATURE_BYTES, "signature") : null;
  const onChange = proofInput
    ? async (tx: Parameters<NonNullable<Parameters<typeof updateOrderStatus>[4]>>[0]) => {
        const data = {
          driverId,
          photo: photo ? new Uint8Array(photo.bytes) : null,
          photoType: photo?.type ?? null,
          signature: signature ? new Uint8Array(signature.bytes) : null,
          note: input.note ?? null,
        };
        await tx.deliveryProof.upsert({ where: { orderId }, create: { id: randomUUID(), orderId, ...data }, update: data });
        return { proof: { hasPhoto: photo !== null, hasSignature: signature !== null } };
      }
    : undefined;
  const outcome = { ...(input.reason ? { reason: input.reason } : {}), ...(input.deliveredTo ? { deliveredTo: input.deliveredTo } : {}) };
  return updateOrderStatus(deps, driverId, orderId, { status: input.status, ...(note ? { note } : {}), ...outcome }, onChange);
}
