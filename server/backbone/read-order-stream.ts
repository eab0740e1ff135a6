import { DeliverPolicy, type JetStreamClient, type JetStreamManager } from "@nats-io/jetstream";
import { ZOrderEvent, type TOrderEvent } from "../../lib/schemas/events";
import { parseJsonOrNull } from "./parse-json";
import { STREAMS, subjects } from "./subjects";

/** How long one read may wait for the stream; an order's history is a handful of events. */
const READ_TIMEOUT_MS = 5_000;

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

/**
 * An order's events after `afterSeq`, read from its own subject of the ORDERS stream (the
 * source of truth) with an ordered consumer: ONE filter subject string (nats-server 2.9
 * rejects filter arrays) and a start sequence. Reads up to the newest event that existed when
 * it started; malformed messages are skipped.
 */
export async function readOrderStream(deps: { js: JetStreamClient; jsm: JetStreamManager }, orderId: string, afterSeq = 0): Promise<{ events: StoredOrderEvent[]; lastSeq: number }> {
  const lastSeq = await lastOrderEventSeq(deps.jsm, orderId);
  if (lastSeq <= afterSeq) return { events: [], lastSeq: Math.max(afterSeq, lastSeq) };

  const consumer = await deps.js.consumers.get(STREAMS.orders, {
    filter_subjects: subjects.orderEvents(orderId),
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: afterSeq + 1,
  });
  const events: StoredOrderEvent[] = [];
  const messages = await consumer.consume({ max_messages: 256 });
  const timer = setTimeout(() => void messages.close(), READ_TIMEOUT_MS);
  let readSeq = afterSeq;
  try {
    for await (const message of messages) {
      readSeq = message.seq;
      const parsed = ZOrderEvent.safeParse(parseJsonOrNull(message.string()));
      if (parsed.success) events.push({ seq: message.seq, msgId: message.headers?.get("Nats-Msg-Id") || null, event: parsed.data });
      if (message.seq >= lastSeq) break;
    }
  } finally {
    clearTimeout(timer);
    await messages.close();
  }
  if (readSeq < lastSeq) throw new Error(`order ${orderId}: read its events up to ${readSeq} of ${lastSeq} only`);
  return { events, lastSeq };
}
