import assert from "node:assert/strict";
import { test } from "node:test";
import { gridCluster } from "./grid-cluster";

test("points in one cell merge at their mean, points in other cells stay apart", () => {
  const clusters = gridCluster(
    [
      { x: 1, y: 1, item: "a" },
      { x: 9, y: 5, item: "b" },
      { x: 25, y: 1, item: "c" },
    ],
    10,
  );
  assert.equal(clusters.length, 2);
  const merged = clusters.find((cluster) => cluster.items.length === 2)!;
  assert.deepEqual(merged.items.sort(), ["a", "b"]);
  assert.equal(merged.x, 5);
  assert.equal(merged.y, 3);
  assert.deepEqual(clusters.find((cluster) => cluster.items.length === 1)!.items, ["c"]);
});

test("negative coordinates fall in their own cells and no points give no clusters", () => {
  assert.equal(
    gridCluster(
      [
        { x: -1, y: 0, item: 1 },
        { x: 1, y: 0, item: 2 },
      ],
      10,
    ).length,
    2,
  );
  assert.deepEqual(gridCluster([], 10), []);
  assert.throws(() => gridCluster([], 0), RangeError);
});
