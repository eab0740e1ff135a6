import assert from "node:assert/strict";
import { test } from "node:test";
import { stopTimes } from "./stop-dwell";

test("arrived then delivered gives the dwell at the door", () => {
  assert.deepEqual(
    stopTimes([
      { to: "picked_up", at: 100 },
      { to: "delivered", at: 5000 },
      { to: "arrived", at: 2000 },
    ]),
    {
      arrivedAt: 2000,
      finishedAt: 5000,
      outcome: "delivered",
      dwellMs: 3000,
    },
  );
});

test("a stop still open has an arrival but no dwell; one never reached has neither", () => {
  assert.deepEqual(stopTimes([{ to: "arrived", at: 2000 }]), { arrivedAt: 2000, finishedAt: null, outcome: null, dwellMs: null });
  assert.deepEqual(stopTimes([{ to: "picked_up", at: 1 }]), { arrivedAt: null, finishedAt: null, outcome: null, dwellMs: null });
});

test("failed without tapping arrived: finished, no dwell", () => {
  assert.deepEqual(stopTimes([{ to: "failed", at: 9000 }]), { arrivedAt: null, finishedAt: 9000, outcome: "failed", dwellMs: null });
});

test("the final outcome wins, and an arrival after it is ignored", () => {
  const times = stopTimes([
    { to: "arrived", at: 1000 },
    { to: "failed", at: 2000 },
    { to: "delivered", at: 7000 },
    { to: "arrived", at: 8000 },
  ]);
  assert.deepEqual(times, { arrivedAt: 1000, finishedAt: 7000, outcome: "delivered", dwellMs: 6000 });
});
