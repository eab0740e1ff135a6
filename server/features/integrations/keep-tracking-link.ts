/**
 * Keeps an order's tracking link sealed (server/features/notifications/link-sealing.ts) so the link can be
 * sent to the customer's email or phone when the order goes out for delivery. Without a sealer
 * (a caller that sends nothing) nothing is kept.
 */
import type { CoreDeps } from "../../deps";
import type { LinkSealer } from "../notifications/link-sealing";

export async function keepTrackingLink(deps: Pick<CoreDeps, "prisma"> & { linkSealer?: LinkSealer }, orderId: string, token: string, locale: string): Promise<void> {
  if (!deps.linkSealer) return;
  const trackingLinkSealed = deps.linkSealer.seal(token, orderId);
  await deps.prisma.trackingLink.upsert({ where: { orderId }, create: { orderId, trackingLinkSealed, locale }, update: { trackingLinkSealed, locale } });
}

/** After an order's creation by the API or the dashboard: its link is kept when there is an email or phone to send it to. */
export async function keepTrackingLinkIfContact(
  deps: Pick<CoreDeps, "prisma"> & { notifications?: { linkSealer?: LinkSealer } },
  created: { id: string; trackingUrl: string; customerEmail: string | null; customerPhone: string | null },
): Promise<void> {
  if (!created.customerEmail && !created.customerPhone) return;
  await keepTrackingLink({ prisma: deps.prisma, linkSealer: deps.notifications?.linkSealer }, created.id, tokenOf(created.trackingUrl), "en");
}

/** After the link was replaced: a kept link follows (the old one no longer opens the page). */
export async function replaceKeptTrackingLink(deps: Pick<CoreDeps, "prisma"> & { notifications?: { linkSealer?: LinkSealer } }, orderId: string, trackingUrl: string): Promise<void> {
  const sealer = deps.notifications?.linkSealer;
  if (!sealer) return;
  await deps.prisma.trackingLink.updateMany({ where: { orderId }, data: { trackingLinkSealed: sealer.seal(tokenOf(trackingUrl), orderId) } });
}

/** The token of a `/track/<token>` path, as create-order and regenerate-tracking-link return it. */
export function tokenOf(trackingUrl: string): string {
  return trackingUrl.slice(trackingUrl.lastIndexOf("/track/") + "/track/".length);
}
