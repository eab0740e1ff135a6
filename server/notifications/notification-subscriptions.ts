/**
 * The customer opts in and out of notifications about their order, by its tracking token. A
 * finished order takes no new subscriber (there is nothing left to tell). Push endpoints are
 * chosen by the customer's browser, so they are held to public https unless configured for
 * tests (the push sender checks the address it connects to again).
 */
import { randomUUID } from "node:crypto";
import { isFinished } from "../../lib/domain/order-status";
import type { TEmailSubscriptionRequest, TNotificationSubscriptionResponse, TPushSubscriptionRequest, TPushUnsubscribeRequest } from "../../lib/schemas/notifications";
import type { CoreDeps } from "../deps";
import { Conflict, InvalidInput, OrderStateConflict, TrackingLinkNotFound } from "../domain-errors";
import { findOrderIdByToken } from "../views/get-order-view";
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

type Deps = Pick<CoreDeps, "prisma">;

/** The order behind a tracking token; the routes resolve it before counting the write against the token. */
export async function orderIdOfToken(deps: Deps, token: string): Promise<string> {
  const orderId = await findOrderIdByToken(deps.prisma, token);
  if (!orderId) throw new TrackingLinkNotFound();
  return orderId;
}

async function ensureOpen(deps: Deps, orderId: string): Promise<void> {
  const order = await deps.prisma.order.findUnique({ where: { id: orderId }, select: { status: true } });
  if (!order) throw new TrackingLinkNotFound();
  if (isFinished(order.status)) throw new OrderStateConflict("order_finished", `the order is already ${order.status}; there is nothing left to notify`);
}

/** `token` is the link the customer opted in from: notifications carry it, so it is kept sealed. */
export async function subscribePush(deps: Deps, policy: SubscriptionPolicy, orderId: string, token: string, input: TPushSubscriptionRequest): Promise<TNotificationSubscriptionResponse> {
  const { endpoint, keys } = input.subscription;
  if (!policy.allowPrivatePushEndpoints && !endpoint.startsWith("https://")) throw new InvalidInput("invalid_push_endpoint", "a push endpoint must be an https URL");
  await ensureOpen(deps, orderId);
  const data = { p256dh: keys.p256dh, auth: keys.auth, locale: input.locale, trackingLinkSealed: policy.linkSealer.seal(token, orderId) };
  await deps.prisma.pushSubscription.upsert({
    where: { orderId_endpoint: { orderId, endpoint } },
    create: { id: randomUUID(), orderId, endpoint, ...data },
    update: data,
  });
  return { channel: "push", isSubscribed: true };
}

export async function unsubscribePush(deps: Deps, orderId: string, input: TPushUnsubscribeRequest): Promise<TNotificationSubscriptionResponse> {
  await deps.prisma.pushSubscription.deleteMany({ where: { orderId, endpoint: input.endpoint } });
  return { channel: "push", isSubscribed: false };
}

export async function subscribeEmail(deps: Deps, policy: SubscriptionPolicy, orderId: string, token: string, input: TEmailSubscriptionRequest): Promise<TNotificationSubscriptionResponse> {
  if (!policy.isEmailEnabled) throw new EmailNotificationsOff();
  await ensureOpen(deps, orderId);
  const data = { email: input.email, locale: input.locale, trackingLinkSealed: policy.linkSealer.seal(token, orderId) };
  await deps.prisma.emailSubscription.upsert({ where: { orderId }, create: { orderId, ...data }, update: data });
  return { channel: "email", isSubscribed: true };
}

export async function unsubscribeEmail(deps: Deps, orderId: string): Promise<TNotificationSubscriptionResponse> {
  await deps.prisma.emailSubscription.deleteMany({ where: { orderId } });
  return { channel: "email", isSubscribed: false };
}
