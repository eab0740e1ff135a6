/**
 * Which tracker partition a driver (or an order on no route) belongs to. The number of
 * partitions is fixed for a deployment: subjects carry the partition, so changing it would
 * strand messages under the old numbers. Ownership of partitions moves between processes;
 * the partitions themselves never change.
 */
export const TRACKER_PARTITIONS = 16;

/** FNV-1a over the UTF-16 code units: stable across processes, versions and machines. */
export function partitionOf(key: string, partitions: number = TRACKER_PARTITIONS): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}
