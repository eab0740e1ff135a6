/**
 * Sends every order event to the registered webhooks. A DURABLE JetStream consumer of the
 * ORDERS stream (`webhooks`): an event is acknowledged only once every webhook took it (or gave
 * up after the policy's last attempt); a failure is a `nak(delay)` with exponential backoff, so
 * the retry schedule lives in JetStream, and a crash or restart loses nothing: unacknowledged
 * events are redelivered. Webhooks that already took an event (a success in the delivery log)
 * are skipped on its redeliveries.
 */
import { createHash } from "node:crypto";
import type { JsMsg } from "@nats-io/jetstream";
import { consumeConcurrently } from "../../platform/backbone/consume-concurrently";
import { freshRead } from "../../platform/async/fresh-read";
import { ensureDurableConsumer } from "../../platform/backbone/durable-consumer";
import { eventSourceOf, toOrderCloudEvent } from "../../../lib/domain/cloud-event";
import { DEFAULT_RETRY_POLICY, isLastAttempt, retryDelayMs, type RetryPolicy } from "../../../lib/domain/webhook-retry";
import { ZOrderEvent } from "../../../lib/schemas/events";
import type { TWebhookPayload } from "../../../lib/schemas/webhooks";
import { parseJsonOrNull } from "../../platform/backbone/parse-json";
import { APP_DURABLES, STREAMS } from "../../platform/backbone/subjects";
import type { CoreDeps } from "../../deps";
import { DEFAULT_DELIVERY_TIMEOUT_MS, deliverEvent } from "./deliver-event";
import { countMalformed } from "../../platform/observability/malformed-messages";

export interface WebhookDispatcherOptions {
  /** Durable consumer name; tests use their own. */
  durableName?: string;
  retry?: RetryPolicy;
  timeoutMs?: number;
  /** Events handled at once, so one slow receiver does not hold up the others' events. */
  concurrency?: number;
  /** The CloudEvents `source` of every event (lib/domain/cloud-event.ts); default from no PUBLIC_URL. */
  source?: string;
  /** WEBHOOK_ALLOW_PRIVATE: deliver to loopback and private addresses too. */
  allowPrivateAddresses?: boolean;
  log?: (message: string, error?: unknown) => void;
}

export interface WebhookDispatcher {
  stop(): Promise<void>;
}

/**
 * The webhook-id (and CloudEvents id) of a stored event: from its msgID, which the outbox or the
 * tracker derived from what happened, so a retry, a redelivery and a second copy of the same event
 * published after a crash all carry the same id (a stream sequence would not, nor survive a
 * stream's restore). Hashed: an opaque `msg_` + 32 hex digits. Events without a msgID use the sequence.
 */
export function webhookIdOf(message: Pick<JsMsg, "headers" | "seq">): string {
  const msgId = message.headers?.get("Nats-Msg-Id") || `seq:${message.seq}`;
  return `msg_${createHash("sha256").update(msgId).digest("hex").slice(0, 32)}`;
}

export async function startWebhookDispatcher(deps: CoreDeps, options: WebhookDispatcherOptions = {}): Promise<WebhookDispatcher> {
  const log = options.log ?? ((message, error) => console.error(`[webhooks] ${message}`, error ?? ""));
  const name = options.durableName ?? APP_DURABLES.webhooks;
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const timeoutMs = options.timeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS;
  const concurrency = options.concurrency ?? 16;
  const source = options.source ?? eventSourceOf(undefined);
  // Webhooks get what happens from now on; history is GET /api/orders/<id>/events.
  await ensureDurableConsumer(deps.jsm, STREAMS.orders, name);

  // Every event read the webhook list, two statements per order event on the app's one PGlite
  // connection even with no webhook at all: events handled at once now share one read, each a
  // read sent after its event arrived (so a webhook registered before it is in it, as before).
  const readWebhooks = freshRead(() => deps.prisma.webhook.findMany({ select: { id: true, url: true, secret: true, createdAt: true } }));

  const handle = async (message: JsMsg): Promise<void> => {
    const parsed = ZOrderEvent.safeParse(parseJsonOrNull(message.string()));
    if (!parsed.success) {
      log(`skipping malformed order event ${message.seq}`, parsed.error.message);
      countMalformed("webhooks", "order_event");
      message.ack();
      return;
    }
    const event = parsed.data;
    const attempt = message.info.deliveryCount;
    const storedAt = message.time;
    // A webhook receives the events stored after it was registered, each until it takes it.
    const webhooks = (await readWebhooks()).filter((webhook) => webhook.createdAt <= storedAt);
    if (webhooks.length === 0) return message.ack();
    const done = await deps.prisma.webhookDelivery.findMany({
      where: { eventSeq: BigInt(message.seq), isSuccess: true, webhookId: { in: webhooks.map((webhook) => webhook.id) } },
      select: { webhookId: true },
    });
    const isDone = new Set(done.map((row) => row.webhookId));
    const pending = webhooks.filter((webhook) => !isDone.has(webhook.id));
    const payload: TWebhookPayload = toOrderCloudEvent({ event, id: webhookIdOf(message), seq: message.seq, source });
    message.working();
    const results = await Promise.all(pending.map((webhook) => deliverEvent(deps.prisma, webhook, payload, attempt, timeoutMs, options.allowPrivateAddresses ?? false)));
    if (results.every(Boolean)) {
      message.ack();
    } else if (isLastAttempt(attempt, retry)) {
      log(`giving up on event ${message.seq} (${event.type}) after ${attempt} attempts for ${results.filter((ok) => !ok).length} webhook(s)`);
      message.ack();
    } else {
      message.nak(retryDelayMs(attempt, retry));
    }
  };

  return consumeConcurrently(deps.js, STREAMS.orders, name, handle, {
    concurrency,
    onError(message, error) {
      // The database is down, say: try the event again later, like a failed delivery.
      log(`event ${message.seq} failed; retrying`, error);
      message.nak(retryDelayMs(message.info.deliveryCount, retry));
    },
  });
}
