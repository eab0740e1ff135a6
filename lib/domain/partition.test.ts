import assert from "node:assert/strict";
import { test } from "node:test";
import { configureTrackerPartitions, isValidPartitionCount, MAX_TRACKER_PARTITIONS, partitionOf, trackerPartitions, TRACKER_PARTITIONS } from "./partition";

test("a key always lands in the same partition", () => {
  assert.equal(partitionOf("driver-1"), partitionOf("driver-1"));
  // Pinned: a change here would move every driver's subjects between deploys.
  assert.equal(partitionOf(""), 0x811c9dc5 % TRACKER_PARTITIONS);
  assert.equal(partitionOf("a"), 0xe40c292c % TRACKER_PARTITIONS);
});

test("uuids spread over every partition", () => {
  const counts = new Array<number>(TRACKER_PARTITIONS).fill(0);
  for (let index = 0; index < 16_000; index++) counts[partitionOf(crypto.randomUUID())]! += 1;
  for (const count of counts) assert.ok(count > 700 && count < 1300, `uneven spread: ${counts.join(",")}`);
});

test("past 16 partitions: the same hash, modulo the configured count, spread over all of them", () => {
  // The hash does not depend on the count: 64 partitions split each of the 16 into 4.
  assert.equal(partitionOf("a", 64), 0xe40c292c % 64);
  for (let index = 0; index < 200; index++) {
    const key = crypto.randomUUID();
    assert.equal(partitionOf(key, 64) % 16, partitionOf(key, 16));
  }
  const counts = new Array<number>(256).fill(0);
  for (let index = 0; index < 256_000; index++) counts[partitionOf(crypto.randomUUID(), 256)]! += 1;
  for (const count of counts) assert.ok(count > 800 && count < 1200, `uneven spread over 256: ${Math.min(...counts)}..${Math.max(...counts)}`);
});

test("the configured count is the default of partitionOf; a count out of range is refused", () => {
  assert.equal(trackerPartitions(), TRACKER_PARTITIONS);
  try {
    configureTrackerPartitions(64);
    assert.equal(trackerPartitions(), 64);
    assert.equal(partitionOf("a"), 0xe40c292c % 64);
    for (const bad of [0, -1, 2.5, MAX_TRACKER_PARTITIONS + 1, Number.NaN]) {
      assert.throws(() => configureTrackerPartitions(bad), RangeError, String(bad));
      assert.equal(isValidPartitionCount(bad), false);
    }
    assert.equal(trackerPartitions(), 64, "a refused count changes nothing");
    configureTrackerPartitions(MAX_TRACKER_PARTITIONS);
    assert.equal(trackerPartitions(), MAX_TRACKER_PARTITIONS);
  } finally {
    configureTrackerPartitions(TRACKER_PARTITIONS);
  }
});
