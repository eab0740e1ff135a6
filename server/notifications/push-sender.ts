/**
 * Sends one web push: the payload encrypted to the subscription's keys (aes128gcm, RFC 8291) and
 * signed with our VAPID key, by `web-push`; the POST is ours, so the endpoint (which the
 * customer's browser chose) is held to the webhooks' address policy: public addresses only.
 */
import { isIP } from "node:net";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import webpush from "web-push";
import type { TPushPayload } from "../../lib/schemas/notifications";
import { isPublicAddress, PrivateAddressError, publicOnlyLookup } from "../webhooks/webhook-address-policy";
import type { VapidKeys } from "./vapid-keys";

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** sent; expired: the push service no longer knows the subscription (404/410), delete it; failed: try again later. */
export type PushOutcome = "sent" | "expired" | "failed";

const PUSH_TIMEOUT_MS = 10_000;
/** How long the push service keeps a message for a device that is offline: a day (older news is stale). */
const PUSH_TTL_SECONDS = 24 * 3600;

export async function sendPush(target: PushTarget, payload: TPushPayload, vapid: VapidKeys, allowPrivate: boolean): Promise<PushOutcome> {
  const details = webpush.generateRequestDetails({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, JSON.stringify(payload), {
    vapidDetails: vapid,
    TTL: PUSH_TTL_SECONDS,
    contentEncoding: "aes128gcm",
    urgency: "high",
  });
  const status = await post(details.endpoint, details.headers, details.body ?? Buffer.alloc(0), allowPrivate).catch(() => 0);
  if (status === 404 || status === 410) return "expired";
  return status >= 200 && status < 300 ? "sent" : "failed";
}

function post(url: string, headers: Record<string, string | number>, body: Buffer, allowPrivate: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const host = target.hostname.replace(/^\[(.*)\]$/, "$1");
    if (!allowPrivate && (target.protocol !== "https:" || (isIP(host) && !isPublicAddress(host)))) return reject(new PrivateAddressError(host, host));
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(target, { method: "POST", headers: { ...headers, "Content-Length": String(body.length) }, lookup: allowPrivate ? undefined : publicOnlyLookup, timeout: PUSH_TIMEOUT_MS }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once("timeout", () => req.destroy(new Error("push service timed out")));
    req.once("error", reject);
    req.end(body);
  });
}
