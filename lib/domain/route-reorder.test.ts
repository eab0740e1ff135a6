import assert from "node:assert/strict";
import { describe, it, test } from "node:test";
import { moveStop, reconcileDraft } from "./route-reorder";

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
  for (const [from, to] of [
    [1, 1],
    [-1, 0],
    [0, 3],
    [3, 0],
    [0.5, 1],
    [Number.NaN, 0],
  ] as const) {
    const moved = moveStop(route, from, to);
    assert.deepEqual(moved, route, `${from} → ${to}`);
    assert.notEqual(moved, route, "always a new array");
  }
  assert.deepEqual(moveStop([], 0, 0), []);
});

describe("reconcileDraft", () => {
  it("keeps the draft's order for the stops still on the route", () => {
    assert.deepEqual(reconcileDraft(["c", "a", "b"], ["a", "b", "c"]), { order: ["c", "a", "b"], added: [], gone: [], isChanged: true });
  });

  it("puts stops added meanwhile last instead of dropping them (saving would take them off the route)", () => {
    const result = reconcileDraft(["b", "a"], ["a", "b", "new"]);
    assert.deepEqual(result.order, ["b", "a", "new"]);
    assert.deepEqual(result.added, ["new"]);
  });

  it("drops stops that left the route meanwhile, and says which", () => {
    const result = reconcileDraft(["b", "done", "a"], ["a", "b"]);
    assert.deepEqual(result.order, ["b", "a"]);
    assert.deepEqual(result.gone, ["done"]);
  });

  it("a draft moved back to where it started has nothing to save", () => {
    assert.equal(reconcileDraft(["a", "b", "c"], ["a", "b", "c"]).isChanged, false);
    assert.equal(reconcileDraft(["a", "b"], ["a", "b", "c"]).isChanged, false);
  });
});
