import type { CoreDeps } from "../../deps";
import { generateToken, hashToken } from "../../platform/auth/tokens";
import { OrderNotFound } from "../../platform/domain-errors";
import { commitAndPublish } from "../../pipeline/outbox/commit-and-publish";
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
export async function regenerateTrackingLink(deps: Pick<CoreDeps, "prisma" | "outbox">, orderId: string): Promise<RegeneratedTrackingLink> {
  const token = generateToken();
  const at = Date.now();
  await commitAndPublish(
    deps,
    async (out) => {
      const { count } = await out.tx.order.updateMany({ where: { id: orderId }, data: { trackingTokenHash: hashToken(token) } });
      if (count === 0) throw new OrderNotFound(orderId);
      await recordOrderEvent(out, { type: "order.tracking_link_changed", orderId, at, by: "admin" });
    },
    // The new link is shown only in this reply: answer with it even if the event is late.
    { timeout: 20_000, publication: "best-effort" },
  );
  return { orderId, trackingUrl: `/track/${token}` };
}
