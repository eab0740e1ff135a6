import type { CoreDeps } from "../deps";
import { generateToken, hashToken } from "../auth/tokens";
import { notFound } from "../http/api-error";
import { recordOrderEvent } from "./order-events";

export interface RegeneratedTrackingLink {
  orderId: string;
  /** `/track/<token>`: shown once, like at creation; only its hash is stored. */
  trackingUrl: string;
}

/**
 * Replaces an order's tracking token (a link sent to the wrong person, or leaked): the old link,
 * its page, API and socket watch, answer "unknown or revoked" from the moment this commits.
 * The event says only that the link changed: the token never goes on the stream.
 */
export async function regenerateTrackingLink(deps: Pick<CoreDeps, "prisma" | "js">, orderId: string): Promise<RegeneratedTrackingLink> {
  const token = generateToken();
  const at = Date.now();
  await deps.prisma.$transaction(
    async (tx) => {
      const { count } = await tx.order.updateMany({ where: { id: orderId }, data: { trackingTokenHash: hashToken(token) } });
      if (count === 0) throw notFound(`no order with id ${orderId}`);
      await recordOrderEvent(tx, deps.js, { type: "order.tracking_link_changed", orderId, at, by: "admin" });
    },
    { timeout: 20_000, maxWait: 20_000 },
  );
  return { orderId, trackingUrl: `/track/${token}` };
}
