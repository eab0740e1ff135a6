/**
 * The customer's notification opt-ins, on the tracking token like the other customer routes:
 * web push (POST /push with the browser's subscription, DELETE /push?endpoint=…) and, when SMTP is configured, email (POST/DELETE /email).
 */
import type { IncomingMessage } from "node:http";
import { ZEmailSubscriptionRequest, ZPushSubscriptionRequest, ZPushUnsubscribeRequest, type TNotificationSubscriptionResponse } from "../../../lib/schemas/notifications";
import { readJson } from "../../platform/http/read-body";
import { validate } from "../../platform/http/validate";
import { NotificationsOff, orderIdOfToken, subscribeEmail, subscribePush, unsubscribeEmail, unsubscribePush, type SubscriptionPolicy } from "../../features/notifications/notification-subscriptions";
import type { ApiDeps, ApiRouter } from "./api-deps";

/** A push subscription or an email address: small. */
const NOTIFICATION_BODY_LIMIT = 16 * 1024;

export function registerNotificationRoutes(router: ApiRouter, deps: ApiDeps): void {
  const { rateLimits } = deps;
  const policy = (): SubscriptionPolicy => {
    if (!deps.notifications) throw new NotificationsOff();
    return deps.notifications;
  };
  /**
   * As the other customer writes: unknown tokens are counted per address by the gate (a guesser
   * is locked out); writes are counted per token once the token is known to be an order's.
   */
  const write = async <T>(token: string, parse: () => Promise<T>, run: (orderId: string, input: T) => Promise<TNotificationSubscriptionResponse>) => {
    const input = await parse();
    const orderId = await orderIdOfToken(deps, token);
    rateLimits.enforce("customerWritesPerToken", token);
    return run(orderId, input);
  };
  const readBody = (req: IncomingMessage) => readJson(req, NOTIFICATION_BODY_LIMIT);

  router
    .on("POST /api/track/:token/push", async ({ req, token }) => {
      const body = await write(
        token,
        async () => validate(ZPushSubscriptionRequest, await readBody(req)),
        (orderId, input) => subscribePush(deps, policy(), orderId, token, input),
      );
      return { status: 201, body };
    })
    // The endpoint goes in the query: a DELETE body is not something every client sends.
    .on("DELETE /api/track/:token/push", async ({ url, token }) => {
      const body = await write(
        token,
        async () => validate(ZPushUnsubscribeRequest, Object.fromEntries(url.searchParams)),
        (orderId, input) => unsubscribePush(deps, orderId, input),
      );
      return { status: 200, body };
    })
    .on("POST /api/track/:token/email", async ({ req, token }) => {
      const body = await write(
        token,
        async () => validate(ZEmailSubscriptionRequest, await readBody(req)),
        (orderId, input) => subscribeEmail(deps, policy(), orderId, token, input),
      );
      return { status: 201, body };
    })
    .on("DELETE /api/track/:token/email", async ({ token }) => {
      const body = await write(
        token,
        async () => null,
        (orderId) => unsubscribeEmail(deps, orderId),
      );
      return { status: 200, body };
    });
}
