import assert from "node:assert/strict";
import { test } from "node:test";
import { partitionOf, TRACKER_PARTITIONS } from "./partition";

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
