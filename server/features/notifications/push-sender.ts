/**
 * Sends one web push: the payload encrypted to the subscription's keys (aes128gcm, RFC 8291) and
 * signed with our VAPID key, by `web-push`; the POST is ours, so the endpoint (which the
 * customer's browser chose) is held to the webhooks' address policy: public addresses only.
 */
import { isIP } from "node:net";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import webpush from "web-push";
import type { TPushPayload } from "../../../lib/schemas/notifications";
import { isPublicAddress, PrivateAddressError, publicOnlyLookup } from "../webhooks/webhook-address-policy";
import type { VapidKeys } from "./vapid-keys";

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/**
 * sent; expired: the push service no longer knows the subscription (404/410); rejected: it can
 * never work (the keys cannot be encrypted to, the push service refuses the request as malformed
 * with a 400, or the endpoint turned out to be on a private address): both delete the
 * subscription. failed: worth trying again later (5xx, 429, no answer), a bounded number of times.
 * `reason` names a status or an error code, never the endpoint or an address (it is stored).
 */
export type PushOutcome = { outcome: "sent" } | { outcome: "expired" | "rejected" | "failed"; reason: string };

const PUSH_TIMEOUT_MS = 10_000;
/** How long the push service keeps a message for a device that is offline: a day (older news is stale). */
const PUSH_TTL_SECONDS = 24 * 3600;

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code ?? (error instanceof Error ? error.name : "error");

export async function sendPush(target: PushTarget, payload: TPushPayload, vapid: VapidKeys, allowPrivate: boolean): Promise<PushOutcome> {
  let details: ReturnType<typeof webpush.generateRequestDetails>;
  try {
    details = webpush.generateRequestDetails({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, JSON.stringify(payload), {
      vapidDetails: vapid,
      TTL: PUSH_TTL_SECONDS,
      contentEncoding: "aes128gcm",
      urgency: "high",
    });
  } catch (error) {
    // The same keys fail the same way every time: nothing to retry.
    return { outcome: "rejected", reason: `cannot encrypt to the subscription's keys (${codeOf(error)})` };
  }
  let status: number;
  try {
    status = await post(details.endpoint, details.headers, details.body ?? Buffer.alloc(0), allowPrivate);
  } catch (error) {
    if (error instanceof PrivateAddressError) return { outcome: "rejected", reason: "the endpoint's host is a loopback, private, link-local or reserved address" };
    return { outcome: "failed", reason: `no answer from the push service (${codeOf(error)})` };
  }
  if (status >= 200 && status < 300) return { outcome: "sent" };
  const reason = `the push service answered ${status}`;
  if (status === 404 || status === 410) return { outcome: "expired", reason };
  if (status === 400) return { outcome: "rejected", reason };
  return { outcome: "failed", reason };
}

function post(url: string, headers: Record<string, string | number>, body: Buffer, allowPrivate: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const host = target.hostname.replace(/^\[(.*)\]$/, "$1");
    if (!allowPrivate && (target.protocol !== "https:" || (isIP(host) && !isPublicAddress(host)))) return reject(new PrivateAddressError(host, host));
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(
      target,
      { method: "POST", headers: { ...headers, "Content-Length": String(body.length) }, lookup: allowPrivate ? undefined : publicOnlyLookup, timeout: PUSH_TIMEOUT_MS },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.once("timeout", () => req.destroy(Object.assign(new Error("push service timed out"), { code: "ETIMEDOUT" })));
    req.once("error", reject);
    req.end(body);
  });
}
