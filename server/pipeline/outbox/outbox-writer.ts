import type { Tx } from "../../deps";
import { enqueue, pendingIds } from "./enqueue";

/**
 * One transaction's view of the outbox: what it enqueued (or must wait for), so that after
 * COMMIT the caller can wait until exactly those messages are on JetStream.
 */
export class OutboxWriter {
  /** Message ids to wait for after COMMIT, in enqueue order. */
  readonly ids: string[] = [];

  constructor(readonly tx: Tx) {}

  async enqueue(subject: string, payload: unknown, msgId: string): Promise<void> {
    this.ids.push(await enqueue(this.tx, subject, payload, msgId));
  }

  /** A message the caller inserted into the outbox itself (in a statement that writes more rows). */
  enqueued(msgId: string): void {
    this.ids.push(msgId);
  }

  /**
   * A request that changes nothing (a retry after a 503) still must not answer before what
   * the first attempt committed is on JetStream: wait for whatever is pending on `subjects`.
   */
  async awaitPending(subjects: readonly string[]): Promise<void> {
    this.ids.push(...(await pendingIds(this.tx, subjects)));
  }
}
