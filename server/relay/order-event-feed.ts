/**
 * The live half of a watched order's timeline: an ordered consumer on the order's subject of
 * the ORDERS stream (one filter subject string: nats-server 2.9 rejects arrays), started just
 * after the newest event that existed when the first watcher joined. Whatever is published
 * after that reaches the room with its stream sequence; what came before is read on demand
 * (order:history), and the browser drops the overlap by sequence.
 */
import { DeliverPolicy, type JetStreamClient, type JetStreamManager } from "@nats-io/jetstream";
import { toTimelineEntry } from "../../lib/domain/order-timeline";
import { ZOrderEvent, type TOrderEvent } from "../../lib/schemas/events";
import type { TTimelineEntry } from "../../lib/schemas/timeline";
import { parseJsonOrNull } from "../backbone/parse-json";
import { STREAMS, subjects } from "../backbone/subjects";
import { lastOrderEventSeq } from "../customer/read-order-timeline";

export interface OrderEventFeed {
  stop(): Promise<void>;
}

export async function startOrderEventFeed(
  deps: { js: JetStreamClient; jsm: JetStreamManager },
  orderId: string,
  onEntry: (entry: TTimelineEntry) => void,
  log: (message: string, error?: unknown) => void,
  /** Every event of the order, for what the relay itself must react to (a replaced tracking link). */
  onEvent: (event: TOrderEvent) => void = () => undefined,
): Promise<OrderEventFeed> {
  const startSeq = (await lastOrderEventSeq(deps.jsm, orderId)) + 1;
  const consumer = await deps.js.consumers.get(STREAMS.orders, {
    filter_subjects: subjects.orderEvents(orderId),
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: startSeq,
  });
  const messages = await consumer.consume({ max_messages: 64 });
  const loop = (async () => {
    for await (const message of messages) {
      // A throw here would end the feed: parse defensively, skip what is not for the customer.
      const parsed = ZOrderEvent.safeParse(parseJsonOrNull(message.string()));
      if (!parsed.success) {
        log(`dropping malformed order event on ${message.subject}`, parsed.error.message);
        continue;
      }
      onEvent(parsed.data);
      const entry = toTimelineEntry(parsed.data, message.seq);
      if (entry) onEntry(entry);
    }
  })().catch((error: unknown) => log(`order event feed for ${orderId} failed`, error));
  return {
    async stop() {
      await messages.close();
      await loop;
    },
  };
}
