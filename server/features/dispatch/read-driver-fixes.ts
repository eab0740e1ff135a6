import { DeliverPolicy } from "@nats-io/jetstream";
import { ZLocationEvent } from "../../../lib/schemas/events";
import type { TTrackFix } from "../../../lib/schemas/driver-track";
import { parseJsonOrNull } from "../../platform/backbone/parse-json";
import { STREAMS, subjects } from "../../platform/backbone/subjects";
import type { CoreDeps } from "../../deps";

/** How long one read may take before it returns what it has (flagged truncated). */
const READ_TIMEOUT_MS = 10_000;
/** Safety cap on messages read per request (a day at one fix a second is 86 400). */
const MAX_MESSAGES_READ = 200_000;
/**
 * Phones keep fixes offline and send them later, so a fix taken before `to` can reach the
 * stream after it: keep reading this long past `to` (stream time) before stopping.
 */
const LATE_UPLOAD_GRACE_MS = 6 * 60 * 60 * 1000;

/**
 * A driver's fixes with device time in [fromMs, toMs], oldest first, read from the LOCATIONS
 * stream with an ordered consumer: ONE filter subject string (nats-server 2.9 rejects filter
 * arrays) starting at `fromMs` (a fix cannot reach the stream before it was taken). Reads up to
 * the newest fix that existed when it started.
 */
export async function readDriverFixes(deps: Pick<CoreDeps, "js" | "jsm">, driverId: string, fromMs: number, toMs: number): Promise<{ fixes: TTrackFix[]; isTruncated: boolean }> {
  const subject = subjects.driverLocation(driverId);
  const last = await deps.jsm.streams.getMessage(STREAMS.locations, { last_by_subj: subject }).catch(() => null);
  // Nothing on the stream since `from`: answer at once instead of waiting for messages that never come.
  if (!last || last.time.getTime() < fromMs) return { fixes: [], isTruncated: false };

  const consumer = await deps.js.consumers.get(STREAMS.locations, {
    filter_subjects: subject,
    deliver_policy: DeliverPolicy.StartTime,
    opt_start_time: new Date(fromMs).toISOString(),
  });
  const fixes: TTrackFix[] = [];
  const messages = await consumer.consume({ max_messages: 1000 });
  const timer = setTimeout(() => void messages.close(), READ_TIMEOUT_MS);
  let isComplete = false;
  let read = 0;
  try {
    for await (const message of messages) {
      read++;
      if (message.time.getTime() > toMs + LATE_UPLOAD_GRACE_MS) {
        isComplete = true;
        break;
      }
      const parsed = ZLocationEvent.safeParse(parseJsonOrNull(message.string()));
      if (parsed.success && parsed.data.at >= fromMs && parsed.data.at <= toMs) {
        fixes.push({ lat: parsed.data.lat, lng: parsed.data.lng, at: parsed.data.at, speed: parsed.data.speed });
      }
      if (message.seq >= last.seq) {
        isComplete = true;
        break;
      }
      if (read >= MAX_MESSAGES_READ) break;
    }
  } finally {
    clearTimeout(timer);
    await messages.close();
  }
  // Stream order is arrival order; a replay needs device time (offline batches arrive late).
  fixes.sort((a, b) => a.at - b.at);
  return { fixes, isTruncated: !isComplete };
}
