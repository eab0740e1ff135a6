import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client";
import { isDelivered } from "../../lib/domain/webhook-retry";
import type { TWebhookPayload } from "../../lib/schemas/webhooks";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signatureOf, TIMESTAMP_HEADER } from "./sign-payload";

export interface WebhookTarget {
  id: string;
  url: string;
  secret: string;
}

/** Receivers answer quickly and work later; a slow one is a failed attempt, retried. */
export const DEFAULT_DELIVERY_TIMEOUT_MS = 10_000;
const MAX_ERROR_LENGTH = 500;

function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const text = cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
  return (error as Error).name === "TimeoutError" ? "timed out" : text;
}

/**
 * POSTs one event to one webhook, signed, and logs the attempt in `webhook_deliveries`.
 * Redirects are not followed: the registered URL is the one that was checked.
 */
export async function deliverEvent(
  prisma: PrismaClient,
  webhook: WebhookTarget,
  payload: TWebhookPayload,
  attempt: number,
  timeoutMs = DEFAULT_DELIVERY_TIMEOUT_MS,
): Promise<boolean> {
  const body = JSON.stringify(payload);
  const deliveryId = randomUUID();
  const timestamp = Math.floor(Date.now() / 1000);
  const started = performance.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(webhook.url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Lastmile-Webhooks/1",
        [EVENT_HEADER]: payload.type,
        [DELIVERY_HEADER]: payload.id,
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signatureOf(webhook.secret, timestamp, body),
      },
      body,
    });
    statusCode = response.status;
    // Drain a little of the answer so the connection can be reused; its content is not used.
    await response.body?.cancel().catch(() => undefined);
    if (!isDelivered(statusCode)) error = `HTTP ${statusCode}`;
  } catch (failure) {
    error = describeFailure(failure).slice(0, MAX_ERROR_LENGTH);
  }
  const durationMs = Math.round(performance.now() - started);
  const isSuccess = isDelivered(statusCode);
  await prisma.webhookDelivery.create({
    data: { id: deliveryId, webhookId: webhook.id, eventSeq: BigInt(payload.seq), eventType: payload.type, orderId: payload.orderId, attempt, statusCode, isSuccess, durationMs, error },
  });
  return isSuccess;
}
