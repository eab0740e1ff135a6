import { DeliverPolicy, type JetStreamClient, type JetStreamManager } from "@nats-io/jetstream";
import { toTimelineEntry } from "../../lib/domain/order-timeline";
import { ZOrderEvent } from "../../lib/schemas/events";
import type { TTimelineEntry, TTimelinePage } from "../../lib/schemas/timeline";
import { parseJsonOrNull } from "../backbone/parse-json";
import { STREAMS, subjects } from "../backbone/subjects";

/** How long one read may wait for the stream; a page is a handful of events, so this is generous. */
const READ_TIMEOUT_MS = 5_000;

/** The ORDERS stream sequence of an order's newest event, 0 when it has none. */
export async function lastOrderEventSeq(jsm: JetStreamManager, orderId: string): Promise<number> {
  const message = await jsm.streams.getMessage(STREAMS.orders, { last_by_subj: subjects.orderEvents(orderId) }).catch(() => null);
  return message?.seq ?? 0;
}

/**
 * The customer's timeline entries of an order after `afterSeq`, read from the order's own
 * subject of the ORDERS stream (the source of truth, so nothing the page missed is lost) with
 * an ordered consumer: ONE filter subject string (nats-server 2.9 rejects filter arrays) and
 * a start sequence. Reads up to the newest event that existed when it started.
 */
export async function readOrderTimeline(deps: { js: JetStreamClient; jsm: JetStreamManager }, orderId: string, afterSeq = 0): Promise<TTimelinePage> {
  const lastSeq = await lastOrderEventSeq(deps.jsm, orderId);
  if (lastSeq <= afterSeq) return { entries: [], lastSeq: Math.max(afterSeq, lastSeq) };

  const consumer = await deps.js.consumers.get(STREAMS.orders, {
    filter_subjects: subjects.orderEvents(orderId),
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: afterSeq + 1,
  });
  const entries: TTimelineEntry[] = [];
  const messages = await consumer.consume({ max_messages: 256 });
  const timer = setTimeout(() => void messages.close(), READ_TIMEOUT_MS);
  let readSeq = afterSeq;
  try {
    for await (const message of messages) {
      readSeq = message.seq;
      const parsed = ZOrderEvent.safeParse(parseJsonOrNull(message.string()));
      const entry = parsed.success ? toTimelineEntry(parsed.data, message.seq) : null;
      if (entry) entries.push(entry);
      if (message.seq >= lastSeq) break;
    }
  } finally {
    clearTimeout(timer);
    await messages.close();
  }
  if (readSeq < lastSeq) throw new Error(`order ${orderId}: read its events up to ${readSeq} of ${lastSeq} only`);
  return { entries, lastSeq };
}
