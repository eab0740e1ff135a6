/**
 * The customer's notification opt-ins, on the tracking token like the other customer routes:
 * web push (POST/DELETE /push) and, when SMTP is configured, email (POST/DELETE /email).
 */
import type { IncomingMessage } from "node:http";
import { ZEmailSubscriptionRequest, ZPushSubscriptionRequest, ZPushUnsubscribeRequest } from "../../lib/schemas/notifications";
import { toApiError } from "../http/api-error";
import { readJson } from "../http/read-body";
import type { Router } from "../http/router";
import { validate } from "../http/validate";
import { subscribeEmail, subscribePush, unsubscribeEmail, unsubscribePush } from "../notifications/notification-subscriptions";
import type { ApiDeps } from "./api-routes";

/** A push subscription or an email address: small. */
const NOTIFICATION_BODY_LIMIT = 16 * 1024;

export function registerNotificationRoutes(router: Router, deps: ApiDeps): void {
  const { rateLimits } = deps;
  const policy = deps.notifications ?? { isEmailEnabled: false, allowPrivatePushEndpoints: false };
  /** As the other customer writes: misses counted per address, writes per token. */
  const guardedWrite = async <T>(req: IncomingMessage, token: string, run: () => Promise<T>): Promise<T> => {
    const ip = rateLimits.ipOf(req);
    rateLimits.enforceNotLocked("trackingMissesPerIp", ip);
    try {
      return await run();
    } catch (error) {
      if (toApiError(error)?.status === 404) rateLimits.recordFailure("trackingMissesPerIp", ip);
      throw error;
    }
  };

  router
    .on("POST", "/api/track/:token/push", async ({ req, params }) => {
      const token = params.token ?? "";
      return guardedWrite(req, token, async () => {
        const input = validate(ZPushSubscriptionRequest, await readJson(req, NOTIFICATION_BODY_LIMIT));
        rateLimits.enforce("customerWritesPerToken", token);
        return { status: 201, body: await subscribePush(deps, policy, token, input) };
      });
    })
    .on("DELETE", "/api/track/:token/push", async ({ req, params }) => {
      const token = params.token ?? "";
      return guardedWrite(req, token, async () => {
        const input = validate(ZPushUnsubscribeRequest, await readJson(req, NOTIFICATION_BODY_LIMIT));
        rateLimits.enforce("customerWritesPerToken", token);
        return { status: 200, body: await unsubscribePush(deps, token, input) };
      });
    })
    .on("POST", "/api/track/:token/email", async ({ req, params }) => {
      const token = params.token ?? "";
      return guardedWrite(req, token, async () => {
        const input = validate(ZEmailSubscriptionRequest, await readJson(req, NOTIFICATION_BODY_LIMIT));
        rateLimits.enforce("customerWritesPerToken", token);
        return { status: 201, body: await subscribeEmail(deps, policy, token, input) };
      });
    })
    .on("DELETE", "/api/track/:token/email", async ({ req, params }) => {
      const token = params.token ?? "";
      return guardedWrite(req, token, async () => {
        rateLimits.enforce("customerWritesPerToken", token);
        return { status: 200, body: await unsubscribeEmail(deps, token) };
      });
    });
}
