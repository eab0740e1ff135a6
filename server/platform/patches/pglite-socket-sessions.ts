/**
 * Measured need: the tracker's worker thread has a connection of its own to the embedded
 * database beside the app's; two clients' parameterised queries on pglite-socket 0.2.17 give
 * wrong answers without this (pglite-socket-sessions.test.ts: a client reads the other's rows).
 *
 * pglite-socket's queue hands PGlite's one session to the next protocol *message* in arrival
 * order, keeping it for one connection only while PGlite reports an open transaction. A
 * parameterised query is several messages (Parse, Bind, Describe, Execute, Sync) and PGlite is
 * not in a transaction between them, so another connection's statement lands between Parse and
 * Bind and both run against the session's one unnamed statement. Here a connection keeps the
 * session from its first extended-protocol message through its Sync, as in a transaction: the
 * queue's processQueue (a method of a class the library does not export, reached through the
 * server's private `queryQueue` field) is replaced by the same loop with that rule.
 */
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { PatchCannotApply, installedVersion } from "./tested-range";
import { PGLITE_SOCKET_RANGE } from "./pglite-socket-writes";

/** The library's queue entry: one protocol message of one connection (handler). */
interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(error: unknown): void;
  onData(data: Uint8Array): void;
}

interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: { isInTransaction(): boolean; runExclusive<T>(run: () => Promise<T>): Promise<T>; execProtocolRawStream(message: Uint8Array, options: { onRawData(data: Uint8Array): void }): Promise<unknown> };
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

/** Extended-protocol messages after which the connection owes a Sync: Parse, Bind, Describe, Execute, Close, Flush. */
const OPENS_EXTENDED = new Set(["P", "B", "D", "E", "C", "H"].map((letter) => letter.charCodeAt(0)));
const SYNC = "S".charCodeAt(0);

/** Call once on a server before its first connection. */
export function keepSessionsWhole(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue?: QueryQueue }).queryQueue;
  if (!queue || !Array.isArray(queue.queue) || typeof queue.processQueue !== "function" || typeof queue.clearQueueForHandler !== "function") {
    throw new PatchCannotApply(PGLITE_SOCKET_RANGE, installedVersion(PGLITE_SOCKET_RANGE), "no query queue in its private `queryQueue` field");
  }
  /** The connection between an extended-protocol message and its Sync, if any. */
  let owesSync: number | null = null;
  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId) => {
    clear(handlerId);
    if (owesSync === handlerId) owesSync = null;
  };
  queue.processQueue = async function processQueue(this: QueryQueue) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    while (this.queue.length > 0) {
      const holder = owesSync ?? (this.db.isInTransaction() ? this.lastHandlerId : null);
      // The holder's next message, or none: others wait until it arrives (its enqueue runs this loop again).
      const index = holder === null ? 0 : this.queue.findIndex((entry) => entry.handlerId === holder);
      if (index === -1) break;
      const [entry] = this.queue.splice(index, 1) as [QueuedMessage];
      let bytes = 0;
      try {
        await this.db.runExclusive(() =>
          this.db.execProtocolRawStream(entry.message, {
            onRawData: (data) => {
              bytes += data.length;
              entry.onData(data);
            },
          }),
        );
      } catch (error) {
        // The library stops its loop here for good (`processing` stays set); the other connections go on.
        entry.reject(error);
        continue;
      }
      const type = entry.message[0];
      if (type !== undefined && OPENS_EXTENDED.has(type)) owesSync = entry.handlerId;
      else if (type === SYNC && owesSync === entry.handlerId) owesSync = null;
      this.lastHandlerId = entry.handlerId;
      entry.resolve(bytes);
    }
    this.processing = false;
  };
}
