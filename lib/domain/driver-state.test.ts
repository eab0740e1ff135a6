import assert from "node:assert/strict";
import { test } from "node:test";
import { classifyDriver } from "./driver-state";

const now = 1_000_000;
const silentAfterMs = 60_000;

test("a recent fix at speed is moving, without speed it is stopped", () => {
  assert.equal(classifyDriver({ lastFixAt: now - 1000, speed: 8, openStops: 2, hasStartedDay: true }, now, silentAfterMs), "moving");
  assert.equal(classifyDriver({ lastFixAt: now - 1000, speed: 0.3, openStops: 2, hasStartedDay: true }, now, silentAfterMs), "stopped");
  assert.equal(classifyDriver({ lastFixAt: now - 1000, speed: null, openStops: 0, hasStartedDay: true }, now, silentAfterMs), "stopped");
});

test("no fix for longer than the threshold is silent while stops remain, off shift otherwise", () => {
  assert.equal(classifyDriver({ lastFixAt: now - 61_000, speed: 8, openStops: 1, hasStartedDay: true }, now, silentAfterMs), "silent");
  assert.equal(classifyDriver({ lastFixAt: now - 61_000, speed: 8, openStops: 0, hasStartedDay: true }, now, silentAfterMs), "off_shift");
  assert.equal(classifyDriver({ lastFixAt: null, speed: null, openStops: 3, hasStartedDay: true }, now, silentAfterMs), "silent");
  assert.equal(classifyDriver({ lastFixAt: null, speed: null, openStops: 0, hasStartedDay: true }, now, silentAfterMs), "off_shift");
});

test("exactly at the threshold is not yet silent; a device clock ahead of ours is fresh", () => {
  assert.equal(classifyDriver({ lastFixAt: now - 60_000, speed: 0, openStops: 1, hasStartedDay: true }, now, silentAfterMs), "stopped");
  assert.equal(classifyDriver({ lastFixAt: now + 5_000, speed: 0, openStops: 1, hasStartedDay: true }, now, silentAfterMs), "stopped");
});

test("a driver who has not begun the day is not silent, whatever the stops waiting", () => {
  assert.equal(classifyDriver({ lastFixAt: null, speed: null, openStops: 3, hasStartedDay: false }, now, silentAfterMs), "not_started");
  assert.equal(classifyDriver({ lastFixAt: now - 61_000, speed: 8, openStops: 1, hasStartedDay: false }, now, silentAfterMs), "not_started");
  assert.equal(classifyDriver({ lastFixAt: null, speed: null, openStops: 0, hasStartedDay: false }, now, silentAfterMs), "off_shift");
  // Once a fix arrives it is moving or stopped like anyone else.
  assert.equal(classifyDriver({ lastFixAt: now - 1000, speed: 8, openStops: 1, hasStartedDay: false }, now, silentAfterMs), "moving");
});
