/**
 * What the fault tests drive and count with. Clients retry as the driver app does
 * (lib/driver/retry-policy.ts: Retry-After first, else backoff with jitter) on a faster clock;
 * every answer is recorded (status, time taken, Retry-After) so a test can say what clients saw
 * during a fault. Counting is by bitsets over each driver's device sequences and each order's
 * statuses, as NATS's own chaos tests count stream sequences: lost = acknowledged but absent,
 * doubled = present more than once.
 */
import { jetstream, type JetStreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { io, type Socket } from "socket.io-client";
import { outcomeOf, parseRetryAfter, retryDelayMs, type RetryPolicy } from "../../lib/driver/retry-policy";
import { EVENTS, SOCKET_PATH, type TAck } from "../../lib/realtime/events";
import type { TOrderView } from "../../lib/schemas/order-view";
import type { TTimelineEntry, TTimelinePage } from "../../lib/schemas/timeline";

/** The driver app's policy, ten times faster (the fault tests accelerate rather than wait). */
export const FAST_RETRY: RetryPolicy = { baseMs: 100, maxMs: 1_000 };
/** A request not answered within this long counts as a hang. */
export const HANG_MS = 15_000;

export interface Answer {
  path: string;
  status: number | "network-error" | "hang";
  ms: number;
  retryAfter: string | null;
  /** performance.now() when the request was sent. */
  sentAt: number;
}

export class RetryingClient {
  readonly answers: Answer[] = [];
  constructor(private readonly baseUrl: () => string) {}

  /** Sends until a 2xx (returned), or a 4xx that retrying cannot fix (thrown). */
  async send(method: string, path: string, token: string, body: unknown): Promise<{ status: number; body: unknown }> {
    for (let failures = 1; ; failures++) {
      const sentAt = performance.now();
      let answer: Answer;
      let parsed: unknown = null;
      try {
        const response = await fetch(`${this.baseUrl()}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(HANG_MS),
        });
        const text = await response.text();
        parsed = text ? (JSON.parse(text) as unknown) : null;
        answer = { path, status: response.status, ms: performance.now() - sentAt, retryAfter: response.headers.get("retry-after"), sentAt };
      } catch (error) {
        const isTimeout = (error as Error).name === "TimeoutError";
        answer = { path, status: isTimeout ? "hang" : "network-error", ms: performance.now() - sentAt, retryAfter: null, sentAt };
      }
      this.answers.push(answer);
      const outcome = outcomeOf(answer.status === "hang" ? "network-error" : answer.status);
      if (outcome === "done") return { status: answer.status as number, body: parsed };
      if (outcome !== "retry") throw new Error(`${method} ${path}: ${String(answer.status)} ${JSON.stringify(parsed)}`);
      await sleep(retryDelayMs(failures, parseRetryAfter(answer.retryAfter, Date.now()), FAST_RETRY));
    }
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface StoredMessage {
  seq: number;
  subject: string;
  data: Record<string, unknown>;
}

/** Every message of `stream`, read with one ordered consumer (fast: no request per message). */
export async function readWholeStream(nc: NatsConnection, jsm: JetStreamManager, stream: string): Promise<StoredMessage[]> {
  const { state } = await jsm.streams.info(stream);
  const out: StoredMessage[] = [];
  if (state.messages === 0) return out;
  const consumer = await jetstream(nc).consumers.get(stream);
  const messages = await consumer.consume();
  for await (const message of messages) {
    out.push({ seq: message.seq, subject: message.subject, data: message.json() });
    if (message.seq >= state.last_seq) break;
  }
  await messages.close();
  return out;
}

/** Occurrences per key; `lost` and `doubled` against what was acknowledged. */
export class Tally {
  private readonly counts = new Map<string, Uint16Array>();
  private readonly acked = new Map<string, Uint8Array>();
  constructor(private readonly size: number) {}

  private of(map: Map<string, Uint16Array> | Map<string, Uint8Array>, key: string, make: () => Uint16Array | Uint8Array) {
    let bits = map.get(key);
    if (!bits) {
      bits = make();
      (map as Map<string, Uint16Array | Uint8Array>).set(key, bits);
    }
    return bits;
  }
  ack(key: string, index: number): void {
    this.of(this.acked, key, () => new Uint8Array(this.size))[index] = 1;
  }
  seen(key: string, index: number): void {
    const counts = this.of(this.counts, key, () => new Uint16Array(this.size));
    counts[index] = (counts[index] ?? 0) + 1;
  }
  result(): { acknowledged: number; stored: number; lost: string[]; doubled: string[] } {
    let acknowledged = 0;
    let stored = 0;
    const lost: string[] = [];
    const doubled: string[] = [];
    for (const [key, bits] of this.acked) {
      const counts = this.counts.get(key);
      bits.forEach((bit, index) => {
        if (!bit) return;
        acknowledged++;
        if (!counts?.[index]) lost.push(`${key}#${index}`);
      });
    }
    for (const [key, counts] of this.counts) {
      counts.forEach((count, index) => {
        stored += count;
        if (count > 1) doubled.push(`${key}#${index}×${count}`);
      });
    }
    return { acknowledged, stored, lost, doubled };
  }
}

/**
 * Fixes of a driver's batch number `batch` (seqs batch*size+1 …): one every 100 ms of device time
 * from `startAt`, 0.1 m apart (a walking pace, so the tracker's GPS filter accepts every one and
 * each driver's last projected fix is its last acknowledged one).
 */
export function fixBatch(origin: { lat: number; lng: number }, batch: number, size: number, startAt: number): { lat: number; lng: number; at: number; seq: number; accuracy: number }[] {
  return Array.from({ length: size }, (_, index) => {
    const seq = batch * size + index + 1;
    return { lat: Number((origin.lat + seq * 0.000001).toFixed(7)), lng: origin.lng, at: startAt + seq * 100, seq, accuracy: 5 };
  });
}

/** Device time for a run of up to `fixes` fixes per driver that ends before now. */
export const deviceClockFor = (fixes: number) => Date.now() - fixes * 100 - 60_000;

/** Polls the server's /metrics (admin token) until every partition is owned and none lags. */
export async function waitForTrackerCaughtUp(baseUrl: string, adminToken: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${adminToken}` } })
      .then((response) => response.text())
      .catch(() => "");
    const owned = Number(/^lastmile_tracker_partitions_owned (\d+)/m.exec(text)?.[1] ?? 0);
    const lags = [...text.matchAll(/^lastmile_tracker_lag\{[^}]*\} (\d+)/gm)].map((match) => Number(match[1]));
    if (owned === 16 && lags.length === 16 && lags.every((lag) => lag === 0)) return;
    if (Date.now() > deadline) throw new Error(`the tracker did not catch up within ${timeoutMs} ms (owned ${owned}, lags ${lags.join(",")})`);
    await sleep(200);
  }
}

/**
 * A tracking page's live channel as lib/realtime/tracking-client.ts runs it, without the DOM:
 * socket.io-client reconnecting on its own; on every connect it watches the order again and
 * reads the timeline after the last entry it has; live views keep the newest version, live
 * entries are kept by stream sequence (a repeat is the same entry).
 */
export class PageWatcher {
  readonly socket: Socket;
  readonly entries = new Map<number, TTimelineEntry>();
  latest: TOrderView | null = null;
  connects = 0;
  private resumeSeq = 0;

  constructor(
    baseUrl: string,
    private readonly token: string,
  ) {
    this.socket = io(baseUrl, { path: SOCKET_PATH, transports: ["websocket"], reconnectionDelay: 200, reconnectionDelayMax: 1_000 });
    this.socket.on(EVENTS.orderView, (view) => this.keep(view));
    this.socket.on(EVENTS.orderEntry, (entry) => void this.entries.set(entry.seq, entry));
    this.socket.on("connect", () => {
      this.connects++;
      void this.sync().catch(() => undefined);
    });
  }

  private keep(view: TOrderView): void {
    if (!this.latest || view.version > this.latest.version) this.latest = view;
  }

  private async sync(): Promise<void> {
    const ack = (await this.socket.timeout(10_000).emitWithAck(EVENTS.orderWatch, { token: this.token })) as TAck<TOrderView>;
    if ("data" in ack) this.keep(ack.data);
    for (let page = 0; page < 20; page++) {
      const history = (await this.socket.timeout(10_000).emitWithAck(EVENTS.orderHistory, { token: this.token, afterSeq: this.resumeSeq })) as TAck<TTimelinePage>;
      if (!("data" in history)) return;
      for (const entry of history.data.entries) this.entries.set(entry.seq, entry);
      if (history.data.lastSeq <= this.resumeSeq) return;
      this.resumeSeq = history.data.lastSeq;
    }
  }

  close(): void {
    this.socket.close();
  }
}
