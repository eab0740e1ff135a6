/**
 * The tracking link reaches the customer (docs/integrations.md "Tracking link by email and SMS"):
 * when an order goes out for delivery, its link is sent to the order's own `customerEmail` and/or
 * `customerPhone`, on the channels the operator turned on (SEND_TRACKING_LINK). The customer did
 * not opt in on the tracking page — they have not seen it yet — so this is the one message sent
 * unasked; every later one (N stops away, delivered…) follows the customer's own opt-ins as before.
 *
 * Once per order and channel, across redeliveries and restarts: a `notification_deliveries` row
 * (kind `tracking_link`, recipient the order) is claimed before sending, as every notification is
 * (deliver-notifications.ts `claim`), with the same bounded retries and give-up. A contact that
 * opted out (the link in the email, STOP to the SMS) is skipped; a contact is sent at most a few
 * links an hour (a shop's many orders to one person); a link replaced since is not sent.
 */
import { createHash } from "node:crypto";
import type { PrismaClient } from "../../../generated/prisma/client";
import { RateLimiter } from "../../../lib/domain/rate-limit";
import { toE164, trackingLinkTexts, type TrackingLinkChannel } from "../../../lib/domain/tracking-link-message";
import { hashToken } from "../../platform/auth/tokens";
import type { Mailer } from "./email-sender";
import { claim, type DeliveryRound } from "./claim-delivery";
import type { LinkSealer } from "./link-sealing";
import { TWILIO_UNSUBSCRIBED_CODE, type SmsSender } from "./sms-sender";

export interface TrackingLinkConfig {
  channels: readonly TrackingLinkChannel[];
  mailer: Mailer | null;
  sms: SmsSender | null;
  /** Origin of the links (PUBLIC_URL). */
  publicUrl: string;
  linkSealer: LinkSealer;
  /** SMS_DEFAULT_COUNTRY_CODE, for a stored phone that is not E.164 yet. */
  defaultCountryCode?: string;
  /** Links per contact; default 5 at once, 5 an hour. In memory, per process (bounded by RateLimiter). */
  perContact?: RateLimiter;
  log?: (message: string, error?: unknown) => void;
}

export const TRACKING_LINK_KIND = "tracking_link";
/** What an opt-out token seals its contact to (LinkSealer binds each sealed value to a context). */
const OPT_OUT_CONTEXT = "tracking-link-opt-out";

export function defaultPerContactLimiter(): RateLimiter {
  return new RateLimiter({ capacity: 5, refillPerSecond: 5 / 3600 }, 10_000);
}

/** The opt-outs table keeps no address: a SHA-256 of the normalised one (lower-case email, E.164 phone). */
export function contactHash(channel: TrackingLinkChannel, contact: string): string {
  return createHash("sha256")
    .update(`${channel}:${channel === "email" ? contact.trim().toLowerCase() : contact}`)
    .digest("base64url");
}

export function optOutToken(sealer: LinkSealer, channel: TrackingLinkChannel, contact: string): string {
  return sealer.seal(`${channel}:${contactHash(channel, contact)}`, OPT_OUT_CONTEXT);
}

/** The opt-out a token stands for, or null for a token this key did not seal. */
export function openOptOutToken(sealer: LinkSealer, token: string): { channel: TrackingLinkChannel; contactHash: string } | null {
  const opened = sealer.open(token, OPT_OUT_CONTEXT);
  const match = opened ? /^(email|sms):([\w-]{43})$/.exec(opened) : null;
  return match ? { channel: match[1] as TrackingLinkChannel, contactHash: match[2]! } : null;
}

export async function recordOptOut(prisma: PrismaClient, optOut: { channel: TrackingLinkChannel; contactHash: string }): Promise<void> {
  await prisma.contactOptOut.createMany({ data: [optOut], skipDuplicates: true });
}

type Outcome = { outcome: "sent" } | { outcome: "rejected" | "failed"; reason: string; isOptOut?: boolean };

/**
 * One round for an order that just went out for delivery. `isLastAttempt`: the event will not be
 * redelivered, so a failure is given up on now; `maxAttempts`: tries per channel.
 */
export async function deliverTrackingLink(prisma: PrismaClient, config: TrackingLinkConfig, orderId: string, isLastAttempt: boolean, maxAttempts: number): Promise<DeliveryRound> {
  if (config.channels.length === 0) return "done";
  const order = await prisma.order.findUnique({
    where: { id: orderId },
    select: { customerEmail: true, customerPhone: true, senderName: true, orderNumber: true, trackingTokenHash: true, trackingLink: true },
  });
  if (!order?.trackingLink) return "done";
  const token = config.linkSealer.open(order.trackingLink.trackingLinkSealed, orderId);
  if (token === null) {
    config.log?.(`tracking link: order ${orderId}'s kept link does not open with this process's LINK_SEALING_KEY`);
    return "retry";
  }
  // Replaced since (sent to the wrong person, leaked): the kept link no longer works.
  if (hashToken(token) !== order.trackingTokenHash) return "done";
  const url = `${config.publicUrl.replace(/\/+$/, "")}/track/${encodeURIComponent(token)}`;
  const locale = order.trackingLink.locale === "es" ? "es" : "en";

  let round: DeliveryRound = "done";
  for (const channel of config.channels) {
    const contact = channel === "email" ? order.customerEmail : order.customerPhone ? toE164(order.customerPhone, config.defaultCountryCode) : null;
    if (!contact) continue;
    const hash = contactHash(channel, contact);
    if (await prisma.contactOptOut.findUnique({ where: { channel_contactHash: { channel, contactHash: hash } } })) continue;
    const key = { orderId, kind: TRACKING_LINK_KIND, channel, recipientId: orderId };
    const claimed = await claim(prisma, key);
    if (claimed.state === "done") continue;
    if (claimed.state === "busy") {
      round = "retry";
      continue;
    }
    const where = { orderId_kind_channel_recipientId: key };
    const limiter = (config.perContact ??= defaultPerContactLimiter());
    if (claimed.attempt === 1 && !limiter.take(hash, Date.now()).isAllowed) {
      await prisma.notificationDelivery.update({ where, data: { state: "rejected", reason: "rate limited: too many tracking links to this contact this hour" } });
      continue;
    }
    const optOutUrl = `${config.publicUrl.replace(/\/+$/, "")}/api/tracking-link/opt-out/${optOutToken(config.linkSealer, channel, contact)}`;
    const texts = trackingLinkTexts(locale, { sender: order.senderName, orderNumber: order.orderNumber, url, optOutUrl });
    const result = await send(config, channel, contact, texts).catch((error: unknown): Outcome => ({ outcome: "failed", reason: `unexpected error (${(error as Error).name})` }));
    if (result.outcome === "sent") {
      await prisma.notificationDelivery.update({ where, data: { state: "sent", sentAt: new Date(), reason: null } });
      continue;
    }
    const what = `order ${orderId}'s tracking link by ${channel} (try ${claimed.attempt})`;
    if (result.outcome === "rejected") {
      if (result.isOptOut) await recordOptOut(prisma, { channel, contactHash: hash });
      await prisma.notificationDelivery.update({ where, data: { state: "rejected", reason: result.reason } });
      config.log?.(`tracking link: ${what} refused: ${result.reason}`);
    } else if (isLastAttempt || claimed.attempt >= maxAttempts) {
      await prisma.notificationDelivery.update({ where, data: { state: "failed", reason: result.reason } });
      config.log?.(`tracking link: gave up on ${what}: ${result.reason}`);
    } else {
      await prisma.notificationDelivery.update({ where, data: { state: "retry", reason: result.reason } });
      round = "retry";
    }
  }
  return round;
}

async function send(config: TrackingLinkConfig, channel: TrackingLinkChannel, contact: string, texts: ReturnType<typeof trackingLinkTexts>): Promise<Outcome> {
  if (channel === "sms") {
    if (!config.sms) return { outcome: "failed", reason: "SMS is not configured on this process" };
    const sent = await config.sms.send({ to: contact, body: texts.sms });
    if (sent.outcome === "sent") return { outcome: "sent" };
    return { outcome: sent.outcome, reason: sent.reason, isOptOut: sent.code === TWILIO_UNSUBSCRIBED_CODE };
  }
  if (!config.mailer) return { outcome: "failed", reason: "email is not configured on this process" };
  try {
    await config.mailer.send({ to: contact, subject: texts.emailSubject, text: texts.emailBody });
    return { outcome: "sent" };
  } catch (error) {
    const { code, responseCode } = error as { code?: string; responseCode?: number };
    // A permanent SMTP refusal (5xx) of the recipient is not retried; anything else is.
    const reason = `the SMTP server refused or was unreachable (${[code, responseCode].filter((part) => part !== undefined).join(" ") || "error"})`;
    return typeof responseCode === "number" && responseCode >= 500 ? { outcome: "rejected", reason } : { outcome: "failed", reason };
  }
}
