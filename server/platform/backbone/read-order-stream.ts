import { DeliverPolicy, type Consumer, type ConsumerMessages, type JetStreamClient, type JetStreamManager } from "@nats-io/jetstream";
import { ZOrderEvent, type TOrderEvent } from "../../../lib/schemas/events";
import { parseJsonOrNull } from "./parse-json";
import { STREAMS, subjects } from "./subjects";
import { countMalformed } from "../observability/malformed-messages";

/** How long one read may wait for the stream; an order's history is a handful of events. */
const READ_TIMEOUT_MS = 3_000;
/**
 * Reads in flight at once in this process, so each holds a consumer on nats-server for a
 * moment and a crowd of reconnecting customers holds at most this many (the rest queue).
 */
const MAX_CONCURRENT_READS = 16;
/**
 * nats-server deletes a read's consumer on its own this long after its reader went silent:
 * a backstop for a process that dies mid-read (every path of a live process deletes it).
 */
const ABANDONED_CONSUMER_MS = 10_000;

export interface StoredOrderEvent {
  /** The ORDERS stream sequence: orders the events of one order exactly. */
  seq: number;
  /** The msgID it was published with (the `order_events` projection's id), when it had one. */
  msgId: string | null;
  event: TOrderEvent;
}

/** The ORDERS stream sequence of an order's newest event, 0 when it has none. */
export async function lastOrderEventSeq(jsm: JetStreamManager, orderId: string): Promise<number> {
  const message = await jsm.streams.getMessage(STREAMS.orders, { last_by_subj: subjects.orderEvents(orderId) }).catch(() => null);
  return message?.seq ?? 0;
}

/** Callers waiting for a read slot (bounded by the reads they belong to: requests in flight). */
const waitingForSlot: (() => void)[] = [];
let readsInFlight = 0;

async function withReadSlot<T>(read: () => Promise<T>): Promise<T> {
  while (readsInFlight >= MAX_CONCURRENT_READS) await new Promise<void>((resolve) => waitingForSlot.push(resolve));
  readsInFlight++;
  try {
    return await read();
  } finally {
    readsInFlight--;
    waitingForSlot.shift()?.();
  }
}

/**
 * An order's events after `afterSeq`, read from its own subject of the ORDERS stream (the
 * source of truth) with a short-lived ordered consumer: ONE filter subject string (nats-server
 * 2.9 rejects filter arrays) and a start sequence. Reads up to the newest event that existed
 * when it started, within READ_TIMEOUT_MS; malformed messages are skipped. The consumer is
 * deleted on nats-server on every path (done, timeout, error): closing the iterator alone
 * leaves it there for minutes.
 */
export async function readOrderStream(deps: { js: JetStreamClient; jsm: JetStreamManager }, orderId: string, afterSeq = 0): Promise<{ events: StoredOrderEvent[]; lastSeq: number }> {
  const lastSeq = await lastOrderEventSeq(deps.jsm, orderId);
  if (lastSeq <= afterSeq) return { events: [], lastSeq: Math.max(afterSeq, lastSeq) };

  return withReadSlot(async () => {
    const events: StoredOrderEvent[] = [];
    let readSeq = afterSeq;
    let consumer: Consumer | null = null;
    let messages: ConsumerMessages | null = null;
    let isTimedOut = false;
    const timer = setTimeout(() => {
      isTimedOut = true;
      void messages?.close();
    }, READ_TIMEOUT_MS);
    try {
      consumer = await deps.js.consumers.get(STREAMS.orders, {
        filter_subjects: subjects.orderEvents(orderId),
        deliver_policy: DeliverPolicy.StartSequence,
        opt_start_seq: afterSeq + 1,
        inactive_threshold: ABANDONED_CONSUMER_MS,
      });
      messages = await consumer.consume({ max_messages: 256 });
      if (isTimedOut) await messages.close();
      for await (const message of messages) {
        readSeq = message.seq;
        const parsed = ZOrderEvent.safeParse(parseJsonOrNull(message.string()));
        if (parsed.success) events.push({ seq: message.seq, msgId: message.headers?.get("Nats-Msg-Id") || null, event: parsed.data });
        else countMalformed("order-stream", "order_event");
        if (message.seq >= lastSeq) break;
      }
    } finally {
      clearTimeout(timer);
      await messages?.close().catch(() => undefined);
      await consumer?.delete().catch(() => undefined);
    }
    if (readSeq < lastSeq) throw new Error(`order ${orderId}: read its events up to ${readSeq} of ${lastSeq} only`);
    return { events, lastSeq };
  });
}
