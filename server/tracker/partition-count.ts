/**
 * The tracker partition count is part of an installation's data: fixes and routes are stored
 * on LOCATIONS under `drivers.<partition>.…`, and each partition's checkpoint holds the drivers
 * that hashed into it. Run with another count, a driver's new fixes would go to a partition
 * whose checkpoint does not hold them while its old partition keeps a stale copy: views would
 * silently go wrong. So the count is recorded in the LOCATIONS stream's description at first
 * start, and a process configured with another count refuses to start, saying why and how to
 * change it (docs/capacity-model.md, "Changing the partition count").
 *
 * The count may change only when nothing depends on the old one: no tracker checkpoint in the
 * database, no tracker input waiting in the outbox (its subjects carry the old numbers) and no
 * live tracker member in the ownership bucket (every process stopped, the checkpoints deleted). Each partition then starts from the database (bootstrap-partition.ts)
 * and reads only what is published after it started, so fixes stored under the old numbers are
 * never read by the wrong partition. A LOCATIONS stream without a recorded count was made when
 * the count was always 16.
 */
import type { JetStreamManager } from "@nats-io/jetstream";
import { TRACKER_PARTITIONS } from "../../lib/domain/partition";
import { STREAMS } from "../backbone/subjects";
import type { CoreDeps } from "../deps";
import { KvBucket } from "./kv-bucket";
import { OWNERSHIP_BUCKET } from "./tracker";
const DESCRIPTION_PREFIX = "Lastmile tracker input: drivers.<partition>.>, partitions=";

/** The count recorded in LOCATIONS' description, or null when none is recorded. */
export function recordedPartitionCount(description: string | undefined): number | null {
  const match = /partitions=(\d+)\b/.exec(description ?? "");
  return match ? Number(match[1]) : null;
}

export function partitionCountDescription(count: number): string {
  return `${DESCRIPTION_PREFIX}${count}`;
}

export class PartitionCountMismatch extends Error {
  constructor(
    readonly recorded: number,
    readonly configured: number,
    reason: string,
  ) {
    super(
      `TRACKER_PARTITIONS=${configured}, but this installation's fixes and tracker checkpoints are partitioned by ${recorded} ` +
        `(recorded on the ${STREAMS.locations} stream). ${reason} Set TRACKER_PARTITIONS=${recorded} to run as before; to change the count, ` +
        `stop every process (gracefully: the outbox empties), delete the tracker checkpoints (DELETE FROM tracker_checkpoints) and start with the new count ` +
        `(docs/capacity-model.md, "Changing the partition count").`,
    );
    this.name = "PartitionCountMismatch";
  }
}

async function liveTrackerMembers(deps: Pick<CoreDeps, "js" | "jsm">): Promise<string[]> {
  if (!(await deps.jsm.streams.info(`KV_${OWNERSHIP_BUCKET}`).catch(() => null))) return [];
  // The bucket exists, so open() does not create it and its ttl argument is not used.
  const bucket = await KvBucket.open(deps, OWNERSHIP_BUCKET, { ttlMs: 5_000 });
  const members: string[] = [];
  for (const key of await bucket.keys("members.")) if (await bucket.get(key)) members.push(key.slice("members.".length));
  return members;
}

async function writeDescription(jsm: JetStreamManager, count: number): Promise<void> {
  const info = await jsm.streams.info(STREAMS.locations);
  await jsm.streams.update(STREAMS.locations, { ...info.config, description: partitionCountDescription(count) });
}

/**
 * Checks `configured` against the count recorded for this installation (after ensureStreams,
 * before the tracker starts): records it when none is, or when changing it is safe; otherwise
 * throws PartitionCountMismatch. Returns what it did.
 */
export async function ensurePartitionCount(
  deps: Pick<CoreDeps, "prisma" | "js" | "jsm">,
  configured: number,
  log: (message: string) => void = () => undefined,
): Promise<"kept" | "recorded" | "changed"> {
  const info = await deps.jsm.streams.info(STREAMS.locations);
  const written = recordedPartitionCount(info.config.description);
  const recorded = written ?? TRACKER_PARTITIONS;
  if (recorded === configured) {
    if (written !== null) return "kept";
    await writeDescription(deps.jsm, configured);
    return "recorded";
  }
  const checkpoints = await deps.prisma.trackerCheckpoint.count();
  const queued = await deps.prisma.outboxMessage.count({ where: { subject: { startsWith: "drivers." } } });
  const members = await liveTrackerMembers(deps);
  if (checkpoints > 0 || queued > 0 || members.length > 0) {
    const reasons = [
      checkpoints > 0 ? `${checkpoints} tracker checkpoint${checkpoints === 1 ? "" : "s"} in the database` : "",
      queued > 0 ? `${queued} tracker message${queued === 1 ? "" : "s"} waiting in the outbox` : "",
      members.length > 0 ? `${members.length} tracker process${members.length === 1 ? "" : "es"} running` : "",
    ].filter(Boolean);
    throw new PartitionCountMismatch(recorded, configured, `Refusing to start: ${reasons.join(" and ")} would be mis-routed.`);
  }
  await writeDescription(deps.jsm, configured);
  if (written !== null) log(`tracker partitions changed from ${recorded} to ${configured} (no checkpoint, no live tracker): every partition starts from the database`);
  return written === null ? "recorded" : "changed";
}
