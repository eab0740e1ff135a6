/**
 * Sends the notifications one event calls for to every recipient of the order, each at most
 * once. A (order, kind, channel, recipient) row in `notification_deliveries` is CLAIMED before
 * sending and marked sent after, so an event redelivered after a crash between sending and the
 * JetStream ack finds it and sends nothing again; another process handling the same event at
 * the same moment finds a fresh claim and leaves it alone. A claim older than the lease is a
 * process that died while sending: taken over and sent (at least once rather than never).
 *
 * Each recipient is on its own: recipients are sent to side by side, a failure of one (a push
 * service down, keys nothing can be encrypted to) never holds back another, and every try is
 * counted on the row. A try that failed leaves the row in `retry` with the reason, for the
 * event's redelivery; after `maxAttempts` tries it is `failed` (given up, reason kept). A push
 * subscription that can never work (`expired`: 404/410; `rejected`: the keys cannot be
 * encrypted to, a 400, a private address) is deleted at once, so later events skip it.
 */
import type { PrismaClient } from "../../../generated/prisma/client";
import type { NotificationTrigger } from "../../../lib/domain/notification-triggers";
import { DEFAULT_RETRY_POLICY } from "../../../lib/domain/webhook-retry";
import { getNotificationTexts } from "../../../lib/i18n/notification-messages";
import { resolveLocale } from "../../../lib/i18n/locales";
import { claim, type DeliveryRound } from "./claim-delivery";
import type { TPushPayload } from "../../../lib/schemas/notifications";
import type { Mailer } from "./email-sender";
import type { TrackingLinkConfig } from "./deliver-tracking-link";
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
  /** SEND_TRACKING_LINK: the tracking link sent to the order's own email and/or phone when it goes out for delivery; unset: off. */
  trackingLink?: TrackingLinkConfig;
  log?: (message: string, error?: unknown) => void;
}

/** What one try to one recipient came to; `reason` (stored, logged) names a code, never an address. */
type SendOutcome = PushOutcome;

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

function trackingLink(config: NotifierConfig, token: string): string {
  return `${config.publicUrl.replace(/\/+$/, "")}/track/${encodeURIComponent(token)}`;
}

async function send(config: NotifierConfig, recipient: Recipient, orderId: string, trigger: NotificationTrigger): Promise<SendOutcome> {
  const texts = getNotificationTexts(resolveLocale([recipient.locale]));
  const title = texts.title(trigger.kind, trigger.stopsAway);
  const body = texts.body(trigger.kind, trigger.stopsAway);
  const token = config.linkSealer?.open(recipient.trackingLinkSealed, orderId) ?? null;
  if (token === null) {
    // Retried like any failed send: a process started with another LINK_SEALING_KEY may be the only one wrong.
    config.log?.(
      `notifications: the tracking link of order ${orderId}'s ${recipient.channel} subscription does not open with this process's link sealing key (every process needs the same LINK_SEALING_KEY)`,
    );
    return { outcome: "failed", reason: "the tracking link does not open with this process's LINK_SEALING_KEY (every process needs the same one)" };
  }
  const url = trackingLink(config, token);
  if (recipient.channel === "push") {
    const payload: TPushPayload = { title, body, url, tag: `${orderId}:${trigger.kind}` };
    return sendPush(recipient, payload, config.vapid, config.allowPrivatePushEndpoints);
  }
  if (!config.mailer) return { outcome: "failed", reason: "email is not configured on this process" };
  try {
    await config.mailer.send({ to: recipient.email, subject: title, text: `${body}\n\n${texts.trackLine}\n${url}\n\n--\n${texts.footer}\n` });
    return { outcome: "sent" };
  } catch (error) {
    // Codes only: an SMTP server's message may quote the address.
    const { code, responseCode } = error as { code?: string; responseCode?: number };
    return { outcome: "failed", reason: `the SMTP server refused or was unreachable (${[code, responseCode].filter((part) => part !== undefined).join(" ") || "error"})` };
  }
}

/**
 * One round for one event: claims, sends and records each (trigger, recipient) not yet done.
 * `isLastAttempt`: the event will not be redelivered, so a failure is given up on now;
 * `maxAttempts`: tries per recipient and kind, however the event's deliveries went.
 */
export async function deliverNotifications(
  prisma: PrismaClient,
  config: NotifierConfig,
  orderId: string,
  triggers: readonly NotificationTrigger[],
  storedAt: Date,
  isLastAttempt: boolean,
  maxAttempts: number = DEFAULT_RETRY_POLICY.maxAttempts,
): Promise<DeliveryRound> {
  if (triggers.length === 0) return "done";
  const recipients = await recipientsOf(prisma, orderId, storedAt, config.mailer !== null);

  /** This recipient's notifications of the event, in order; "retry" if one of them is to be tried again. */
  const deliverTo = async (recipient: Recipient): Promise<DeliveryRound> => {
    let round: DeliveryRound = "done";
    for (const trigger of triggers) {
      const key = { orderId, kind: trigger.kind, channel: recipient.channel, recipientId: recipient.id };
      const claimed = await claim(prisma, key);
      if (claimed.state === "done") continue;
      if (claimed.state === "busy") {
        round = "retry";
        continue;
      }
      const result = await send(config, recipient, orderId, trigger).catch((error: unknown): SendOutcome => ({ outcome: "failed", reason: `unexpected error (${(error as Error).name})` }));
      const where = { orderId_kind_channel_recipientId: key };
      if (result.outcome === "sent") {
        await prisma.notificationDelivery.update({ where, data: { state: "sent", sentAt: new Date(), reason: null } });
        continue;
      }
      const what = `order ${orderId}'s ${recipient.channel} notification "${trigger.kind}" (try ${claimed.attempt})`;
      if (result.outcome === "expired" || result.outcome === "rejected") {
        await prisma.notificationDelivery.update({ where, data: { state: result.outcome, reason: result.reason } });
        if (recipient.channel === "push") await prisma.pushSubscription.deleteMany({ where: { id: recipient.id } });
        config.log?.(`notifications: dropped the push subscription behind ${what}: ${result.reason}`);
        // Its other notifications would fail the same way: the subscription is gone.
        return round;
      }
      if (isLastAttempt || claimed.attempt >= maxAttempts) {
        await prisma.notificationDelivery.update({ where, data: { state: "failed", reason: result.reason } });
        config.log?.(`notifications: gave up on ${what}: ${result.reason}`);
      } else {
        await prisma.notificationDelivery.update({ where, data: { state: "retry", reason: result.reason } });
        round = "retry";
      }
    }
    return round;
  };

  const rounds = await Promise.allSettled(recipients.map(deliverTo));
  const broken = rounds.find((settled) => settled.status === "rejected");
  // The database failed under one of them: the event is redelivered, and what was recorded holds.
  if (broken) throw broken.reason;
  return rounds.some((settled) => settled.status === "fulfilled" && settled.value === "retry") ? "retry" : "done";
}

/** The order is finished or its link replaced: nothing more to tell, and the addresses go. */
export async function endSubscriptions(prisma: PrismaClient, orderId: string): Promise<void> {
  await prisma.$transaction([prisma.pushSubscription.deleteMany({ where: { orderId } }), prisma.emailSubscription.deleteMany({ where: { orderId } })]);
}

/**
 * Subscriptions of orders finished before `finishedBefore`: what the finishing event's deletion
 * missed (a process that died between the last send and the deletion, an event given up on).
 * The dispatcher sweeps at start-up and every few minutes, with a grace longer than the retries
 * of the last notification, so the sweep never takes a subscription whose news is still under way.
 */
export async function sweepEndedSubscriptions(prisma: PrismaClient, finishedBefore: Date): Promise<number> {
  const where = { order: { finishedAt: { lt: finishedBefore } } };
  const [pushes, emails] = await prisma.$transaction([prisma.pushSubscription.deleteMany({ where }), prisma.emailSubscription.deleteMany({ where })]);
  return pushes.count + emails.count;
}
