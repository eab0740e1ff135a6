import type { PubAck } from "@nats-io/jetstream";
import { headers } from "@nats-io/transport-node";
import type { TGpsFix } from "../../../lib/schemas/api";
import type { TLocationEvent } from "../../../lib/schemas/events";
import { subjects } from "../../platform/backbone/subjects";
import { publishJson } from "../../platform/backbone/publish";
import type { JetStreamPublisher } from "../../platform/backbone/turn-publisher";
import { realClock, type Clock } from "../../platform/clock";
import { BackboneUnavailable, DomainError } from "../../platform/domain-errors";
import { ingestedFixes, publishErrors } from "../../platform/observability/metrics";
import { isWrongLastSequence, SEQ_WATERMARK_HEADER, type SeqWatermarks } from "./seq-watermarks";

export type FixSource = TLocationEvent["source"];

/** Attempts when other processes keep storing fixes for the same driver between our reads. */
const MAX_WATERMARK_ATTEMPTS = 5;

/**
 * The msgID of a fix: its device sequence when it has one, else its content. A resent batch
 * (phone back online, tracker app retrying) is then dropped by JetStream, not stored twice.
 */
export function fixMessageId(driverId: string, fix: TGpsFix): string {
  return fix.seq !== undefined ? `${driverId}:s${fix.seq}` : `${driverId}:t${fix.at}:${fix.lat}:${fix.lng}`;
}

function toEvent(driverId: string, fix: TGpsFix, receivedAt: number, source: FixSource): TLocationEvent {
  return {
    driverId,
    lat: fix.lat,
    lng: fix.lng,
    at: fix.at,
    seq: fix.seq ?? null,
    accuracy: fix.accuracy ?? null,
    speed: fix.speed ?? null,
    heading: fix.heading ?? null,
    receivedAt,
    source,
  };
}

/**
 * Publishes raw fixes to `drivers.<partition>.<driverId>.location` and resolves once JetStream stored every one.
 * Filtering (accuracy, jumps, order) is the tracker's job: the stream keeps what the device sent.
 *
 * With `watermarks`, a fix whose seq is at or below the driver's highest stored seq is a
 * duplicate however old it is (see seq-watermarks.ts); without (the demo), msgIDs alone dedupe.
 */
export async function ingestFixes(
  js: JetStreamPublisher,
  driverId: string,
  fixes: readonly TGpsFix[],
  source: FixSource,
  watermarks?: SeqWatermarks,
  /** The server's clock (`CoreDeps.clock`): stamps `receivedAt`. */
  clock: Clock = realClock,
): Promise<{ accepted: number; duplicates: number }> {
  const result = await publishFixes(js, driverId, fixes, source, clock.now(), watermarks);
  ingestedFixes.inc({ source, result: "accepted" }, result.accepted);
  ingestedFixes.inc({ source, result: "duplicate" }, result.duplicates);
  return result;
}

async function publishFixes(
  js: JetStreamPublisher,
  driverId: string,
  fixes: readonly TGpsFix[],
  source: FixSource,
  receivedAt: number,
  watermarks?: SeqWatermarks,
): Promise<{ accepted: number; duplicates: number }> {
  // Publishes issued in order on one connection are stored in that order: sort first so an
  // offline phone's shuffled queue lands in time order.
  const ordered = [...fixes].sort((a, b) => a.at - b.at || (a.seq ?? 0) - (b.seq ?? 0));
  const subject = subjects.driverLocation(driverId);
  try {
    if (!watermarks) {
      const acks = await Promise.all(ordered.map((fix) => publishJson(js, subject, toEvent(driverId, fix, receivedAt, source), fixMessageId(driverId, fix))));
      return countAcks(acks, 0);
    }
    for (let attempt = 1; ; attempt++) {
      const known = await watermarks.get(driverId);
      const fresh = ordered.filter((fix) => fix.seq === undefined || fix.seq > known.seq);
      const stale = ordered.length - fresh.length;
      if (fresh.length === 0) return { accepted: 0, duplicates: stale };

      let watermark = known.seq;
      const publishes = fresh.map((fix) => {
        watermark = Math.max(watermark, fix.seq ?? -1);
        const h = headers();
        h.set(SEQ_WATERMARK_HEADER, String(watermark));
        return { fix, h };
      });
      const [first, ...rest] = publishes;
      if (!first) return { accepted: 0, duplicates: stale };
      let firstAck: PubAck;
      try {
        // Only the first carries the expectation: it proves our watermark was current; the
        // rest may pipeline (a concurrent resend of the same seqs is caught by msgID).
        firstAck = await js.publish(subject, JSON.stringify(toEvent(driverId, first.fix, receivedAt, source)), {
          msgID: fixMessageId(driverId, first.fix),
          headers: first.h,
          expect: { lastSubjectSequence: known.subjectSeq },
          timeout: 5_000,
        });
      } catch (error) {
        if (isWrongLastSequence(error) && attempt < MAX_WATERMARK_ATTEMPTS) {
          watermarks.forget(driverId);
          continue;
        }
        throw error;
      }
      const restAcks = await Promise.all(
        rest.map(({ fix, h }) => js.publish(subject, JSON.stringify(toEvent(driverId, fix, receivedAt, source)), { msgID: fixMessageId(driverId, fix), headers: h, timeout: 5_000 })),
      );
      const acks = [firstAck, ...restAcks];
      watermarks.set(driverId, { seq: watermark, subjectSeq: Math.max(...acks.map((ack) => ack.seq)) });
      return countAcks(acks, stale);
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    // The cached watermark may be wrong after a failure: read it again next time.
    watermarks?.forget(driverId);
    publishErrors.inc({ publisher: "ingest" });
    throw new BackboneUnavailable(`fixes were not stored, send them again: ${(error as Error).message}`);
  }
}

function countAcks(acks: readonly PubAck[], alreadyStored: number): { accepted: number; duplicates: number } {
  const duplicates = acks.filter((ack) => ack.duplicate).length;
  return { accepted: acks.length - duplicates, duplicates: duplicates + alreadyStored };
}
