import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DEFAULT_SAMPLING, shouldKeep, type Reading } from "./sampling-policy";

const start: Reading = { lat: 40.4, lng: -3.7, at: 1_000_000, accuracy: 5 };
/** `meters` north of the start (1e-5 degrees of latitude is about 1.11 m). */
const north = (meters: number, afterMs: number, extra: Partial<Reading> = {}): Reading => ({ ...start, lat: start.lat + meters / 111_195, at: start.at + afterMs, ...extra });

describe("sampling policy", () => {
  test("the first reading is always kept", () => {
    assert.deepEqual(shouldKeep(start, null), { keep: true, reason: "first" });
  });

  test("moving: one fix every few seconds, not more often", () => {
    assert.deepEqual(shouldKeep(north(30, 1_000), start), { keep: false, reason: "too-soon" });
    assert.deepEqual(shouldKeep(north(30, DEFAULT_SAMPLING.movingIntervalMs), start), { keep: true, reason: "moving" });
  });

  test("the device's speed counts as moving even when the distance is small", () => {
    assert.equal(shouldKeep(north(2, 5_000, { speed: 3 }), start).keep, true);
  });

  test("stationary: GPS jitter within the accuracy is not movement; a heartbeat once a minute", () => {
    assert.deepEqual(shouldKeep(north(8, 10_000, { accuracy: 20 }), start), { keep: false, reason: "too-soon" });
    assert.deepEqual(shouldKeep(north(0, 30_000), start), { keep: false, reason: "too-soon" });
    assert.deepEqual(shouldKeep(north(0, DEFAULT_SAMPLING.stationaryIntervalMs), start), { keep: true, reason: "heartbeat" });
  });

  test("wildly inaccurate readings wait for better ones, but not past the heartbeat", () => {
    assert.deepEqual(shouldKeep(north(500, 5_000, { accuracy: 900 }), start), { keep: false, reason: "inaccurate" });
    assert.equal(shouldKeep(north(500, 61_000, { accuracy: 900 }), start).keep, true);
  });
});
