import type { JetStreamClient, JetStreamManager } from "@nats-io/jetstream";
import { toTimelineEntry } from "../../../lib/domain/order-timeline";
import type { TTimelineEntry, TTimelinePage } from "../../../lib/schemas/timeline";
import { readOrderStream } from "../../platform/backbone/read-order-stream";

/**
 * The customer's timeline entries of an order after `afterSeq`, from the order's own subject
 * of the ORDERS stream (the source of truth, so nothing the page missed is lost).
 */
export async function readOrderTimeline(deps: { js: JetStreamClient; jsm: JetStreamManager }, orderId: string, afterSeq = 0): Promise<TTimelinePage> {
  const { events, lastSeq } = await readOrderStream(deps, orderId, afterSeq);
  const entries: TTimelineEntry[] = [];
  for (const { event, seq } of events) {
    const entry = toTimelineEntry(event, seq);
    if (entry) entries.push(entry);
  }
  return { entries, lastSeq };
}
