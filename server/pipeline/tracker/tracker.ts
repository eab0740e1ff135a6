/**
 * The tracker, partitioned by driver: this process owns some of the trackerPartitions() through
 * KV leases (partition-leases.ts) and runs one PartitionWorker per owned partition. Views and
 * progress events go out as messages are applied; projections and checkpoints are written in
 * batches by one ProjectionWriter. Any number of processes may run it against one NATS and one
 * database: each partition has one live owner, and moves within seconds when its owner dies or
 * another process joins.
 */
import { randomUUID } from "node:crypto";
import { trackerPartitions } from "../../../lib/domain/partition";
import type { WatchdogTiming } from "../../platform/backbone/consumer-watchdog";
import { STREAMS, subjects } from "../../platform/backbone/subjects";
import { KvBucket } from "./kv-bucket";
import { FleetPriorPool } from "./fleet-prior-pool";
import { PartitionLeases, type ReleaseReason } from "./partition-leases";
import { PartitionWorker, type TrackerDeps, type TrackerHooks } from "./partition-worker";
import { ProjectionWriter } from "./projection-writer";

export const OWNERSHIP_BUCKET = "tracker_ownership";

export interface TrackerOptions {
  /** TRACKING_VISIBLE_STOPS: null applies no stops limit. */
  visibleStops: number | null;
  /** TRACKING_VISIBLE_MINUTES: unset or null applies no minutes limit. */
  visibleMinutes?: number | null;
  log?: (message: string, error?: unknown) => void;
  /** This process's name in the member list; unique per process (default: a random id). */
  memberId?: string;
  /** Lease lifetime without renewal (default 5 s); renewals every tickMs (default 1 s). */
  leaseTtlMs?: number;
  tickMs?: number;
  /** Replicas of the ownership bucket (3 on a JetStream cluster). */
  replicas?: number;
  hooks?: TrackerHooks;
  /** When a partition's consumer that stopped delivering is given up and restarted (tests shorten it). */
  watchdog?: Partial<WatchdogTiming>;
}

export interface Tracker {
  memberId: string;
  /** Partitions this process owns now. */
  owned(): number[];
  worker(partition: number): PartitionWorker | undefined;
  /** Every owned partition has applied all its messages on the stream. */
  isCaughtUp(): boolean;
  /**
   * Resolves once each of `partitions` (default: every owned one) has applied every message
   * stored on its subjects before the call and published what they changed: the precise signal a
   * replay on a simulated clock waits for before moving the clock on. A partition not owned here
   * is an error.
   */
  caughtUp(partitions?: readonly number[]): Promise<void>;
  /** Orders and drivers in memory across the owned partitions. */
  sizes(): { drivers: number; orders: number };
  /** Graceful: release every partition (checkpointed) and leave. */
  stop(): Promise<void>;
  /** As a crash: stop renewing and consuming, release nothing, write nothing more. */
  abandon(): Promise<void>;
}

/**
 * What the tracker needs: the database, JetStream (inputs, progress events), the connection (views
 * go out as core publishes; a reconnect makes each partition check its consumer at once) and the
 * clock its ETAs and predictions count from (unset: real time).
 */
export type { TrackerDeps };

export async function startTracker(deps: TrackerDeps, options: TrackerOptions): Promise<Tracker> {
  const log = options.log ?? ((message, error) => console.error(`[tracker] ${message}`, error ?? ""));
  const memberId = options.memberId ?? randomUUID();
  const ttlMs = options.leaseTtlMs ?? 5_000;
  const tickMs = options.tickMs ?? 1_000;
  const bucket = await KvBucket.open(deps, OWNERSHIP_BUCKET, { ttlMs, replicas: options.replicas });
  const writer = new ProjectionWriter(deps.prisma, log);
  writer.start();
  /** Bound: at most trackerPartitions(). */
  const workers = new Map<number, PartitionWorker>();
  /** One fleet prior over every partition this process owns: a small fleet's drivers rarely share one. */
  const fleetPriors = new FleetPriorPool();

  const leases: PartitionLeases = new PartitionLeases({
    bucket,
    memberId,
    partitions: trackerPartitions(),
    ttlMs,
    tickMs,
    fenceMs: ttlMs - 1.5 * tickMs,
    log,
    onAcquire(partition) {
      const worker = new PartitionWorker(deps, partition, {
        memberId,
        visibility: { maxStops: options.visibleStops, maxMinutes: options.visibleMinutes ?? null },
        writer,
        log,
        hooks: options.hooks,
        watchdog: options.watchdog,
        holdsLease: () => leases.holds(partition),
        fleetPriors,
      });
      workers.set(partition, worker);
      worker.start();
    },
    async onRelease(partition: number, reason: ReleaseReason) {
      const worker = workers.get(partition);
      workers.delete(partition);
      await worker?.stop({ checkpoint: reason !== "fenced" });
    },
  });
  leases.start();

  return {
    memberId,
    owned: () => leases.ownedPartitions(),
    worker: (partition) => workers.get(partition),
    isCaughtUp: () => [...workers.values()].every((worker) => worker.isCaughtUp),
    async caughtUp(partitions = leases.ownedPartitions()) {
      await Promise.all(
        partitions.map(async (partition) => {
          const worker = workers.get(partition);
          if (!worker) throw new Error(`partition ${partition} is not owned by this tracker`);
          const last = (await deps.jsm.streams.getMessage(STREAMS.locations, { last_by_subj: subjects.partitionInput(partition) }))?.seq ?? 0;
          await worker.publishedThrough(last);
        }),
      );
    },
    sizes() {
      const total = { drivers: 0, orders: 0 };
      for (const worker of workers.values()) {
        const sizes = worker.state?.sizes();
        total.drivers += sizes?.drivers ?? 0;
        total.orders += sizes?.orders ?? 0;
      }
      return total;
    },
    async stop() {
      await leases.stop();
      await writer.stop();
    },
    async abandon() {
      leases.abandon();
      writer.abandon();
      await Promise.all([...workers.values()].map((worker) => worker.stop({ checkpoint: false })));
      workers.clear();
      writer.abandon();
    },
  };
}
