/**
 * Each driver's highest stored GPS `seq`, so a phone that was offline longer than the stream's
 * duplicate window (10 min) cannot store an old fix twice: msgIDs dedupe the short term, the
 * watermark every term.
 *
 * The truth is the stream itself: every fix is published with the watermark in a header, so
 * the last message on `drivers.<partition>.<driverId>.location` says it (one direct get on a cold cache). The
 * cache is kept honest across processes by publishing the first fix of a batch with
 * `expect.lastSubjectSequence`: when another process stored something meanwhile, JetStream
 * refuses it and the watermark is read again.
 */
import { JetStreamApiCodes, JetStreamApiError, type JetStreamManager } from "@nats-io/jetstream";
import { STREAMS, subjects } from "../../platform/backbone/subjects";

export const SEQ_WATERMARK_HEADER = "Lastmile-Seq-Watermark";

export interface SeqWatermark {
  /** Highest device seq stored for the driver; -1 before any. */
  seq: number;
  /** Stream sequence of the last message on the driver's subject; 0 when none. */
  subjectSeq: number;
}

export class SeqWatermarks {
  private readonly known = new Map<string, SeqWatermark>();

  constructor(private readonly jsm: JetStreamManager) {}

  async get(driverId: string): Promise<SeqWatermark> {
    const cached = this.known.get(driverId);
    if (cached) return cached;
    const loaded = await readWatermark(this.jsm, driverId);
    this.known.set(driverId, loaded);
    return loaded;
  }

  set(driverId: string, watermark: SeqWatermark): void {
    const current = this.known.get(driverId);
    // Concurrent batches may finish out of order: never move backwards.
    if (!current || watermark.subjectSeq >= current.subjectSeq) this.known.set(driverId, watermark);
  }

  forget(driverId: string): void {
    this.known.delete(driverId);
  }
}

/** The watermark as the stream holds it: header of the last message, else its payload's seq. */
export async function readWatermark(jsm: JetStreamManager, driverId: string): Promise<SeqWatermark> {
  const message = await jsm.streams.getMessage(STREAMS.locations, { last_by_subj: subjects.driverLocation(driverId) });
  if (!message) return { seq: -1, subjectSeq: 0 };
  const header = Number(message.header?.get(SEQ_WATERMARK_HEADER) ?? Number.NaN);
  let seq = Number.isFinite(header) ? header : -1;
  if (!Number.isFinite(header)) {
    // Published before watermarks existed (or by the demo): the fix's own seq is the best we know.
    const payload = message.json<{ seq?: number | null }>();
    if (typeof payload.seq === "number") seq = payload.seq;
  }
  return { seq, subjectSeq: message.seq };
}

export function isWrongLastSequence(error: unknown): boolean {
  return error instanceof JetStreamApiError && (error.code === JetStreamApiCodes.StreamWrongLastSequence || error.code === JetStreamApiCodes.StreamWrongLastSequenceUnknown);
}
