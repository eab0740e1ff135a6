/**
 * Partition ownership: which live tracker process owns which partitions now (DESIGN.md
 * invariant 3, "one owner per driver"). State lives in a JetStream KV bucket whose entries
 * expire after `ttlMs` unless rewritten:
 *
 * - `members.<memberId>`: each process rewrites its own every tick (heartbeat). A dead process's
 *   key expires within `ttlMs`; a stopping one purges it.
 * - `leases.<partition>`: the owner's id, written with compare-and-set: created only when absent
 *   (or expired, or deleted), renewed only on the revision the owner last wrote.
 *
 * Every tick each process lists the live members, computes the same balanced assignment
 * (partition p → the (p mod N)-th member in sorted order: each gets ⌈P/N⌉ or ⌊P/N⌋), releases
 * what is no longer its own (stop consuming, checkpoint, then delete the lease by revision),
 * renews what it keeps and tries to create leases for its targets that nobody holds. A joiner
 * gets its share within about two ticks; a dead member's partitions as soon as its leases
 * expire. An owner that has not renewed a lease for `fenceMs` (< `ttlMs`, measured from when
 * the renewal was SENT, so before the server's expiry clock started) stops that partition
 * before anybody else can take it (self-fencing); a renewal refused by revision means somebody
 * else holds it: stop at once.
 */
import { trackerPartitions } from "../../../lib/domain/partition";
import type { KvBucket } from "./kv-bucket";

export type ReleaseReason = "rebalance" | "fenced" | "stop";

export interface PartitionLeaseOptions {
  bucket: KvBucket;
  memberId: string;
  partitions?: number;
  ttlMs: number;
  tickMs: number;
  /** Stop a partition whose last successful renewal was sent this long ago; below ttlMs. */
  fenceMs: number;
  /** Start consuming a partition just acquired (may take a while: reads its checkpoint). */
  onAcquire(partition: number): void;
  /** Stop a partition; resolve once nothing more is applied (checkpointed unless fenced). */
  onRelease(partition: number, reason: ReleaseReason): Promise<void>;
  log(message: string, error?: unknown): void;
}

interface Lease {
  revision: number;
  /** Date.now() when the write that produced `revision` was sent. */
  writtenAt: number;
}

/** The balanced assignment every member computes alike from the sorted list of live members. */
export function assignPartitions(members: readonly string[], partitions: number): Map<number, string> {
  const sorted = [...members].sort();
  const owners = new Map<number, string>();
  if (!sorted.length) return owners;
  for (let partition = 0; partition < partitions; partition++) owners.set(partition, sorted[partition % sorted.length]!);
  return owners;
}

export class PartitionLeases {
  /** Bound: at most `partitions` entries. */
  private readonly owned = new Map<number, Lease>();
  /** Partitions being handed over (still renewed until their lease is deleted). Bound: `partitions`. */
  private readonly releasing = new Map<number, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private fenceTimer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private isStopped = false;
  private readonly partitions: number;

  constructor(private readonly options: PartitionLeaseOptions) {
    this.partitions = options.partitions ?? trackerPartitions();
  }

  ownedPartitions(): number[] {
    return [...this.owned.keys()].sort((a, b) => a - b);
  }

  /** True while this member's lease on `partition` is certainly still valid (checked before every batch's outputs). */
  holds(partition: number): boolean {
    const lease = this.owned.get(partition);
    return lease !== undefined && Date.now() - lease.writtenAt <= this.options.fenceMs;
  }

  start(): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.options.tickMs);
    this.fenceTimer = setInterval(() => void this.fence(), Math.max(50, Math.floor(this.options.tickMs / 4)));
  }

  /** One round of heartbeat, rebalance and renewal; overlapping calls share one round. */
  tick(): Promise<void> {
    if (this.isStopped) return Promise.resolve();
    this.ticking ??= this.round()
      .catch((error: unknown) => this.options.log("partition lease round failed", error))
      .finally(() => {
        this.ticking = null;
      });
    return this.ticking;
  }

  private async round(): Promise<void> {
    const { bucket, memberId } = this.options;
    await bucket.put(`members.${memberId}`, JSON.stringify({ at: Date.now() }));
    const members = (await bucket.keys("members.")).map((key) => key.slice("members.".length));
    if (!members.includes(memberId)) members.push(memberId);
    const assignment = assignPartitions(members, this.partitions);
    for (let partition = 0; partition < this.partitions; partition++) {
      if (this.isStopped) return;
      const isTarget = assignment.get(partition) === memberId;
      const lease = this.owned.get(partition);
      if (lease && !isTarget && !this.releasing.has(partition)) {
        // Not awaited: stopping and checkpointing may take a while, and heartbeats and renewals must go on meanwhile.
        this.releasing.set(
          partition,
          this.release(partition, "rebalance").finally(() => this.releasing.delete(partition)),
        );
      }
      if (lease) {
        const writtenAt = Date.now();
        const revision = await bucket.update(`leases.${partition}`, memberId, lease.revision);
        if (revision === null) {
          this.options.log(`partition ${partition}: lease taken by another member; stopping`);
          this.owned.delete(partition);
          await this.options.onRelease(partition, "fenced");
        } else if (this.owned.get(partition) === lease) {
          this.owned.set(partition, { revision, writtenAt });
        }
      } else if (isTarget) {
        const writtenAt = Date.now();
        const revision = await bucket.create(`leases.${partition}`, memberId);
        if (revision !== null && !this.isStopped) {
          this.owned.set(partition, { revision, writtenAt });
          this.options.onAcquire(partition);
        }
      }
    }
  }

  /** Self-fencing: a lease not renewed in time may have expired on the server; stop before anyone else starts. */
  private async fence(): Promise<void> {
    const now = Date.now();
    for (const [partition, lease] of this.owned) {
      if (now - lease.writtenAt <= this.options.fenceMs) continue;
      this.options.log(`partition ${partition}: lease not renewed for ${now - lease.writtenAt} ms; stopping it (fenced)`);
      this.owned.delete(partition);
      await this.options.onRelease(partition, "fenced");
    }
  }

  private async release(partition: number, reason: ReleaseReason): Promise<void> {
    if (!this.owned.has(partition)) return;
    await this.options.onRelease(partition, reason);
    // The revision renewed meanwhile is the one to delete.
    const lease = this.owned.get(partition);
    this.owned.delete(partition);
    if (!lease) return;
    // Only after the partition stopped and checkpointed may the next owner create the lease.
    try {
      if (await this.options.bucket.delete(`leases.${partition}`, lease.revision)) return;
      // A renewal landed meanwhile: delete the revision it wrote, if the lease is still ours.
      const current = await this.options.bucket.get(`leases.${partition}`);
      if (current?.value === this.options.memberId) await this.options.bucket.delete(`leases.${partition}`, current.revision);
    } catch (error) {
      this.options.log(`partition ${partition}: lease delete failed (it expires on its own)`, error);
    }
  }

  /** Graceful stop: release every partition (checkpointed), then leave the member list. */
  async stop(): Promise<void> {
    this.isStopped = true;
    this.clearTimers();
    await this.ticking;
    await Promise.all(this.releasing.values());
    await Promise.all(this.ownedPartitions().map((partition) => this.release(partition, "stop")));
    await this.options.bucket.purge(`members.${this.options.memberId}`).catch(() => undefined);
  }

  /**
   * As a crashed process would: stop heartbeats and renewals without releasing anything; the
   * leases and the member key expire on their own. The caller stops its partitions (unfenced
   * writes would be a bug, so it must not checkpoint them).
   */
  abandon(): number[] {
    this.isStopped = true;
    this.clearTimers();
    const partitions = this.ownedPartitions();
    this.owned.clear();
    return partitions;
  }

  private clearTimers(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.fenceTimer) clearInterval(this.fenceTimer);
    this.timer = null;
    this.fenceTimer = null;
  }
}
