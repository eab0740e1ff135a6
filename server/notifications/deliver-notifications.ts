/**
 * Sends the notifications one event calls for to every recipient of the order, each at most
 * once. A (order, kind, channel, recipient) row in `notification_deliveries` is CLAIMED before
 * sending and marked sent after, so an event redelivered after a crash between sending and the
 * JetStream ack finds it and sends nothing again; another process handling the same event at
 * the same moment finds a fresh claim and leaves it alone. A claim older than the lease is a
 * process that died while sending: taken over and sent (at least once rather than never).
 */
import type { PrismaClient } from "../../generated/prisma/client";
import type { NotificationTrigger } from "../../lib/domain/notification-triggers";
import { getNotificationTexts } from "../../lib/i18n/notification-messages";
import { resolveLocale } from "../../lib/i18n/locales";
import type { TPushPayload } from "../../lib/schemas/notifications";
import type { Mailer } from "./email-sender";
import type { LinkSealer } from "./link-sealing";
import { sendPush, type PushOutcome } from "./push-sender";
import type { VapidKeys } from "./vapid-keys";

export interface NotifierConfig {
  vapid: VapidKeys;
  /** null: SMTP is not configured, email is off. */
  mailer: Mailer | null;
  /** NOTIFY_STOPS_AWAY: "N stops away" is told at N or fewer. */
  notifyStopsAway: number;
  /** Origin of the tracking links in notifications (PUBLIC_URL). */
  publicUrl: string;
  /** Tests: a push service on loopback (production endpoints must be public https). */
  allowPrivatePushEndpoints: boolean;
  /**
   * Opens the tracking links subscriptions keep sealed: the same key the opt-ins sealed them
   * with. Optional only so a caller that sends nothing (bench/order-creation.ts) needs none;
   * without it, or with another key, a recipient's send fails and is logged.
   */
  linkSealer?: LinkSealer;
  log?: (message: string, error?: unknown) => void;
}

/** Longer than a send can take (push and SMTP time out sooner): an older claim is a dead process's. */
const CLAIM_LEASE_MS = 60_000;

/** done: every recipient has it (or was given up on); retry: try the event again later. */
export type DeliveryRound = "done" | "retry";

/** `trackingLinkSealed` is opened only when a message is sent, so the token is in memory no longer than needed. */
type Recipient =
  | { channel: "push"; id: string; locale: string; trackingLinkSealed: string; endpoint: string; p256dh: string; auth: string }
  | { channel: "email"; id: string; locale: string; trackingLinkSealed: string; email: string };

async function recipientsOf(prisma: PrismaClient, orderId: string, storedAt: Date, hasEmail: boolean): Promise<Recipient[]> {
  // Those who opted in before the event happened: a later subscriber is not told old news.
  const [pushes, email] = await Promise.all([
    prisma.pushSubscription.findMany({ where: { orderId, createdAt: { lte: storedAt } } }),
    hasEmail ? prisma.emailSubscription.findFirst({ where: { orderId, createdAt: { lte: storedAt } } }) : null,
  ]);
  const recipients: Recipient[] = pushes.map((push) => ({
    channel: "push",
    id: push.id,
    locale: push.locale,
    trackingLinkSealed: push.trackingLinkSealed,
    endpoint: push.endpoint,
    p256dh: push.p256dh,
    auth: push.auth,
  }));
  if (email) recipients.push({ channel: "email", id: orderId, locale: email.locale, trackingLinkSealed: email.trackingLinkSealed, email: email.email });
  return recipients;
}

type ClaimKey = { orderId: string; kind: string; channel: string; recipientId: string };

async function claim(prisma: PrismaClient, key: ClaimKey): Promise<"claimed" | "done" | "busy"> {
  const now = new Date();
  const { count } = await prisma.notificationDelivery.createMany({ data: [{ ...key, state: "sending", claimedAt: now }], skipDuplicates: true });
  if (count === 1) return "claimed";
  const takenOver = await prisma.notificationDelivery.updateMany({
    where: { ...key, state: "sending", claimedAt: { lt: new Date(now.getTime() - CLAIM_LEASE_MS) } },
    data: { claimedAt: now },
  });
  if (takenOver.count === 1) return "claimed";
  const row = await prisma.notificationDelivery.findUnique({ where: { orderId_kind_channel_recipientId: key }, select: { state: true } });
  return row?.state === "sending" ? "busy" : "done";
}

function trackingLink(config: NotifierConfig, token: string): string {
  return `${config.publicUrl.replace(/\/+$/, "")}/track/${encodeURIComponent(token)}`;
}

async function send(config: NotifierConfig, recipient: Recipient, orderId: string, trigger: NotificationTrigger): Promise<PushOutcome> {
  const texts = getNotificationTexts(resolveLocale([recipient.locale]));
  const title = texts.title(trigger.kind, trigger.stopsAway);
  const body = texts.body(trigger.kind, trigger.stopsAway);
  const token = config.linkSealer?.open(recipient.trackingLinkSealed, orderId) ?? null;
  if (token === null) {
    // Retried like any failed send: a process started with another LINK_SEALING_KEY may be the only one wrong.
    config.log?.(`notifications: the tracking link of order ${orderId}'s ${recipient.channel} subscription does not open with this process's link sealing key (every process needs the same LINK_SEALING_KEY)`);
    return "failed";
  }
  const url = trackingLink(config, token);
  if (recipient.channel === "push") {
    const payload: TPushPayload = { title, body, url, tag: `${orderId}:${trigger.kind}` };
    return sendPush(recipient, payload, config.vapid, config.allowPrivatePushEndpoints);
  }
  if (!config.mailer) return "failed";
  try {
    await config.mailer.send({ to: recipient.email, subject: title, text: `${body}\n\n${texts.trackLine}\n${url}\n\n--\n${texts.footer}\n` });
    return "sent";
  } catch {
    return "failed";
  }
}

/**
 * One round for one event: claims, sends and records each (trigger, recipient) not yet done.
 * `isLastAttempt`: a failure is recorded as given up instead of released for a retry.
 */
export async function deliverNotifications(
  prisma: PrismaClient,
  config: NotifierConfig,
  orderId: string,
  triggers: readonly NotificationTrigger[],
  storedAt: Date,
  isLastAttempt: boolean,
): Promise<DeliveryRound> {
  if (triggers.length === 0) return "done";
  const recipients = await recipientsOf(prisma, orderId, storedAt, config.mailer !== null);
  let round: DeliveryRound = "done";
  const expired = new Set<string>();
  for (const trigger of triggers) {
    for (const recipient of recipients) {
      if (expired.has(recipient.id)) continue;
      const key = { orderId, kind: trigger.kind, channel: recipient.channel, recipientId: recipient.id };
      const claimed = await claim(prisma, key);
      if (claimed === "done") continue;
      if (claimed === "busy") {
        round = "retry";
        continue;
      }
      const outcome = await send(config, recipient, orderId, trigger);
      const where = { orderId_kind_channel_recipientId: key };
      if (outcome === "sent") {
        await prisma.notificationDelivery.update({ where, data: { state: "sent", sentAt: new Date() } });
      } else if (outcome === "expired" && recipient.channel === "push") {
        await prisma.notificationDelivery.update({ where, data: { state: "expired" } });
        await prisma.pushSubscription.deleteMany({ where: { id: recipient.id } });
        expired.add(recipient.id);
      } else if (isLastAttempt) {
        await prisma.notificationDelivery.update({ where, data: { state: "failed" } });
      } else {
        // Released: the retry claims it afresh.
        await prisma.notificationDelivery.delete({ where });
        round = "retry";
      }
    }
  }
  return round;
}

/** The order is finished or its link replaced: nothing more to tell, and the addresses go. */
export async function endSubscriptions(prisma: PrismaClient, orderId: string): Promise<void> {
  await prisma.$transaction([prisma.pushSubscription.deleteMany({ where: { orderId } }), prisma.emailSubscription.deleteMany({ where: { orderId } })]);
}
