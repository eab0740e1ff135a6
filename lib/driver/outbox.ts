/**
 * The phone's durable queue (IndexedDB): every fix and every status tap goes here first and
 * leaves only once the server acknowledged it, so closing the app, losing the network or a
 * server restart loses nothing. One object store with an auto-increment key keeps the order
 * in which things happened, fixes and statuses interleaved.
 */
import type { TGpsFix } from "../schemas/api";
import type { TDriverStatusRequest } from "../schemas/driver";

export type OutboxEntry = { kind: "fix"; fix: TGpsFix & { seq: number } } | { kind: "status"; orderId: string; body: TDriverStatusRequest; queuedAt: number };
export type StoredEntry = OutboxEntry & { id: number };

const STORE = "outbox";

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB request failed"));
  });
}

function completed(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error("IndexedDB transaction failed"));
    transaction.onabort = () => reject(transaction.error ?? new Error("IndexedDB transaction aborted"));
  });
}

export class Outbox {
  private constructor(private readonly db: IDBDatabase) {}

  /** One database per driver, so a shared phone never sends one driver's queue with another's token. */
  static async open(driverId: string): Promise<Outbox> {
    const request = indexedDB.open(`lastmile-driver-${driverId}`, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(STORE, { keyPath: "id", autoIncrement: true });
    };
    return new Outbox(await promised(request));
  }

  static async destroy(driverId: string): Promise<void> {
    await promised(indexedDB.deleteDatabase(`lastmile-driver-${driverId}`) as unknown as IDBRequest<unknown>);
  }

  async add(entry: OutboxEntry): Promise<number> {
    const transaction = this.db.transaction(STORE, "readwrite");
    const key = await promised(transaction.objectStore(STORE).add(entry));
    await completed(transaction);
    return Number(key);
  }

  /** The oldest `limit` entries, in the order they were added. */
  async peek(limit: number): Promise<StoredEntry[]> {
    const transaction = this.db.transaction(STORE, "readonly");
    return (await promised(transaction.objectStore(STORE).getAll(null, limit))) as StoredEntry[];
  }

  async remove(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    const transaction = this.db.transaction(STORE, "readwrite");
    const store = transaction.objectStore(STORE);
    for (const id of ids) store.delete(id);
    await completed(transaction);
  }

  /** The status taps waiting, in the order they were taken (the fixes between them skipped). */
  async statuses(): Promise<Array<Extract<StoredEntry, { kind: "status" }>>> {
    const transaction = this.db.transaction(STORE, "readonly");
    const request = transaction.objectStore(STORE).openCursor();
    const found: Array<Extract<StoredEntry, { kind: "status" }>> = [];
    return new Promise((resolve, reject) => {
      request.onsuccess = () => {
        const cursor = request.result;
        if (!cursor) return resolve(found);
        const entry = cursor.value as StoredEntry;
        if (entry.kind === "status") found.push(entry);
        cursor.continue();
      };
      request.onerror = () => reject(request.error ?? new Error("IndexedDB cursor failed"));
    });
  }

  async count(): Promise<number> {
    return promised(this.db.transaction(STORE, "readonly").objectStore(STORE).count());
  }

  close(): void {
    this.db.close();
  }
}

/** The head of the queue as one request: a run of consecutive fixes (one batch), or one status. */
export function nextSend(entries: readonly StoredEntry[], maxFixes: number): { kind: "fixes"; entries: StoredEntry[] } | { kind: "status"; entry: StoredEntry } | null {
  const [head] = entries;
  if (!head) return null;
  if (head.kind === "status") return { kind: "status", entry: head };
  const run: StoredEntry[] = [];
  for (const entry of entries) {
    if (entry.kind !== "fix" || run.length >= maxFixes) break;
    run.push(entry);
  }
  return { kind: "fixes", entries: run };
}
