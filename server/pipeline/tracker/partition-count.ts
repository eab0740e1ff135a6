/**
 * The tracker partition count is part of an installation's data: fixes and routes are stored
 * on LOCATIONS under `drivers.<partition>.…`, each partition's checkpoint holds the drivers that
 * hashed into it, and queued route changes in the outbox carry their subject. Run with another
 * count, a driver's new fixes would go to a partition whose checkpoint does not hold them while
 * its old partition keeps a stale copy: views would silently go wrong. So the count is recorded
 * in the LOCATIONS stream's description at first start, and a process configured with another
 * count refuses to start, saying why and how to change it (docs/capacity-model.md, "Changing the
 * partition count"). A LOCATIONS stream without a recorded count was made when it was always 16.
 *
 * The count changes only when nothing running or queued still uses the old one: no live tracker
 * member in the ownership bucket and no tracker input waiting in the outbox (every process
 * stopped gracefully). Checkpoints under the old count are deleted only when the operator names
 * the count they change from (TRACKER_PARTITIONS_FROM, equal to the recorded one); then each
 * partition starts from the database (bootstrap-partition.ts), reading only what is published
 * after it started: fixes stored under the old numbers are never read by the wrong partition. A
 * fresh installation (no checkpoint) takes its configured count without being asked.
 */
import type { JetStreamManager } from "@nats-io/jetstream";
import { TRACKER_PARTITIONS } from "../../../lib/domain/partition";
import { STREAMS } from "../../platform/backbone/subjects";
import type { CoreDeps } from "../../deps";
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
        `stop every process (gracefully: the outbox empties), then start one with TRACKER_PARTITIONS=${configured} and ` +
        `TRACKER_PARTITIONS_FROM=${recorded}: it deletes the tracker checkpoints and records the new count ` +
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

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export interface PartitionCountOptions {
  /** TRACKER_PARTITIONS_FROM: the operator's consent to change from this (recorded) count. */
  from?: number;
  log?: (message: string) => void;
}

/**
 * Checks `configured` against the count recorded for this installation (after ensureStreams,
 * before anything publishes tracker input): records it when none is, changes it when asked and
 * safe; otherwise throws PartitionCountMismatch. Returns what it did.
 */
export async function ensurePartitionCount(deps: Pick<CoreDeps, "prisma" | "js" | "jsm">, configured: number, options: PartitionCountOptions = {}): Promise<"kept" | "recorded" | "changed"> {
  const info = await deps.jsm.streams.info(STREAMS.locations);
  const written = recordedPartitionCount(info.config.description);
  const recorded = written ?? TRACKER_PARTITIONS;
  if (recorded === configured) {
    if (written !== null) return "kept";
    await writeDescription(deps.jsm, configured);
    return "recorded";
  }
  if (options.from !== undefined && options.from !== recorded) {
    throw new PartitionCountMismatch(recorded, configured, `TRACKER_PARTITIONS_FROM=${options.from} names another count than the recorded one: nothing changed.`);
  }
  const checkpoints = await deps.prisma.trackerCheckpoint.count();
  const queued = await deps.prisma.outboxMessage.count({ where: { subject: { startsWith: "drivers." } } });
  const members = await liveTrackerMembers(deps);
  const blockers = [
    members.length > 0 ? `${plural(members.length, "tracker process", "tracker processes")} running` : "",
    queued > 0 ? `${plural(queued, "tracker message", "tracker messages")} waiting in the outbox` : "",
    checkpoints > 0 && options.from === undefined ? `${plural(checkpoints, "tracker checkpoint", "tracker checkpoints")} in the database` : "",
  ].filter(Boolean);
  if (blockers.length > 0) throw new PartitionCountMismatch(recorded, configured, `Refusing to start: ${blockers.join(" and ")} would be mis-routed.`);
  if (checkpoints > 0) await deps.prisma.trackerCheckpoint.deleteMany();
  await writeDescription(deps.jsm, configured);
  if (options.from !== undefined || written !== null) {
    options.log?.(`tracker partitions changed from ${recorded} to ${configured}: ${plural(checkpoints, "checkpoint", "checkpoints")} deleted, every partition starts from the database`);
  }
  return options.from !== undefined || written !== null ? "changed" : "recorded";
}
