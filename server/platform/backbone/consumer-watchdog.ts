/**
 * Notices an ordered consumer that stopped delivering without ending, so its owner can close it
 * and start over from its own cursor. nats.js's `consume()` never ends its iterator when the
 * node hosting the (R1, memory) ordered consumer dies: it reports `heartbeats_missed` (or, after
 * a reconnect, nothing at all) and retries `consumer info` forever while the server answers
 * "consumer is offline". Two checks:
 *
 * - status: `consumer_deleted`, `consumer_not_found` and `stream_not_found` are a stall at once;
 *   `heartbeats_missed` and `no_responders` are one if the consumer then fails to answer `info`,
 *   and so is the connection's `reconnect` (its node may have died with the consumer, and then
 *   nats.js reports nothing: its heartbeat monitor stays off until its own check succeeds).
 * - progress: the stream holds a message past the last one delivered (the newest on the
 *   consumer's filter) and nothing was delivered for `stallMs` since that was first seen.
 *
 * `onStall` is called at most once; the owner closes the consumer and restarts it.
 */
import type { ConsumerMessages } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { withTimeout } from "../async/deadlines";
import { onConnectionStatus } from "./connection-state";

export interface WatchdogTiming {
  /** How often progress is checked. */
  checkMs: number;
  /** How long a message may wait on the stream, undelivered, before the consumer counts as stalled. */
  stallMs: number;
  /** How long the `info` probe and the stream lookup may take. */
  probeTimeoutMs: number;
}

export const DEFAULT_WATCHDOG_TIMING: WatchdogTiming = { checkMs: 2_000, stallMs: 10_000, probeTimeoutMs: 5_000 };

export interface ConsumerWatchdogOptions {
  messages: Pick<ConsumerMessages, "status">;
  /** The consumer's connection (optional): a reconnect makes the watchdog ask after the consumer at once. */
  connection?: Pick<NatsConnection, "status">;
  /** Asks the server about the consumer; rejects when it cannot (offline, deleted, no answer). */
  consumerInfo(): Promise<unknown>;
  /** Stream sequence of the newest message on the consumer's filter (0: none). */
  lastStoredSeq(): Promise<number>;
  /** Stream sequence of the last message delivered (or where delivery starts after). */
  deliveredSeq(): number;
  onStall(reason: string): void;
  timing?: Partial<WatchdogTiming>;
}

export interface ConsumerWatchdog {
  stop(): void;
}

const STALLED_AT_ONCE = new Set(["consumer_deleted", "consumer_not_found", "stream_not_found"]);
const SUSPECT = new Set(["heartbeats_missed", "no_responders"]);

export function watchConsumer(options: ConsumerWatchdogOptions): ConsumerWatchdog {
  const timing = { ...DEFAULT_WATCHDOG_TIMING, ...options.timing };
  let isStopped = false;
  let isProbing = false;
  let isChecking = false;
  let lastDelivered = options.deliveredSeq();
  /** When a message past the delivered one was first seen on the stream (null: none seen since the last delivery). */
  let behindSince: number | null = null;

  const stall = (reason: string) => {
    if (isStopped) return;
    isStopped = true;
    clearInterval(timer);
    stopConnectionStatus();
    options.onStall(reason);
  };

  const probe = async (status: string) => {
    if (isProbing) return;
    isProbing = true;
    try {
      await withTimeout(options.consumerInfo(), timing.probeTimeoutMs, "consumer info");
    } catch (error) {
      stall(`${status}, and the consumer does not answer (${error instanceof Error ? error.message : String(error)})`);
    } finally {
      isProbing = false;
    }
  };

  void (async () => {
    for await (const status of options.messages.status()) {
      if (isStopped) return;
      if (STALLED_AT_ONCE.has(status.type)) stall(status.type.replaceAll("_", " "));
      else if (SUSPECT.has(status.type)) void probe(status.type.replaceAll("_", " "));
    }
  })().catch(() => undefined);

  const stopConnectionStatus = options.connection
    ? onConnectionStatus(options.connection, (type) => {
        if (!isStopped && type === "reconnect") void probe("reconnected");
      })
    : () => undefined;

  const checkProgress = async () => {
    const delivered = options.deliveredSeq();
    if (delivered !== lastDelivered) {
      lastDelivered = delivered;
      behindSince = null;
      return;
    }
    // Unknown (the stream's leader moving): no verdict this round.
    const last = await withTimeout(options.lastStoredSeq(), timing.probeTimeoutMs).catch(() => null);
    if (last === null || isStopped || options.deliveredSeq() !== delivered) return;
    if (last <= delivered) {
      behindSince = null;
      return;
    }
    const now = Date.now();
    behindSince ??= now;
    if (now - behindSince >= timing.stallMs) stall(`nothing delivered for ${now - behindSince} ms while the stream holds up to ${last} (delivered ${delivered})`);
  };

  const timer = setInterval(() => {
    if (isChecking || isStopped) return;
    isChecking = true;
    void checkProgress().finally(() => {
      isChecking = false;
    });
  }, timing.checkMs);
  timer.unref();

  return {
    stop() {
      isStopped = true;
      clearInterval(timer);
      stopConnectionStatus();
    },
  };
}
