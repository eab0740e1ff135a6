import type { PrismaClient } from "../../../generated/prisma/client";
import { EventsNotPublishedYet } from "../../platform/domain-errors";
import type { OutboxPublisher } from "./outbox-publisher";
import { OutboxWriter } from "./outbox-writer";

/** How long a request waits for its events to reach JetStream before it answers 503. */
export const PUBLISH_WAIT_MS = 5_000;

export interface CommitOptions {
  /** The transaction's own timeout (ms). */
  timeout?: number;
  /**
   * `require` (default): a change whose events are not on JetStream within `waitMs` answers 503
   * + Retry-After; the change stays committed and is published later, and a retry is a no-op
   * that waits again. `best-effort`: wait as long, then answer anyway — for requests whose
   * reply carries something shown only once (a new tracking token), which a 503 would lose.
   */
  publication?: "require" | "best-effort";
  waitMs?: number;
}

/**
 * Runs `work` in one transaction with an outbox writer; after COMMIT nudges the publisher and
 * waits until the messages it enqueued are on JetStream.
 */
export async function commitAndPublish<T>(deps: { prisma: PrismaClient; outbox: OutboxPublisher }, work: (out: OutboxWriter) => Promise<T>, options: CommitOptions = {}): Promise<T> {
  let writer: OutboxWriter | undefined;
  const result = await deps.prisma.$transaction(
    async (tx) => {
      writer = new OutboxWriter(tx);
      return work(writer);
    },
    { timeout: options.timeout ?? 20_000, maxWait: 20_000 },
  );
  const ids = writer?.ids ?? [];
  if (ids.length === 0) return result;
  const isPublished = await deps.outbox.waitPublished(ids, options.waitMs ?? PUBLISH_WAIT_MS);
  if (!isPublished && options.publication !== "best-effort") {
    throw new EventsNotPublishedYet();
  }
  return result;
}
