import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { acceptFixes, createGpsFilterState, derivedSpeed, fixSpeed, type Fix } from "./gps-filter";

const NOW = Date.UTC(2025, 5, 11, 12);
const SECOND = 1000;
/** ~111 m per 0.001° of latitude. */
const fixAt = (secondsBeforeNow: number, northMillidegrees = 0, extra: Partial<Fix> = {}): Fix => ({
  lat: 52.5 + northMillidegrees / 1000,
  lng: 13.4,
  at: NOW - secondsBeforeNow * SECOND,
  accuracy: 10,
  ...extra,
});

describe("acceptFixes", () => {
  it("accepts a plausible track in order", () => {
    const state = createGpsFilterState();
    const track = [fixAt(30), fixAt(20, 1), fixAt(10, 2)];
    const result = acceptFixes(state, track, NOW);
    assert.deepEqual(result.accepted, track);
    assert.deepEqual(result.rejected, []);
    assert.equal(state.lastAccepted, track[2]);
  });

  it("puts a batch back in time order (then by seq) before filtering", () => {
    const state = createGpsFilterState();
    const a = fixAt(30, 0, { seq: 1 });
    const b = fixAt(20, 1, { seq: 2 });
    const c = fixAt(20, 1.1, { seq: 3 });
    const d = fixAt(10, 2, { seq: 4 });
    const result = acceptFixes(state, [d, c, a, b], NOW);
    // c has b's time: not newer than b, so it cannot move the live position.
    assert.deepEqual(result.accepted, [a, b, d]);
    assert.deepEqual(result.rejected, [{ fix: c, reason: "stale" }]);
  });

  it("rejects fixes older than the last accepted one in a later call", () => {
    const state = createGpsFilterState();
    acceptFixes(state, [fixAt(10)], NOW);
    const late = fixAt(20, 0.5);
    assert.deepEqual(acceptFixes(state, [late], NOW).rejected, [{ fix: late, reason: "stale" }]);
  });

  it("calls a resent fix a duplicate, even after newer ones", () => {
    const state = createGpsFilterState();
    const batch = [fixAt(30), fixAt(20, 1)];
    acceptFixes(state, batch, NOW);
    acceptFixes(state, [fixAt(10, 2)], NOW);
    const retry = acceptFixes(
      state,
      batch.map((fix) => ({ ...fix })),
      NOW,
    );
    assert.deepEqual(retry.accepted, []);
    assert.deepEqual(
      retry.rejected.map((r) => r.reason),
      ["duplicate", "duplicate"],
    );
  });

  it("drops imprecise fixes, with a configurable limit", () => {
    const fuzzy = fixAt(10, 0, { accuracy: 150 });
    assert.deepEqual(acceptFixes(createGpsFilterState(), [fuzzy], NOW).rejected, [{ fix: fuzzy, reason: "inaccurate" }]);
    assert.deepEqual(acceptFixes(createGpsFilterState({ maxAccuracyMeters: 200 }), [fuzzy], NOW).accepted, [fuzzy]);
    const unknown = fixAt(10, 0, { accuracy: null });
    assert.deepEqual(acceptFixes(createGpsFilterState(), [unknown], NOW).accepted, [unknown]);
  });

  it("drops a jump faster than the speed bound and keeps following the real track", () => {
    const state = createGpsFilterState();
    const start = fixAt(40, 0, { accuracy: 5 });
    const glitch = fixAt(30, 20, { accuracy: 5 }); // 2.2 km in 10 s
    const next = fixAt(20, 0.2, { accuracy: 5 }); // 22 m in 20 s from start
    const result = acceptFixes(state, [start, glitch, next], NOW);
    assert.deepEqual(result.accepted, [start, next]);
    assert.deepEqual(result.rejected, [{ fix: glitch, reason: "jump" }]);
  });

  it("forgives distance within both fixes' accuracy", () => {
    const state = createGpsFilterState();
    // 111 m in 1 s would be 111 m/s, but each fix may be 60 m off.
    const result = acceptFixes(state, [fixAt(2, 0, { accuracy: 60 }), fixAt(1, 1, { accuracy: 60 })], NOW);
    assert.equal(result.accepted.length, 2);
  });

  it("lets the driver through again once enough time explains the distance", () => {
    const state = createGpsFilterState();
    acceptFixes(state, [fixAt(200, 0, { accuracy: 5 })], NOW);
    // 5.5 km: too far after 10 s, fine after 110 s (50 m/s).
    assert.equal(acceptFixes(state, [fixAt(190, 50, { accuracy: 5 })], NOW).rejected[0]?.reason, "jump");
    assert.equal(acceptFixes(state, [fixAt(90, 50, { accuracy: 5 })], NOW).accepted.length, 1);
  });

  it("rejects fixes from the future beyond the clock-skew allowance", () => {
    const state = createGpsFilterState();
    const skewed = fixAt(-50);
    const future = fixAt(-70, 0.1);
    const result = acceptFixes(state, [future, skewed], NOW);
    assert.deepEqual(result.accepted, [skewed]);
    assert.deepEqual(result.rejected, [{ fix: future, reason: "future" }]);
  });

  it("a fix dated in the future (within the skew allowance) does not lock out the genuine fixes after it", () => {
    // Issue 10, finding 2: a spoofed fix 55 s ahead made every real fix of the next 55 s "stale".
    const state = createGpsFilterState();
    acceptFixes(state, [fixAt(-55)], NOW);
    const genuine = fixAt(-1, 0.1);
    assert.deepEqual(acceptFixes(state, [genuine], NOW + 1 * SECOND).accepted, [genuine]);
    const next = fixAt(-6, 0.2);
    assert.deepEqual(acceptFixes(state, [next], NOW + 6 * SECOND).accepted, [next]);
  });

  it("rejects coordinates that are no position, without disturbing the rest", () => {
    const state = createGpsFilterState();
    const bad = [fixAt(10, 0, { lat: Number.NaN }), fixAt(10, 0, { lat: 91 }), fixAt(10, 0, { lat: 0, lng: 0 }), fixAt(Number.NaN)];
    const good = fixAt(5);
    const result = acceptFixes(state, [...bad, good], NOW);
    assert.deepEqual(result.accepted, [good]);
    assert.deepEqual(
      result.rejected.map((r) => r.reason),
      ["invalid", "invalid", "invalid", "invalid"],
    );
  });

  it("does not let rejected fixes become the reference for the next ones", () => {
    const state = createGpsFilterState();
    acceptFixes(state, [fixAt(30)], NOW);
    acceptFixes(state, [fixAt(20, 0.1, { accuracy: 500 })], NOW);
    assert.equal(state.lastAccepted?.at, NOW - 30 * SECOND);
  });
});

describe("derivedSpeed / fixSpeed", () => {
  it("divides distance by time", () => {
    const speed = derivedSpeed(fixAt(20), fixAt(10, 1));
    assert.ok(speed !== null && Math.abs(speed - 11.12) < 0.01, `got ${speed}`);
  });
  it("has no speed without elapsed time", () => {
    assert.equal(derivedSpeed(fixAt(10), fixAt(10, 1)), null);
    assert.equal(derivedSpeed(fixAt(10), fixAt(20, 1)), null);
  });
  it("prefers the device's own speed, else derives it", () => {
    assert.equal(fixSpeed(fixAt(20), fixAt(10, 1, { speed: 3 })), 3);
    assert.equal(fixSpeed(fixAt(20), fixAt(10, 1, { speed: 0 })), 0);
    assert.equal(fixSpeed(fixAt(20), fixAt(10, 1, { speed: -1 })), derivedSpeed(fixAt(20), fixAt(10, 1)));
    assert.equal(fixSpeed(null, fixAt(10, 1)), null);
  });
});
