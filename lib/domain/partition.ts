/**
 * Which tracker partition a driver (or an order on no route) belongs to. The number of
 * partitions is fixed for a deployment: subjects carry the partition, so changing it would
 * strand messages under the old numbers and checkpoints would hold drivers that now hash
 * elsewhere. Ownership of partitions moves between processes; the partitions themselves never
 * change while any process runs (server/pipeline/tracker/partition-count.ts records the count and
 * refuses a different one; docs/capacity-model.md says how to change it).
 */

/** The count when TRACKER_PARTITIONS is unset (and the count of every installation before it could be set). */
export const TRACKER_PARTITIONS = 16;
/** The largest configurable count: one ordered consumer and one lease renewal per second per partition. */
export const MAX_TRACKER_PARTITIONS = 1024;

let configuredPartitions = TRACKER_PARTITIONS;

/** The number of partitions this process uses (TRACKER_PARTITIONS, set once at start-up by `configureTrackerPartitions`). */
export function trackerPartitions(): number {
  return configuredPartitions;
}

/**
 * Sets this process's partition count (server start-up, from the TRACKER_PARTITIONS variable;
 * tests). Every process of a deployment, and every thread that hashes drivers, must use the same.
 */
export function configureTrackerPartitions(count: number): void {
  if (!isValidPartitionCount(count)) throw new RangeError(`tracker partitions must be a whole number from 1 to ${MAX_TRACKER_PARTITIONS}, not ${count}`);
  configuredPartitions = count;
}

export function isValidPartitionCount(count: number): boolean {
  return Number.isInteger(count) && count >= 1 && count <= MAX_TRACKER_PARTITIONS;
}

/** FNV-1a over the UTF-16 code units: stable across processes, versions and machines. */
export function partitionOf(key: string, partitions: number = configuredPartitions): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}
