/**
 * The start-up step after the migrations: seals the tracking tokens that subscriptions made
 * before links were sealed still hold in plain text (migration 20261201090000_sealed_tracking_links
 * marked them `plaintext:`; SQL has no key to seal with). Run before notifications are sent.
 * Idempotent and safe with several processes starting at once: each row is replaced only if it
 * still holds the plaintext it was read with.
 */
import type { PrismaClient } from "../../../generated/prisma/client";
import type { LinkSealer } from "./link-sealing";

export const PLAINTEXT_MARK = "plaintext:";

/** Returns how many subscriptions were sealed. */
export async function sealPlaintextLinks(prisma: PrismaClient, sealer: LinkSealer): Promise<number> {
  const unsealed = { trackingLinkSealed: { startsWith: PLAINTEXT_MARK } };
  const [pushes, emails] = await Promise.all([
    prisma.pushSubscription.findMany({ where: unsealed, select: { id: true, orderId: true, trackingLinkSealed: true } }),
    prisma.emailSubscription.findMany({ where: unsealed, select: { orderId: true, trackingLinkSealed: true } }),
  ]);
  const sealedOf = (row: { orderId: string; trackingLinkSealed: string }) => sealer.seal(row.trackingLinkSealed.slice(PLAINTEXT_MARK.length), row.orderId);
  let count = 0;
  for (const push of pushes) {
    const { count: updated } = await prisma.pushSubscription.updateMany({
      where: { id: push.id, trackingLinkSealed: push.trackingLinkSealed },
      data: { trackingLinkSealed: sealedOf(push) },
    });
    count += updated;
  }
  for (const email of emails) {
    const { count: updated } = await prisma.emailSubscription.updateMany({
      where: { orderId: email.orderId, trackingLinkSealed: email.trackingLinkSealed },
      data: { trackingLinkSealed: sealedOf(email) },
    });
    count += updated;
  }
  return count;
}
