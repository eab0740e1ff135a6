/**
 * The customer opts in and out of notifications about their order, by its tracking token. A
 * finished order takes no new subscriber (there is nothing left to tell): the order row is
 * locked while the opt-in is stored, so a subscription is either in place before the finishing
 * event's deletion runs or refused. Push subscriptions are chosen by the customer's browser, so
 * their keys must be usable and their endpoint public https unless configured for tests
 * (check-push-subscription.ts; the push sender checks the address it connects to again), and an
 * order takes at most MAX_PUSH_SUBSCRIPTIONS_PER_ORDER of them.
 */
import { randomUUID } from "node:crypto";
import { isFinished } from "../../../lib/domain/order-status";
import type { TEmailSubscriptionRequest, TNotificationSubscriptionResponse, TPushSubscriptionRequest, TPushUnsubscribeRequest } from "../../../lib/schemas/notifications";
import type { CoreDeps, Tx } from "../../deps";
import { Conflict, OrderStateConflict, TrackingLinkNotFound } from "../../platform/domain-errors";
import { findOrderIdByToken } from "../../pipeline/views/get-order-view";
import { assertUsablePushSubscription } from "./check-push-subscription";
import type { LinkSealer } from "./link-sealing";

export class EmailNotificationsOff extends Conflict {
  constructor() {
    super("email_unavailable", "email notifications are not configured on this server");
  }
}

/** An application built without notifications (some tests and benches) takes no opt-in: it has no key to seal links with. */
export class NotificationsOff extends Conflict {
  constructor() {
    super("notifications_unavailable", "notifications are not configured on this server");
  }
}

export interface SubscriptionPolicy {
  isEmailEnabled: boolean;
  allowPrivatePushEndpoints: boolean;
  /** Seals the tracking link a subscription keeps: the database never holds it in plain text. */
  linkSealer: LinkSealer;
}

/**
 * Push subscriptions one order takes: every device of a household, with room to spare. Each is a
 * request per notification, so the cap bounds the work (and the endpoints stored) per order.
 */
export const MAX_PUSH_SUBSCRIPTIONS_PER_ORDER = 10;

/**
 * The cap is a refusal, not an eviction of the oldest: anyone holding the link could otherwise
 * push the customer's own devices out without a word. A device that opted in before renews freely
 * (same endpoint), and subscriptions the push service dropped (404/410, 400) free their place.
 */
export class TooManyPushSubscriptions extends Conflict {
  constructor() {
    super(
      "too_many_push_subscriptions",
      `this order already notifies ${MAX_PUSH_SUBSCRIPTIONS_PER_ORDER} devices, the most it can; turn notifications off on one of them first (email is still available)`,
    );
  }
}

type Deps = Pick<CoreDeps, "prisma">;

/** The order behind a tracking token; the routes resolve it before counting the write against the token. */
export async function orderIdOfToken(deps: Deps, token: string): Promise<string> {
  const orderId = await findOrderIdByToken(deps.prisma, token);
  if (!orderId) throw new TrackingLinkNotFound();
  return orderId;
}

/**
 * Runs `store` with the order's row locked, once the order is known to be open. The status change
 * that finishes an order takes the same lock, so its event (published after that commit) finds
 * every subscription stored before it, and none is stored after it.
 */
async function whileOpen(deps: Deps, orderId: string, store: (tx: Tx) => Promise<void>): Promise<void> {
  await deps.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM orders WHERE id = ${orderId} FOR UPDATE`;
    const order = await tx.order.findUnique({ where: { id: orderId }, select: { status: true } });
    if (!order) throw new TrackingLinkNotFound();
    if (isFinished(order.status)) throw new OrderStateConflict("order_finished", `the order is already ${order.status}; there is nothing left to notify`);
    await store(tx);
  });
}

/** `token` is the link the customer opted in from: notifications carry it, so it is kept sealed. */
export async function subscribePush(deps: Deps, policy: SubscriptionPolicy, orderId: string, token: string, input: TPushSubscriptionRequest): Promise<TNotificationSubscriptionResponse> {
  const { endpoint, keys } = input.subscription;
  await assertUsablePushSubscription(input.subscription, policy.allowPrivatePushEndpoints);
  const data = { p256dh: keys.p256dh, auth: keys.auth, locale: input.locale, trackingLinkSealed: policy.linkSealer.seal(token, orderId) };
  await whileOpen(deps, orderId, async (tx) => {
    const existing = await tx.pushSubscription.findUnique({ where: { orderId_endpoint: { orderId, endpoint } }, select: { id: true } });
    if (existing) {
      await tx.pushSubscription.update({ where: { id: existing.id }, data });
      return;
    }
    if ((await tx.pushSubscription.count({ where: { orderId } })) >= MAX_PUSH_SUBSCRIPTIONS_PER_ORDER) throw new TooManyPushSubscriptions();
    await tx.pushSubscription.create({ data: { id: randomUUID(), orderId, endpoint, ...data } });
  });
  return { channel: "push", isSubscribed: true };
}

export async function unsubscribePush(deps: Deps, orderId: string, input: TPushUnsubscribeRequest): Promise<TNotificationSubscriptionResponse> {
  await deps.prisma.pushSubscription.deleteMany({ where: { orderId, endpoint: input.endpoint } });
  return { channel: "push", isSubscribed: false };
}

export async function subscribeEmail(deps: Deps, policy: SubscriptionPolicy, orderId: string, token: string, input: TEmailSubscriptionRequest): Promise<TNotificationSubscriptionResponse> {
  if (!policy.isEmailEnabled) throw new EmailNotificationsOff();
  const data = { email: input.email, locale: input.locale, trackingLinkSealed: policy.linkSealer.seal(token, orderId) };
  await whileOpen(deps, orderId, async (tx) => {
    await tx.emailSubscription.upsert({ where: { orderId }, create: { orderId, ...data }, update: data });
  });
  return { channel: "email", isSubscribed: true };
}

export async function unsubscribeEmail(deps: Deps, orderId: string): Promise<TNotificationSubscriptionResponse> {
  await deps.prisma.emailSubscription.deleteMany({ where: { orderId } });
  return { channel: "email", isSubscribed: false };
}
