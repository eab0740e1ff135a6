import assert from "node:assert/strict";
import { test } from "node:test";
import { median, onTimeRate } from "./insight-stats";

test("median of odd and even counts, unsorted input, and none", () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([7]), 7);
  assert.equal(median([]), null);
});

test("on-time rate counts only orders with a promise, delivered at or before it", () => {
  const due = 1_000;
  const result = onTimeRate([
    { finishedAt: 900, dueAt: due },
    { finishedAt: 1_000, dueAt: due },
    { finishedAt: 1_001, dueAt: due },
    { finishedAt: 5_000, dueAt: null },
  ]);
  assert.deepEqual(result, { onTime: 2, withDueAt: 3, rate: 2 / 3 });
  assert.deepEqual(onTimeRate([{ finishedAt: 1, dueAt: null }]), { onTime: 0, withDueAt: 0, rate: null });
});
