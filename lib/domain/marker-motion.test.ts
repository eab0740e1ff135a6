import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { haversineMeters } from "./geo";
import { DEFAULT_GLIDE_MS, MAX_GLIDE_MS, MIN_GLIDE_MS, glideDurationMs, headingFor, positionAt, shortestRotation, type Glide } from "./marker-motion";

const A = { lat: 40.405, lng: -3.7 };
const B = { lat: 40.406, lng: -3.7 };
const T0 = Date.UTC(2026, 10, 30, 10, 0);

describe("glideDurationMs", () => {
  it("glides over the interval the fixes were apart", () => {
    assert.equal(glideDurationMs({ atMs: T0 }, { atMs: T0 + 5_000 }), 5_000);
  });
  it("bounds the interval: a burst is not a stutter, a silence is not a crawl", () => {
    assert.equal(glideDurationMs({ atMs: T0 }, { atMs: T0 + 10 }), MIN_GLIDE_MS);
    assert.equal(glideDurationMs({ atMs: T0 }, { atMs: T0 + 10 * 60_000 }), MAX_GLIDE_MS);
    assert.equal(glideDurationMs({ atMs: T0 }, { atMs: T0 - 1_000 }), MIN_GLIDE_MS);
    assert.equal(glideDurationMs(null, { atMs: T0 }), DEFAULT_GLIDE_MS);
  });
});

describe("positionAt", () => {
  const glide: Glide = { from: A, to: B, startedAtMs: 1_000, durationMs: 10_000 };
  it("starts where the marker was and moves in proportion to the time spent", () => {
    assert.deepEqual(positionAt(glide, 1_000).position, A);
    const half = positionAt(glide, 6_000);
    assert.equal(half.isDone, false);
    assert.ok(Math.abs(haversineMeters(A, half.position) - haversineMeters(half.position, B)) < 0.01);
  });
  it("ends on the newest fix and never goes beyond it", () => {
    for (const now of [11_000, 12_000, 1e9]) assert.deepEqual(positionAt(glide, now), { position: B, isDone: true });
    assert.ok(positionAt(glide, 10_999).position.lat <= B.lat);
  });
  it("a clock before the start holds the starting point", () => {
    assert.deepEqual(positionAt(glide, 0).position, A);
  });
});

describe("headingFor", () => {
  it("uses the fix's heading when it has one, normalised to [0, 360)", () => {
    assert.equal(headingFor(A, { ...B, heading: 90 }, null), 90);
    assert.equal(headingFor(null, { ...A, heading: -90 }, null), 270);
    assert.equal(headingFor(null, { ...A, heading: 720 }, null), 0);
  });
  it("without one, points from the previous fix to this one", () => {
    assert.ok(Math.abs(headingFor(A, { ...B, heading: null }, null)! - 0) < 0.01);
    const east = headingFor(A, { lat: 40.405, lng: -3.699, heading: null }, null)!;
    assert.ok(Math.abs(east - 90) < 0.1);
  });
  it("standing still or a first fix without heading keeps what is shown", () => {
    assert.equal(headingFor(A, { ...A, heading: null }, 45), 45);
    assert.equal(headingFor(null, { ...A, heading: null }, null), null);
  });
});

describe("shortestRotation", () => {
  it("turns the short way round, whichever side of north", () => {
    assert.equal(shortestRotation(350, 10), 370);
    assert.equal(shortestRotation(10, 350), -10);
    assert.equal(shortestRotation(720, 90), 810);
    assert.equal(shortestRotation(0, 90), 90);
    assert.equal(shortestRotation(45, 45), 45);
  });
});
