import assert from "node:assert/strict";
import { test } from "node:test";
import { nowMs, realClock, settableClock } from "./clock";

test("a settable clock moves only when set, never back, and runs the timers due by then in due order", () => {
  const clock = settableClock(1_000);
  const fired: string[] = [];
  clock.schedule(500, () => fired.push(`b@${clock.now()}`));
  clock.schedule(100, () => fired.push(`a@${clock.now()}`));
  const cancel = clock.schedule(200, () => fired.push("cancelled"));
  cancel();
  clock.set(1_050);
  assert.deepEqual(fired, []);
  assert.equal(clock.now(), 1_050);
  clock.set(2_000);
  assert.deepEqual(fired, ["a@2000", "b@2000"]);
  clock.set(1_500);
  assert.equal(clock.now(), 2_000, "never back");
});

test("nowMs reads the deps' clock, real time without one", () => {
  assert.equal(nowMs({ clock: settableClock(42) }), 42);
  const before = Date.now();
  const now = nowMs({});
  assert.ok(now >= before && now <= Date.now());
  assert.equal(typeof realClock.now(), "number");
});
