import { randomUUID } from "node:crypto";
import type { CoreDeps } from "../deps";
import { PayloadTooLarge } from "../domain-errors";
import { updateOrderStatus, type StatusUpdateResult } from "../orders/update-order-status";
import {
  MAX_PROOF_PHOTO_BYTES,
  MAX_PROOF_SIGNATURE_BYTES,
  type FailureReason,
  type TDriverStatusRequest,
} from "../../lib/schemas/driver";

const REASON_WORDS: Readonly<Record<FailureReason, string>> = {
  customer_absent: "Customer not at home",
  address_not_found: "Address not found",
  refused: "Customer refused the delivery",
  damaged: "Parcel damaged",
  no_access: "No access to the building",
  other: "Other",
};

function decodeDataUrl(dataUrl: string, limit: number, what: string): { type: string; bytes: Buffer } {
  const comma = dataUrl.indexOf(",");
  const type = dataUrl.slice(5, dataUrl.indexOf(";"));
  const bytes = Buffer.from(dataUrl.slice(comma + 1), "base64");
  if (bytes.length > limit) throw new PayloadTooLarge(`the ${what} is ${bytes.length} bytes; the limit is ${limit}`);
  return { type, bytes };
}

/**
 * A driver's tap on a stop: the contract's status change, with the failure reason folded into
 * the note and, for "delivered", the proof stored in the same transaction as the status (the
 * event only says that a proof exists).
 */
export async function updateStopStatus(
  deps: Pick<CoreDeps, "prisma" | "outbox">,
  driverId: string,
  orderId: string,
  input: TDriverStatusRequest,
): Promise<StatusUpdateResult> {
  const note = input.reason ? [REASON_WORDS[input.reason], input.note].filter(Boolean).join(": ") : input.note;
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
  return updateOrderStatus(deps, driverId, orderId, { status: input.status, ...(note ? { note } : {}) }, onChange);
}
