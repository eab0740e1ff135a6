import { randomUUID } from "node:crypto";
import { isIP } from "node:net";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { PrismaClient } from "../../../generated/prisma/client";
import { isDelivered } from "../../../lib/domain/webhook-retry";
import type { TWebhookPayload } from "../../../lib/schemas/webhooks";
import { isPublicAddress, PrivateAddressError, publicOnlyLookup } from "./webhook-address-policy";
import { signWebhook, WEBHOOK_ID_HEADER, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from "./standard-webhooks";

export interface WebhookTarget {
  id: string;
  url: string;
  /** `whsec_<base64 key>`. */
  secret: string;
}

/** CloudEvents' structured JSON mode (an SDK's HTTP binding reads the event from the body). */
export const CLOUD_EVENT_CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";

/** Receivers answer quickly and work later; a slow one is a failed attempt, retried. */
export const DEFAULT_DELIVERY_TIMEOUT_MS = 10_000;
const MAX_ERROR_LENGTH = 500;

function describeFailure(error: unknown): string {
  if (error instanceof PrivateAddressError) return `refused: ${error.message}`;
  const failure = error as { code?: string; message?: string; name?: string };
  if (failure.name === "TimeoutError") return "timed out";
  return failure.code ?? failure.message ?? String(error);
}

class DeliveryTimeout extends Error {
  override name = "TimeoutError";
}

/**
 * One POST without following redirects; the status code is all we keep. Unless `allowPrivate`,
 * the address connected to must be public: checked on the resolved address itself (see
 * webhook-address-policy.ts), and for IP literals, which skip the lookup, before connecting.
 */
function post(url: string, headers: Record<string, string>, body: string, timeoutMs: number, allowPrivate: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const host = target.hostname.replace(/^\[(.*)\]$/, "$1");
    if (!allowPrivate && isIP(host) && !isPublicAddress(host)) return reject(new PrivateAddressError(host, host));
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(
      target,
      { method: "POST", headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) }, lookup: allowPrivate ? undefined : publicOnlyLookup, timeout: timeoutMs },
      (res: IncomingMessage) => {
        // Its content is not used: drop it so the socket can be reused.
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    const timer = setTimeout(() => req.destroy(new DeliveryTimeout("timed out")), timeoutMs);
    req.once("close", () => clearTimeout(timer));
    req.once("error", reject);
    req.end(body);
  });
}

/**
 * POSTs one event (a CloudEvent) to one webhook, signed by Standard Webhooks with the event's id
 * as `webhook-id`, and logs the attempt in `webhook_deliveries`. The timestamp is this attempt's.
 * Redirects are not followed: the registered URL is the one that was checked.
 */
export async function deliverEvent(
  prisma: PrismaClient,
  webhook: WebhookTarget,
  payload: TWebhookPayload,
  attempt: number,
  timeoutMs = DEFAULT_DELIVERY_TIMEOUT_MS,
  allowPrivate = false,
): Promise<boolean> {
  const body = JSON.stringify(payload);
  const deliveryId = randomUUID();
  const timestamp = Math.floor(Date.now() / 1000);
  const started = performance.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const headers = {
      "Content-Type": CLOUD_EVENT_CONTENT_TYPE,
      "User-Agent": "Lastmile-Webhooks/2",
      [WEBHOOK_ID_HEADER]: payload.id,
      [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
      [WEBHOOK_SIGNATURE_HEADER]: signWebhook(webhook.secret, payload.id, timestamp, body),
    };
    statusCode = await post(webhook.url, headers, body, timeoutMs, allowPrivate);
    if (!isDelivered(statusCode)) error = `HTTP ${statusCode}`;
  } catch (failure) {
    error = describeFailure(failure).slice(0, MAX_ERROR_LENGTH);
  }
  const durationMs = Math.round(performance.now() - started);
  const isSuccess = isDelivered(statusCode);
  await prisma.webhookDelivery.create({
    data: { id: deliveryId, webhookId: webhook.id, eventSeq: BigInt(payload.sequence), eventType: payload.data.type, orderId: payload.data.orderId, attempt, statusCode, isSuccess, durationMs, error },
  });
  return isSuccess;
}
