import assert from "node:assert/strict";
import { test } from "node:test";
import { moveStop } from "./route-reorder";

test("a stop moves to the target index, the others keep their order", () => {
  const route = ["a", "b", "c", "d"];
  assert.deepEqual(moveStop(route, 3, 0), ["d", "a", "b", "c"], "dragged to the top");
  assert.deepEqual(moveStop(route, 0, 3), ["b", "c", "d", "a"], "dragged to the bottom");
  assert.deepEqual(moveStop(route, 1, 2), ["a", "c", "b", "d"], "one down (the ↓ button)");
  assert.deepEqual(moveStop(route, 2, 1), ["a", "c", "b", "d"], "one up (the ↑ button)");
  assert.deepEqual(route, ["a", "b", "c", "d"], "the input is not changed");
});

test("out-of-range or non-moves return an unchanged copy", () => {
  const route = ["a", "b", "c"];
  for (const [from, to] of [[1, 1], [-1, 0], [0, 3], [3, 0], [0.5, 1], [Number.NaN, 0]] as const) {
    const moved = moveStop(route, from, to);
    assert.deepEqual(moved, route, `${from} → ${to}`);
    assert.notEqual(moved, route, "always a new array");
  }
  assert.deepEqual(moveStop([], 0, 0), []);
});
