/**
 * Keeps an order's tracking link sealed (server/notifications/link-sealing.ts) so the link can be
 * sent to the customer's email or phone when the order goes out for delivery. Without a sealer
 * (a caller that sends nothing) nothing is kept.
 */
import type { CoreDeps } from "../deps";
import type { LinkSealer } from "../notifications/link-sealing";

export async function keepTrackingLink(deps: Pick<CoreDeps, "prisma"> & { linkSealer?: LinkSealer }, orderId: string, token: string, locale: string): Promise<void> {
  if (!deps.linkSealer) return;
  const trackingLinkSealed = deps.linkSealer.seal(token, orderId);
  await deps.prisma.trackingLink.upsert({ where: { orderId }, create: { orderId, trackingLinkSealed, locale }, update: { trackingLinkSealed, locale } });
}
