import { randomUUID } from "node:crypto";
import type { JetStreamClient } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import type { PrismaClient } from "../../../generated/prisma/client";
import { publishErrors } from "../../platform/observability/metrics";

/**
 * Publishes the outbox to JetStream after COMMIT (DESIGN.md invariant 1).
 *
 * - msgID = the row's id: a publisher that dies between publishing and deleting leaves the row,
 *   the next publisher sends it again and JetStream drops the duplicate (`ack.duplicate`).
 * - One publisher at a time across processes: the holder of an unexpired lease row
 *   (`outbox_leases`, database clock). Not a transaction-scoped advisory lock: that would hold a
 *   transaction open across NATS I/O, and on PGlite (one connection) stall every request for
 *   as long as NATS takes to time out. The holder renews before each batch and publishes only
 *   while its lease is certainly valid (self-fencing on its own monotonic clock).
 * - Order: rows are read in `position` order; rows that share an ordering key (a subject, or a
 *   tracker partition `drivers.<p>`, which one ordered consumer reads as one sequence) are
 *   published one after another, each after the previous one's ack; different keys go
 *   concurrently. A failed publish stops its key for this round, so nothing after it on the
 *   same key goes first. Even two publishers overlapping (a lease holder stalled past expiry)
 *   cannot reorder a key: each publishes a key's rows in position order, so a late repeat is
 *   a duplicate JetStream drops within the stream's duplicate window.
 * - Positions are taken at INSERT, so a later-committing transaction can hold a smaller
 *   position; writers of one subject are serialized by row locks (the driver row for route
 *   snapshots, the order row for order events), so within a subject commit order = position.
 * - Runs when nudged (after each commit) and on a timer (rows left by a crash, NATS outages).
 *   A process that does not hold the lease passes its nudge on to the holder over core NATS
 *   (OUTBOX_NUDGE_SUBJECT), so its requests do not wait for the holder's timer.
 */
export interface OutboxPublisher {
  /** Publish what is pending now (coalesced: at most one round runs at a time, plus one queued). */
  nudge(): void;
  /** Resolves true once every id is on JetStream (acknowledged here, or gone from the outbox: another process published it), false on timeout. */
  waitPublished(msgIds: readonly string[], timeoutMs: number): Promise<boolean>;
  /** Counters since start: stored by JetStream, reported as duplicates by JetStream, failed attempts. */
  readonly stats: { published: number; duplicates: number; failures: number };
  /** The lease holder id of this publisher. */
  readonly holderId: string;
  /** Stops the timer, finishes the round under way and hands the lease back. */
  stop(): Promise<void>;
}

export interface OutboxPublisherOptions {
  holderId?: string;
  /** Lease length; another process takes over this long after a holder dies. */
  leaseMs?: number;
  /** The timer that catches rows nobody nudged for (a crash, a NATS outage). */
  intervalMs?: number;
  batchSize?: number;
  publishTimeoutMs?: number;
  log?: (message: string, error?: unknown) => void;
}

const LEASE_NAME = "publisher";
/** Core NATS (no stream): "there is something in the outbox", for whichever process holds the lease. */
export const OUTBOX_NUDGE_SUBJECT = "lastmile.outbox.nudge";

interface Row {
  id: string;
  subject: string;
  payload: string;
}

/** Rows with the same key keep their relative order on JetStream. */
export function orderingKey(subject: string): string {
  const tokens = subject.split(".");
  // One tracker partition is one ordered consumer: keep the whole partition in position order.
  return tokens[0] === "drivers" && tokens[1] !== undefined ? `drivers.${tokens[1]}` : subject;
}

export function startOutboxPublisher(deps: { prisma: PrismaClient; js: JetStreamClient; nc?: NatsConnection }, options: OutboxPublisherOptions = {}): OutboxPublisher {
  const holderId = options.holderId ?? randomUUID();
  const leaseMs = options.leaseMs ?? 10_000;
  const batchSize = options.batchSize ?? 256;
  const publishTimeoutMs = Math.min(options.publishTimeoutMs ?? 5_000, leaseMs / 2);
  const log = options.log ?? ((message: string, error?: unknown) => console.error(`[outbox] ${message}`, error ?? ""));
  const stats = { published: 0, duplicates: 0, failures: 0 };

  let isStopped = false;
  let isWanted = false;
  let running: Promise<void> | null = null;
  /** Local monotonic time until which this process may publish (0 = no lease). */
  let leaseValidUntil = 0;
  /** Waiters of waitPublished, each with the ids it still waits for. Bounded by requests in flight. */
  const waiters = new Set<{ pending: Set<string>; done(isPublished: boolean): void }>();

  const settle = (ids: readonly string[]) => {
    if (ids.length === 0) return;
    for (const waiter of [...waiters]) {
      for (const id of ids) waiter.pending.delete(id);
      if (waiter.pending.size === 0) waiter.done(true);
    }
  };

  /** Takes or renews the lease; true when this process may publish. */
  const acquireLease = async (): Promise<boolean> => {
    const askedAt = performance.now();
    const rows = await deps.prisma.$queryRaw<{ holder: string }[]>`
      INSERT INTO outbox_leases (name, holder, expires_at)
      VALUES (${LEASE_NAME}, ${holderId}, (now() AT TIME ZONE 'UTC') + ${leaseMs} * interval '1 millisecond')
      ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
      WHERE outbox_leases.holder = EXCLUDED.holder OR outbox_leases.expires_at < (now() AT TIME ZONE 'UTC')
      RETURNING holder`;
    // Counted from before the request: the database's expiry is certainly later than this.
    leaseValidUntil = rows.length > 0 ? askedAt + leaseMs * 0.8 : 0;
    return rows.length > 0;
  };
  const hasLease = () => performance.now() < leaseValidUntil;
  /** Renewed when less than half of it is left, not on every round: one write fewer per commit. */
  const hasFreshLease = () => performance.now() < leaseValidUntil - leaseMs * 0.4;

  /** Publishes rows in order per key; returns the ids JetStream stored (or had already). */
  const publishInOrder = async (rows: readonly Row[]): Promise<string[]> => {
    const byKey = new Map<string, Row[]>();
    for (const row of rows) {
      const key = orderingKey(row.subject);
      const list = byKey.get(key);
      if (list) list.push(row);
      else byKey.set(key, [row]);
    }
    const stored: string[] = [];
    await Promise.all(
      [...byKey.values()].map(async (chain) => {
        for (const row of chain) {
          if (!hasLease()) return;
          try {
            const ack = await deps.js.publish(row.subject, row.payload, { msgID: row.id, timeout: publishTimeoutMs });
            stored.push(row.id);
            if (ack.duplicate) stats.duplicates += 1;
            else stats.published += 1;
          } catch (error) {
            stats.failures += 1;
            publishErrors.inc({ publisher: "outbox" });
            log(`publishing ${row.subject} (${row.id}) failed; retried in order later`, error);
            return;
          }
        }
      }),
    );
    return stored;
  };

  /** One round: publish and delete until the outbox is empty, a publish fails, or another process holds the lease. */
  const round = async (): Promise<void> => {
    while (!isStopped) {
      if (!hasFreshLease()) {
        // Idle processes only look (no lease write) until there is something to publish.
        const [head] = await deps.prisma.$queryRaw<{ id: string }[]>`SELECT id FROM outbox LIMIT 1`;
        if (!head) return;
        if (!(await acquireLease())) return;
      }
      const rows = await deps.prisma.$queryRaw<Row[]>`SELECT id, subject, payload FROM outbox ORDER BY position LIMIT ${batchSize}`;
      if (rows.length === 0) return;
      const stored = await publishInOrder(rows);
      // On JetStream now: their requests may answer. The DELETE queues behind other statements on
      // the app's one PGlite connection; should it fail, the rows are sent again as duplicates.
      settle(stored);
      if (stored.length > 0) await deps.prisma.$executeRaw`DELETE FROM outbox WHERE id = ANY(${stored}::text[])`;
      // A short batch emptied the outbox as of its read: rows committed since come with a nudge
      // (or the timer), which runs another round; looking again now would cost a query per round.
      if (stored.length < rows.length || rows.length < batchSize) return;
    }
  };

  const runSoon = () => {
    if (isStopped) return;
    isWanted = true;
    if (running) return;
    running = (async () => {
      while (isWanted && !isStopped) {
        isWanted = false;
        await round().catch((error: unknown) => log("outbox round failed; retried on the next nudge or tick", error));
      }
    })().finally(() => {
      running = null;
    });
  };

  const nudge = () => {
    runSoon();
    if (!hasLease() && deps.nc && !deps.nc.isClosed()) deps.nc.publish(OUTBOX_NUDGE_SUBJECT);
  };
  const subscription = deps.nc?.subscribe(OUTBOX_NUDGE_SUBJECT, { callback: runSoon });

  const timer = setInterval(runSoon, options.intervalMs ?? 1_000);
  timer.unref();
  runSoon();

  return {
    holderId,
    stats,
    nudge,
    waitPublished(msgIds, timeoutMs) {
      if (msgIds.length === 0) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        let pollTimer: NodeJS.Timeout | undefined;
        let pollDelay = 25;
        const waiter = {
          pending: new Set(msgIds),
          done(isPublished: boolean) {
            waiters.delete(waiter);
            clearTimeout(deadline);
            clearTimeout(pollTimer);
            resolve(isPublished);
          },
        };
        const deadline = setTimeout(() => waiter.done(false), timeoutMs);
        // Another process may hold the lease and publish our rows: look at the table too,
        // seldom while this process publishes itself.
        const poll = () => {
          pollTimer = setTimeout(
            () => {
              void deps.prisma.$queryRaw<{ id: string }[]>`SELECT id FROM outbox WHERE id = ANY(${[...waiter.pending]}::text[])`
                .then((rows) => {
                  const left = new Set(rows.map((row) => row.id));
                  settle([...waiter.pending].filter((id) => !left.has(id)));
                })
                .catch(() => undefined)
                .finally(() => {
                  if (waiters.has(waiter)) poll();
                });
            },
            hasLease() ? 500 : pollDelay,
          );
          pollDelay = Math.min(pollDelay * 2, 400);
        };
        waiters.add(waiter);
        poll();
        nudge();
      });
    },
    async stop() {
      isStopped = true;
      clearInterval(timer);
      subscription?.unsubscribe();
      await running;
      for (const waiter of [...waiters]) waiter.done(false);
      if (leaseValidUntil > 0) {
        leaseValidUntil = 0;
        // Hand over at once rather than after the lease runs out.
        await deps.prisma.$executeRaw`UPDATE outbox_leases SET expires_at = (now() AT TIME ZONE 'UTC') - interval '1 second' WHERE name = ${LEASE_NAME} AND holder = ${holderId}`.catch(
          () => undefined,
        );
      }
    },
  };
}
