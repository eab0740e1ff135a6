import type { ServerResponse } from "node:http";
import type { PrismaClient } from "../../../generated/prisma/client";
import { DeliveryProofNotFound } from "../../platform/domain-errors";

/**
 * Writes one image of an order's proof of delivery (photo or signature). The caller has
 * authorised the reader (tracking token, or staff); this only finds and sends the bytes.
 */
export async function sendDeliveryProofImage(res: ServerResponse, prisma: PrismaClient, orderId: string, kind: string): Promise<void> {
  if (kind !== "photo" && kind !== "signature") throw new DeliveryProofNotFound(`no proof part ${kind}`);
  const proof = await prisma.deliveryProof.findUnique({ where: { orderId }, select: { photo: true, photoType: true, signature: true } });
  const bytes = kind === "photo" ? proof?.photo : proof?.signature;
  if (!proof || !bytes) throw new DeliveryProofNotFound(`this delivery has no ${kind}`);
  const type = kind === "photo" ? (proof.photoType ?? "image/jpeg") : "image/png";
  // Binary, so written here; the router writes nothing once headers are sent.
  res.writeHead(200, { "Content-Type": type, "Content-Length": bytes.length, "Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff" });
  res.end(Buffer.from(bytes));
}
