import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  createDriverEtaState,
  DEFAULT_ETA_MODEL_CONFIG,
  estimateArrival,
  estimatedDwellMs,
  estimatedSpeed,
  estimatedDetour,
  fleetEtaPrior,
  medianRemainingMs,
  mostMassStartMs,
  normalCdf,
  observeArrival,
  observeDeparture,
  observeDwell,
  observeFix,
  observeSpeed,
  remainingCdf,
  roundedWindow,
  twoOutcomeWindow,
  upgradeDriverEtaState,
  type DriverEtaState,
} from "./eta";
import type { LatLng } from "./geo";

const MINUTE = 60_000;
const NOW = Date.UTC(2025, 5, 11, 12, 0);
const ORIGIN: LatLng = { lat: 52.5, lng: 13.4 };
/** A point `meters` due north of ORIGIN (one degree of latitude is 111 195 m on our sphere). */
const north = (meters: number): LatLng => ({ lat: ORIGIN.lat + meters / 111_195.08, lng: ORIGIN.lng });
const DEFAULT_SPEED = 25 / 3.6;

/** A model whose best guess is the mean of the time left (the arithmetic these tests check), not its median. */
const meanModel = (config: Parameters<typeof createDriverEtaState>[0] = {}) => createDriverEtaState({ ...config, guessAtMedian: false });

function assertNear(actual: number, expected: number, tolerance: number, message?: string): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${message ?? ""} expected ${expected} ± ${tolerance}, got ${actual}`);
}

/** Speeds every 10 s for `minutes`, starting at `fromMs`. */
function driveAt(state: ReturnType<typeof createDriverEtaState>, metersPerSecond: number, minutes: number, fromMs = NOW) {
  for (let t = 0; t <= minutes * MINUTE; t += 10_000) observeSpeed(state, metersPerSecond, fromMs + t);
}

describe("estimateArrival on known routes", () => {
  it("drives the detoured straight line at the default speed when nothing is known", () => {
    const eta = estimateArrival(meanModel(), {
      now: NOW,
      driverPosition: ORIGIN,
      stopsBefore: [],
      destination: north(10_000),
    });
    // 10 km × 1.3 at 25 km/h = 31.2 min
    assert.equal(eta?.at, NOW + 31 * MINUTE);
  });

  it("goes through the stops before the order and adds a dwell at each", () => {
    const eta = estimateArrival(meanModel(), {
      now: NOW,
      driverPosition: ORIGIN,
      stopsBefore: [north(2000), north(4000)],
      destination: north(6000),
    });
    // 6 km × 1.3 at 25 km/h = 18.72 min, plus 2 × 4 min
    assert.equal(eta?.at, NOW + 27 * MINUTE);
  });

  it("counts the way back when a stop before lies behind", () => {
    const eta = estimateArrival(meanModel({ detourFactor: 1 }), {
      now: NOW,
      driverPosition: north(3000),
      stopsBefore: [ORIGIN],
      destination: north(3000),
    });
    // 6 km at 25 km/h = 14.4 min, plus 4 min
    assert.equal(eta?.at, NOW + 18 * MINUTE);
  });

  it("uses the learned speed", () => {
    const state = meanModel({ detourFactor: 1 });
    driveAt(state, 10, 120, NOW - 120 * MINUTE);
    const eta = estimateArrival(state, { now: NOW, driverPosition: ORIGIN, stopsBefore: [], destination: north(12_000) });
    // 12 km at 10 m/s = 20 min
    assert.equal(eta?.at, NOW + 20 * MINUTE);
  });

  it("has nothing to say without a driver position", () => {
    const query = { now: NOW, driverPosition: null, stopsBefore: [], destination: north(1000) };
    assert.equal(estimateArrival(createDriverEtaState(), query), null);
  });
});

describe("speed smoothing", () => {
  it("starts at the urban default", () => {
    assertNear(estimatedSpeed(createDriverEtaState()), DEFAULT_SPEED, 1e-9);
  });

  it("leaves the default within a new driver's first minutes (a mean of the driving while there is little)", () => {
    const state = createDriverEtaState();
    // The demo's vans: 12 m/s (43 km/h), far from the 25 km/h prior.
    driveAt(state, 12, 3);
    assertNear(estimatedSpeed(state), 12, 0.12 * 12, "within a tenth after 3 minutes");
    driveAt(state, 12, 3, NOW + 4 * MINUTE);
    assertNear(estimatedSpeed(state), 12, 0.06 * 12);
  });

  it("fades older speeds with a time constant once there is driving behind them", () => {
    const state = createDriverEtaState();
    driveAt(state, 10, 60, NOW - 60 * MINUTE);
    const before = estimatedSpeed(state);
    // 10 min at 5 m/s, each fix standing for 10 s: the old speed weighs e^-1.
    for (let t = 10_000; t <= 10 * MINUTE; t += 10_000) observeSpeed(state, 5, NOW + t, 10_000);
    assertNear(estimatedSpeed(state), 5 + (before - 5) * Math.exp(-1), 1e-6);
  });

  it("follows a change of pace (traffic) within minutes", () => {
    const state = createDriverEtaState();
    driveAt(state, 12, 60);
    driveAt(state, 5, 30, NOW + 61 * MINUTE);
    assertNear(estimatedSpeed(state), 5, 0.4);
  });

  it("gives a long gap at most one time constant of weight", () => {
    const state = createDriverEtaState();
    driveAt(state, 10, 60, NOW - 60 * MINUTE);
    const before = state.smoothedSpeedMetersPerSecond;
    observeSpeed(state, 2, NOW + 3 * 60 * MINUTE);
    const expected = before + (2 - before) * (1 - Math.exp(-1));
    assertNear(state.smoothedSpeedMetersPerSecond, expected, 1e-9);
  });

  it("ignores observations out of order and nonsense values", () => {
    const state = createDriverEtaState();
    observeSpeed(state, 10, NOW);
    const before = { ...state };
    observeSpeed(state, 30, NOW - 1000);
    observeSpeed(state, 30, NOW);
    observeSpeed(state, -3, NOW + 10_000);
    observeSpeed(state, Number.NaN, NOW + 20_000);
    assert.deepEqual(state, before);
  });

  it("clamps the speed to the plausible urban range", () => {
    const slow = meanModel();
    driveAt(slow, 0, 120);
    assertNear(estimatedSpeed(slow), 8 / 3.6, 1e-9);
    const fast = meanModel();
    driveAt(fast, 60, 120);
    assertNear(estimatedSpeed(fast), 80 / 3.6, 1e-3);
    const eta = estimateArrival(slow, {
      now: NOW,
      driverPosition: ORIGIN,
      stopsBefore: [],
      destination: north(8000 / 1.3),
    });
    // 8 km of road at 8 km/h: an hour, not infinity
    assert.equal(eta?.at, NOW + 60 * MINUTE);
  });
});

describe("dwell learning", () => {
  it("starts at the default and moves to this driver's usual", () => {
    const state = createDriverEtaState();
    assertNear(estimatedDwellMs(state), 4 * MINUTE, 1e-6);
    for (let i = 0; i < 4; i++) observeDwell(state, 6 * MINUTE);
    // A little above 6: a log-normal's mean lies above its median while the spread is unsure.
    assertNear(estimatedDwellMs(state), 6.25 * MINUTE, 0.4 * MINUTE, "four dwells outweigh the prior");
  });

  it("leaves a prior that is clearly wrong at the first dwells (8 s at each door, not 4 min)", () => {
    const state = createDriverEtaState();
    observeDwell(state, 8_000);
    assert.ok(estimatedDwellMs(state) < MINUTE, `after one dwell: ${estimatedDwellMs(state) / 1000} s`);
    observeDwell(state, 9_000);
    observeDwell(state, 8_000);
    assert.ok(estimatedDwellMs(state) < 20_000, `after three: ${estimatedDwellMs(state) / 1000} s`);
    const furniture = createDriverEtaState();
    for (let i = 0; i < 3; i++) observeDwell(furniture, 18 * MINUTE);
    assertNear(estimatedDwellMs(furniture), 18 * MINUTE, 3 * MINUTE, "and 18 min as readily");
  });

  it("keeps only the recent observations", () => {
    const state = createDriverEtaState();
    for (let i = 0; i < 10; i++) observeDwell(state, MINUTE);
    for (let i = 0; i < DEFAULT_ETA_MODEL_CONFIG.dwellObservationsKept; i++) observeDwell(state, 6 * MINUTE);
    assert.equal(state.dwellObservationsMs.length, DEFAULT_ETA_MODEL_CONFIG.dwellObservationsKept);
    assertNear(estimatedDwellMs(state), 6 * MINUTE, 0.2 * MINUTE, "the 1-min dwells are forgotten");
  });

  it("caps a break-length dwell and ignores nonsense", () => {
    const state = createDriverEtaState();
    observeDwell(state, 3 * 60 * MINUTE);
    observeDwell(state, -5);
    observeDwell(state, Number.NaN);
    assert.deepEqual(state.dwellObservationsMs, [30 * MINUTE]);
  });

  it("feeds the ETA", () => {
    const state = meanModel({ detourFactor: 1 });
    for (let i = 0; i < 8; i++) observeDwell(state, 9 * MINUTE);
    const eta = estimateArrival(state, {
      now: NOW,
      driverPosition: ORIGIN,
      stopsBefore: [ORIGIN, ORIGIN, ORIGIN],
      destination: ORIGIN,
    });
    // About 9 min per stop, as learned
    assert.equal(eta?.at, NOW + Math.round((3 * estimatedDwellMs(state)) / MINUTE) * MINUTE);
    assertNear(estimatedDwellMs(state), 9 * MINUTE, 0.5 * MINUTE);
  });
});

describe("arrival window", () => {
  const windowFor = (meters: number, now = NOW) =>
    estimateArrival(meanModel({ detourFactor: 1 }), {
      now,
      driverPosition: ORIGIN,
      stopsBefore: [],
      destination: north(meters),
    });

  it("is at least two minutes either side when the driver is close", () => {
    // 1.2 km at 25 km/h = 2.88 min: at least 2 min either side (the early edge stops at now)
    const eta = windowFor(1200);
    assert.ok(eta);
    assert.equal(eta.at, NOW + 3 * MINUTE);
    assert.equal(eta.earliest, NOW);
    assert.ok(eta.latest >= NOW + 5 * MINUTE && eta.latest <= NOW + 9 * MINUTE, `${(eta.latest - NOW) / MINUTE} min`);
  });

  it("widens with the remaining time, more on the late side, in 5-minute steps when far, held to 20 min near (narrowed around the mean)", () => {
    const eta = estimateArrival(meanModel({ detourFactor: 1, capAtMostMass: false }), { now: NOW, driverPosition: ORIGIN, stopsBefore: [], destination: north(50_000) });
    assert.ok(eta);
    assert.equal(eta.at, NOW + 120 * MINUTE); // 50 km at 25 km/h
    // Leans late (to 5-minute steps within 20 min, the lean may round away, never the other way).
    assert.ok(eta.latest - eta.at >= eta.at - eta.earliest, "leans late");
    assert.equal(eta.earliest % (5 * MINUTE), 0);
    assert.ok(eta.latest - eta.earliest <= 20 * MINUTE, "the next stop's window is at most 20 min wide");
  });

  it("placed where it holds the most when capped: in 5-minute steps, 20 min near, holding its best guess", () => {
    const eta = windowFor(50_000);
    assert.ok(eta);
    assert.equal(eta.earliest % (5 * MINUTE), 0);
    assert.equal(eta.latest - eta.earliest, 20 * MINUTE);
    assert.ok(eta.earliest <= eta.at && eta.at <= eta.latest, "the guess (here the mean, 120 min) is moved into the window");
    assert.ok(eta.latest <= NOW + 125 * MINUTE, "the skewed drive's most likely 20 min lie before its mean");
  });

  it("is at most 60 min wide with more than 3 stops before", () => {
    const stopsBefore = [1, 2, 3, 4, 5].map((km) => north(km * 10_000));
    const eta = estimateArrival(createDriverEtaState(), { now: NOW, driverPosition: ORIGIN, stopsBefore, destination: north(60_000) });
    assert.ok(eta && eta.latest - eta.earliest <= 60 * MINUTE && eta.latest - eta.earliest >= 30 * MINUTE);
  });

  it("grows steadily with distance and always holds the estimate", () => {
    let previousWidth = 0;
    for (const meters of [0, 500, 2000, 5000, 10_000]) {
      const eta = windowFor(meters, NOW + 17_000);
      assert.ok(eta);
      assert.ok(eta.earliest <= eta.at && eta.at <= eta.latest, `${meters} m`);
      assert.ok(eta.latest - eta.earliest >= previousWidth, `${meters} m`);
      assert.equal(eta.at % MINUTE, 0);
      previousWidth = eta.latest - eta.earliest;
    }
  });

  it("uses the whole width limit far out: a capped window is 60 min, not 50", () => {
    const stopsBefore = [1, 2, 3, 4, 5].map((km) => north(km * 10_000));
    const eta = estimateArrival(createDriverEtaState(), { now: NOW, driverPosition: ORIGIN, stopsBefore, destination: north(60_000) });
    assert.equal(eta && eta.latest - eta.earliest, 60 * MINUTE);
  });

  it("never opens before the current minute", () => {
    const now = NOW + 40_000;
    assert.equal(windowFor(0, now)?.earliest, NOW);
  });
});

describe("stated confidence", () => {
  it("says how much of its distribution the window holds: most when it fits, less when the width limit cuts it", () => {
    const state = createDriverEtaState();
    const near = estimateArrival(state, { now: NOW, driverPosition: ORIGIN, stopsBefore: [], destination: north(1500) });
    const manyStops = estimateArrival(state, { now: NOW, driverPosition: ORIGIN, stopsBefore: [1, 2, 3].map((km) => north(km * 3000)), destination: north(12_000) });
    assert.ok(near && manyStops);
    assert.ok(near.confidence > 0.95, `a window that fits: ${near.confidence}`);
    assert.ok(manyStops.latest - manyStops.earliest <= 20 * MINUTE, "held to 20 min at 3 stops");
    assert.ok(manyStops.confidence < near.confidence && manyStops.confidence > 0, `3 unknown dwells in 20 min: ${manyStops.confidence}`);
  });

  it("grows surer as the dwell is learned", () => {
    const query = { now: NOW, driverPosition: ORIGIN, stopsBefore: [north(1000), north(2000), north(3000)], destination: north(4000) };
    const fresh = createDriverEtaState();
    const learned = createDriverEtaState();
    for (let i = 0; i < 10; i++) observeDwell(learned, (3 + (i % 3)) * MINUTE);
    assert.ok(estimateArrival(learned, query)!.confidence > estimateArrival(fresh, query)!.confidence);
  });
});

describe("a window cut by the width limit", () => {
  // Time left skewed late (log-normal): mean 20 min, spread 30 min (three unknown dwells ahead).
  const mean = 20 * MINUTE;
  const sigma = 30 * MINUTE;
  const width = 20 * MINUTE;
  const held = (start: number): number => remainingCdf(start + width, mean, sigma) - remainingCdf(start, mean, sigma);

  it("is the log-normal of the time left: its median is the best guess, nothing before now", () => {
    assertNear(remainingCdf(medianRemainingMs(mean, sigma), mean, sigma), 0.5, 1e-6);
    assert.equal(remainingCdf(0, mean, sigma), 0);
    assert.equal(remainingCdf(-MINUTE, mean, sigma), 0);
    assertNear(remainingCdf(mean, mean, 0.001), 0.5, 1e-6, "a tight spread: about a normal");
  });

  it("sits where it holds the most of a skewed distribution; around the mean it misses most of it", () => {
    const centred = mean - (width * 3) / 7; // 3 σ early, 4 σ late, narrowed to the limit
    const start = mostMassStartMs(mean, sigma, width);
    assert.ok(held(centred) < 0.5, `around the mean: ${held(centred)}`);
    assert.ok(held(start) > held(centred) + 0.3, `most: ${held(start)} against ${held(centred)}`);
    for (const shift of [-MINUTE, MINUTE, -10_000, 10_000]) assert.ok(held(start) >= held(Math.max(0, start + shift)) - 1e-9, `${shift} ms`);
    assert.ok(start >= 0 && start < medianRemainingMs(mean, sigma), "before the median, never before now");
  });

  it("with little skew stays about where the mean-centred window was", () => {
    const start = mostMassStartMs(60 * MINUTE, 8 * MINUTE, width);
    assertNear(start, 60 * MINUTE - width / 2 - MINUTE, 1.5 * MINUTE);
  });

  it("at 3 stops for a new driver: earlier than around the mean, holds an 8-s-dwell van, and says it holds more", () => {
    const query = { now: NOW, driverPosition: ORIGIN, stopsBefore: [1, 2, 3].map((km) => north(km * 800)), destination: north(3200) };
    const placed = estimateArrival(createDriverEtaState(), query);
    const centred = estimateArrival(createDriverEtaState({ capAtMostMass: false }), query);
    assert.ok(placed && centred);
    assert.equal(placed.latest - placed.earliest, 20 * MINUTE);
    assert.ok(placed.earliest < centred.earliest, "opens earlier");
    assert.ok(placed.confidence > centred.confidence, `holds more: ${placed.confidence} against ${centred.confidence}`);
    assert.ok(placed.earliest <= placed.at && placed.at <= placed.latest, "holds the best guess");
    // 3.2 km × 1.3 at 43 km/h and three 8-s dwells: about 6 min.
    const van = NOW + ((3200 * 1.3) / (43 / 3.6)) * 1000 + 3 * 8000;
    assert.ok(placed.earliest <= van && van <= placed.latest, "the fast van arrives inside");
    assert.ok(van < centred.earliest, "and before the mean-centred window opened");
  });
});

describe("roundedWindow", () => {
  const STEP = 5 * MINUTE;
  it("rounds the edges outward to the step when that stays within the limit", () => {
    assert.deepEqual(roundedWindow(NOW + 7 * MINUTE, NOW + 31 * MINUTE, STEP, 60 * MINUTE, NOW + 15 * MINUTE), { earliest: NOW + 5 * MINUTE, latest: NOW + 35 * MINUTE });
  });

  it("rounds inward the edge that gives up less when outward would overshoot the limit", () => {
    // 12–72 min is exactly 60 min; outward 10–75 is 65: the late edge gives up 2 min (to 70), the early one 3 (to 15).
    assert.deepEqual(roundedWindow(NOW + 12 * MINUTE, NOW + 72 * MINUTE, STEP, 60 * MINUTE, NOW + 40 * MINUTE), { earliest: NOW + 10 * MINUTE, latest: NOW + 70 * MINUTE });
    assert.deepEqual(roundedWindow(NOW + 14 * MINUTE, NOW + 74 * MINUTE, STEP, 60 * MINUTE, NOW + 40 * MINUTE), { earliest: NOW + 15 * MINUTE, latest: NOW + 75 * MINUTE });
  });

  it("never rounds an edge past the estimate", () => {
    // The early edge would give up less, but raising it to 10 would leave the estimate (7) out.
    const window = roundedWindow(NOW + 9 * MINUTE, NOW + 69 * MINUTE, STEP, 60 * MINUTE, NOW + 7 * MINUTE);
    assert.deepEqual(window, { earliest: NOW + 5 * MINUTE, latest: NOW + 65 * MINUTE });
  });
});

describe("hour-of-day speed profile", () => {
  it("is the mean of the hour's driving, not its first fix (a red light)", () => {
    const state = createDriverEtaState();
    const hourStart = Date.UTC(2025, 5, 11, 9, 0);
    observeSpeed(state, 0, hourStart, 10_000);
    for (let t = 10_000; t <= 5 * MINUTE; t += 10_000) observeSpeed(state, 10, hourStart + t);
    // 10 s at 0, 300 s at 10 m/s (a 10-min fading average would still say 4 m/s).
    assertNear(state.speedByHour[9]?.metersPerSecond ?? 0, (10 * 300) / 310, 0.01);
  });
});

describe("learning from the stream", () => {
  const at = (minutes: number) => NOW + minutes * MINUTE;

  it("learns the detour factor from legs driven between doors", () => {
    const state = createDriverEtaState();
    for (let leg = 0; leg < 10; leg++) {
      observeDeparture(state, ORIGIN);
      // 2 km due north, driven as 3 km of road in 10 fixes at 10 m/s.
      for (let step = 0; step <= 10; step++) observeFix(state, { ...north(step * 200), at: at(leg * 60) + step * 30_000 }, 10, false);
      state.leg!.drivenMeters = 3000;
      observeArrival(state, north(2000));
    }
    // The prior counts as one leg: a road network unlike it is learned from the first legs.
    assertNear(estimatedDetour(state).mean, (1.3 * 1 + 1.5 * 10) / 11, 1e-6);
  });

  it("ignores legs too short to tell road from GPS noise", () => {
    const state = createDriverEtaState();
    observeDeparture(state, ORIGIN);
    observeFix(state, { ...north(100), at: NOW }, 5, false);
    observeArrival(state, north(100));
    assert.deepEqual(state.detourObservations, []);
  });

  it("plans a leg in a usually slower hour slower, once that hour is known", () => {
    const state = createDriverEtaState({ detourFactor: 1 });
    // Yesterday: 10 m/s at noon, 5 m/s from 13:00.
    const yesterday = NOW - 24 * 60 * MINUTE;
    for (let t = 0; t <= 60 * MINUTE; t += 10_000) observeSpeed(state, 10, yesterday + t, 10_000);
    for (let t = 61 * MINUTE; t <= 120 * MINUTE; t += 10_000) observeSpeed(state, 5, yesterday + t, 10_000);
    driveAt(state, 10, 30);
    const now = NOW + 30 * MINUTE;
    const near = estimateArrival(state, { now, driverPosition: ORIGIN, stopsBefore: [], destination: north(3000) });
    const far = estimateArrival(state, { now, driverPosition: ORIGIN, stopsBefore: [north(30_000)], destination: north(60_000) });
    assert.ok(near && far);
    assertNear(near.at - now, 5 * MINUTE, MINUTE, "the next 5 minutes at today's speed");
    assert.ok(far.at - now > 70 * MINUTE, "the hour after one is slower");
  });

  it("learns a break from a long still spell away from doors and plans it the next day", () => {
    const state = createDriverEtaState({ detourFactor: 1 });
    const yesterday = NOW - 24 * 60 * MINUTE; // 12:00 yesterday
    for (let t = 0; t <= 10 * MINUTE; t += 10_000) observeFix(state, { ...north(t / 100), at: yesterday + t }, 10, false);
    for (let t = 10 * MINUTE + 10_000; t <= 40 * MINUTE; t += 10_000) observeFix(state, { ...north(6000), at: yesterday + t }, 0, false);
    observeFix(state, { ...north(6100), at: yesterday + 40 * MINUTE + 10_000 }, 10, false);
    assert.ok(state.usualBreak);
    assertNear(state.usualBreak.durationMs, 30 * MINUTE, MINUTE);
    // Today at 11:40, an arrival after a stop done around 12:30 includes the 12:10 break; the
    // same arrival without the break learned does not.
    const now = NOW - 20 * MINUTE;
    const query = { now, driverPosition: { ...ORIGIN, at: now }, stopsBefore: [north(30_000)], destination: north(36_000) };
    const withBreak = estimateArrival(state, query);
    const without = estimateArrival({ ...state, usualBreak: null }, query);
    assert.ok(withBreak && without);
    assertNear(withBreak.at - without.at, 30 * MINUTE, MINUTE);
  });

  it("takes the break after a stop: not before the next stop, and not when the last stop before is done well before its hour", () => {
    // The arithmetic of the mean, in a window narrowed around it (placed where it holds most, a
    // capped 50-km leg's window ends before its mean, and the guess is moved into it).
    const state = meanModel({ detourFactor: 1, capAtMostMass: false });
    state.usualBreak = { startHour: 13, durationMs: 30 * MINUTE, startSpreadMs: 10 * MINUTE };
    const now = NOW; // 12:00
    const withoutBreak = { ...state, usualBreak: null };
    for (const query of [
      { now, driverPosition: { ...ORIGIN, at: now }, stopsBefore: [], destination: north(60_000) },
      { now, driverPosition: { ...ORIGIN, at: now }, stopsBefore: [north(1000)], destination: north(60_000) },
    ]) {
      assert.equal(estimateArrival(state, query)?.at, estimateArrival(withoutBreak, query)?.at);
    }
    // The last stop before is done after 13:00: the break comes first.
    const late = { now, driverPosition: { ...ORIGIN, at: now }, stopsBefore: [north(50_000)], destination: north(51_000) };
    assertNear(estimateArrival(state, late)!.at - estimateArrival(withoutBreak, late)!.at, 30 * MINUTE, MINUTE);
  });

  it("dates a break taken after a door between that door and the one before (its hour came in between)", () => {
    const state = createDriverEtaState();
    observeDeparture(state, north(0), NOW - 20 * MINUTE); // left a door at 11:40
    observeDeparture(state, north(5000), NOW); // and the next at 12:00, then stays there
    for (let t = 10_000; t <= 20 * MINUTE; t += 10_000) observeFix(state, { ...north(5000), at: NOW + t }, 0, false);
    observeFix(state, { ...north(5200), at: NOW + 20 * MINUTE + 10_000 }, 10, false);
    assert.ok(state.usualBreak);
    assertNear(state.usualBreak.startHour, 11 + 50 / 60, 1e-6);
  });

  it("learns how much the break's start varies", () => {
    const state = createDriverEtaState();
    const still = (dayOffset: number, startMinute: number) => {
      const start = NOW + dayOffset * 24 * 60 * MINUTE + startMinute * MINUTE;
      observeFix(state, { ...north(0), at: start - 10_000 }, 10, false);
      for (let t = 0; t <= 20 * MINUTE; t += 10_000) observeFix(state, { ...north(5000), at: start + t }, 0, false);
      observeFix(state, { ...north(5200), at: start + 20 * MINUTE + 10_000 }, 10, false);
    };
    still(-2, 0);
    assert.equal(state.usualBreak?.startSpreadMs, undefined, "one break says nothing of its spread");
    still(-1, 40);
    assert.ok(state.usualBreak?.startSpreadMs !== undefined && state.usualBreak.startSpreadMs > 15 * MINUTE, "40 min later than usual: a wider spread");
  });

  it("does not take a silent phone for a break", () => {
    const state = createDriverEtaState();
    for (let t = 0; t <= 3 * MINUTE; t += 10_000) observeFix(state, { ...north(t / 100), at: NOW + t }, 10, false);
    const lastFix = { ...north(1800), at: NOW + 3 * MINUTE };
    const query = { stopsBefore: [north(3000)], destination: north(4000), driverPosition: lastFix };
    const soon = estimateArrival(state, { ...query, now: lastFix.at + MINUTE });
    const silent = estimateArrival(state, { ...query, now: lastFix.at + 10 * MINUTE });
    assert.ok(soon && silent);
    assert.ok(silent.at - soon.at < 9 * MINUTE, "the driver may have driven on: not a break's half hour later");
  });

  it("starts a new driver from what the fleet has learned", () => {
    const fleetDriver = (dwellMinutes: number, detour: number, noonSpeed: number) => {
      const state = createDriverEtaState();
      for (let i = 0; i < 10; i++) observeDwell(state, dwellMinutes * MINUTE);
      state.detourObservations = Array.from({ length: 10 }, () => detour);
      const hour = state.speedByHour[12];
      if (hour) Object.assign(hour, { metersPerSecond: noonSpeed, observedMs: 60 * MINUTE });
      return state;
    };
    const drivers = [fleetDriver(1, 1.5, 4), fleetDriver(2, 1.5, 5), fleetDriver(3, 1.5, 6)];
    const prior = fleetEtaPrior(drivers);
    assertNear(prior.dwell!.meanMs, 2.2 * MINUTE, 0.4 * MINUTE);
    assert.ok(prior.dwell!.spreadMs > 0.8 * MINUTE, "the differences between drivers are part of a new driver's uncertainty");
    assertNear(prior.detour!, 1.5, 1e-9);
    assert.equal(prior.speedByHour[12], 5);
    assert.equal(prior.speedByHour[13], null, "an hour nobody knows");
    assert.deepEqual(
      fleetEtaPrior(drivers.slice(0, 2)),
      { dwell: null, detour: null, speed: null, breakDurationMs: null, breakStart: null, speedByHour: Array.from({ length: 24 }, () => null) },
      "two drivers are not a fleet",
    );

    const newcomer = createDriverEtaState();
    const query = { now: NOW, driverPosition: ORIGIN, stopsBefore: [north(1000)], destination: north(2000) };
    const alone = estimateArrival(newcomer, query);
    const withFleet = estimateArrival(newcomer, { ...query, fleet: prior });
    assert.ok(alone && withFleet);
    // Alone: 2 km × 1.3 at 25 km/h + a 4-min dwell ≈ 10.2 min; with the fleet: the fleet's noon
    // speed now (no speed of its own yet: 25 km/h fading into 5 m/s), 1.5 detour, 2-min dwell.
    assert.ok(estimatedDwellMs(newcomer, prior) < estimatedDwellMs(newcomer), "the fleet's shorter dwell");
    assertNear(estimatedDwellMs(newcomer, prior), prior.dwell!.meanMs, 1e-6);
    assertNear(estimatedDetour(newcomer, prior).mean, 1.5, 1e-9);
  });

  it("learns a new fleet from its drivers' first stops: a newcomer starts from them", () => {
    // A pizza fleet: 30 s at a door, 15 m/s; each driver has two stops and 6 minutes behind it.
    const drivers = [28, 30, 33].map((seconds) => {
      const state = createDriverEtaState();
      observeDwell(state, seconds * 1000);
      observeDwell(state, seconds * 1000);
      driveAt(state, 15, 6);
      return state;
    });
    const prior = fleetEtaPrior(drivers);
    assertNear(prior.speed!, 15, 0.5);
    assertNear(prior.dwell!.meanMs, 30_000, 10_000);
    const newcomer = createDriverEtaState();
    assertNear(estimatedSpeed(newcomer, prior), 15, 0.5, "the fleet's pace before any of its own");
    assert.ok(estimatedDwellMs(newcomer, prior) < MINUTE, "the fleet's dwell, not the 4-min default");
    driveAt(newcomer, 9, 5);
    assertNear(estimatedSpeed(newcomer, prior), 9, 1.2, "its own pace once it drives (5 min: the fleet's share has faded to a tenth)");
  });

  it("expects a first break to last as long as the fleet's do", () => {
    const drivers = [20, 20, 20].map((minutes) => ({ ...meanModel(), usualBreak: { startHour: 12, durationMs: minutes * MINUTE } }));
    const prior = fleetEtaPrior(drivers);
    assert.equal(prior.breakDurationMs, 20 * MINUTE);
    assert.deepEqual(prior.breakStart, { startHour: 12, startSpreadMs: 15 * MINUTE, share: 1 }, "none of them has dwelt yet: counted as all");
    // A newcomer standing still away from any door for 6 minutes: on a break.
    const newcomer = meanModel();
    for (let t = 0; t <= 6 * MINUTE; t += 10_000) observeFix(newcomer, { ...ORIGIN, at: NOW + t }, 0, false);
    const now = NOW + 6 * MINUTE;
    const query = { now, driverPosition: { ...ORIGIN, at: now }, stopsBefore: [], destination: ORIGIN };
    assert.equal(estimateArrival(newcomer, query)?.at, now + 24 * MINUTE, "30 min by default, 6 of them gone");
    assert.equal(estimateArrival(newcomer, { ...query, fleet: prior })?.at, now + 14 * MINUTE, "the fleet's 20 min, 6 of them gone");
  });

  it("carries this driver's pace to an hour it does not know by the fleet's profile", () => {
    const fleet = { dwell: null, detour: null, breakDurationMs: null, breakStart: null, speedByHour: Array.from({ length: 24 }, (_, hour) => (hour === 12 ? 8 : hour >= 16 && hour <= 19 ? 4 : null)) };
    const state = createDriverEtaState({ detourFactor: 1 });
    // This driver: 10 m/s at noon (the fleet: 8), so after 16:00 the fleet's 4 becomes 5 for the
    // second leg (the first starts now, at the current speed).
    const noon = state.speedByHour[12];
    if (noon) Object.assign(noon, { metersPerSecond: 10, observedMs: 60 * MINUTE });
    const now = NOW + 4 * 60 * MINUTE; // 16:00, long after the current speed fades
    state.smoothedSpeedMetersPerSecond = 10;
    const query = { now, driverPosition: ORIGIN, stopsBefore: [north(60_000)], destination: north(90_000) };
    const alone = estimateArrival(state, query);
    const withFleet = estimateArrival(state, { ...query, fleet });
    assert.ok(alone && withFleet);
    assert.ok(withFleet.at - now > alone.at - now + 30 * MINUTE, "the late afternoon is slower for the fleet, so for this driver too");
  });
});

describe("a jam on a first day", () => {
  it("fades into the last hour's speed, not into itself, when no hour's usual speed is known", () => {
    const state = createDriverEtaState({ detourFactor: 1 });
    driveAt(state, 10, 50, NOW - 60 * MINUTE); // 11:00–11:50 at 10 m/s
    driveAt(state, 3, 9, NOW - 9 * MINUTE); // a jam since 11:51
    // Hour 11 is known now: look at an arrival from 13:00 on, hours nobody knows.
    const now = NOW + 60 * MINUTE;
    state.lastSpeedObservedAt = now;
    const query = { now, driverPosition: ORIGIN, stopsBefore: [north(20_000)], destination: north(40_000) };
    const estimate = estimateArrival(state, query);
    const withoutSlow = estimateArrival({ ...state, slowSpeed: undefined }, query);
    assert.ok(estimate && withoutSlow);
    // The second leg at about the hour's 9 m/s, not the jam-dragged 6 m/s: some 20 min sooner.
    assert.ok(estimate.at < withoutSlow.at - 15 * MINUTE, "not all of it at the jam's pace");
  });
});

describe("a jam is today's, not the hour's", () => {
  it("leaves the hour's usual speed and the last hour's as they were", () => {
    const state = createDriverEtaState();
    driveAt(state, 10, 30, NOW - 60 * MINUTE); // 11:00–11:30 at 10 m/s
    driveAt(state, 3, 20, NOW - 29 * MINUTE); // 11:31–11:51: a jam
    // Its first minutes count (a 3-min mean takes ~4 to fall that far), not the rest: with all of
    // it the hour's mean would be 7.2 m/s.
    assert.ok(state.speedByHour[11]!.metersPerSecond > 8.8, `the hour's usual (${state.speedByHour[11]!.metersPerSecond.toFixed(2)} m/s)`);
    assert.ok(state.slowSpeed!.metersPerSecond > 8.8, "the last hour's");
    assert.ok(estimatedSpeed(state) < 4, "while it lasts, the next minutes are planned at the jam's pace");
  });

  it("drives at the road's speed again once the jam has cleared, not at a mean still half in it", () => {
    const state = createDriverEtaState();
    driveAt(state, 10, 30, NOW - 60 * MINUTE);
    driveAt(state, 3, 20, NOW - 29 * MINUTE);
    driveAt(state, 10, 5, NOW - 8 * MINUTE);
    assertNear(estimatedSpeed(state), 10, 1, "a 10-min mean would still read ~6.6 m/s");
  });

  it("counts a red light as the hour's traffic", () => {
    const state = createDriverEtaState();
    driveAt(state, 10, 30, NOW - 60 * MINUTE);
    // A minute at a red light (only the first minute of standing counts as speed), then on.
    driveAt(state, 0, 1, NOW - 29 * MINUTE);
    driveAt(state, 10, 1, NOW - 28 * MINUTE);
    const hour = state.speedByHour[11]!;
    assert.ok(hour.metersPerSecond < 9.8, `the light's minute is in the hour's mean (${hour.metersPerSecond.toFixed(2)} m/s)`);
  });
});

describe("two outcomes (a break before the arrival or not)", () => {
  const config = DEFAULT_ETA_MODEL_CONFIG;
  const without = { remainingMs: 60 * MINUTE, sigmaMs: 3 * MINUTE };
  const withBreak = { remainingMs: 90 * MINUTE, sigmaMs: 3 * MINUTE };

  it("holds both when they fit the width limit, the best guess on the likelier", () => {
    const window = twoOutcomeWindow(
      config,
      NOW,
      [
        { ...without, chance: 0.4 },
        { ...withBreak, chance: 0.6 },
      ],
      60 * MINUTE,
    );
    assert.equal(window.at, NOW + 90 * MINUTE);
    assert.ok(window.earliest <= NOW + 51 * MINUTE && window.latest >= NOW + 102 * MINUTE, "both outcomes, 3 σ early and 4 σ late");
    assert.ok(window.latest - window.earliest <= 60 * MINUTE);
  });

  it("sits on the likelier when a narrow limit cannot hold both", () => {
    const window = twoOutcomeWindow(
      config,
      NOW,
      [
        { ...without, chance: 0.7 },
        { ...withBreak, chance: 0.3 },
      ],
      20 * MINUTE,
    );
    assert.equal(window.at, NOW + 60 * MINUTE);
    assert.ok(window.earliest <= NOW + 55 * MINUTE && window.latest >= NOW + 65 * MINUTE && window.latest < NOW + 85 * MINUTE);
    assert.ok(window.latest - window.earliest <= 20 * MINUTE);
  });

  it("stretches a far window toward a less likely break", () => {
    const alone = twoOutcomeWindow(
      config,
      NOW,
      [
        { ...without, chance: 1 },
        { ...withBreak, chance: 0 },
      ],
      60 * MINUTE,
    );
    const maybe = twoOutcomeWindow(
      config,
      NOW,
      [
        { ...without, chance: 0.7 },
        { ...withBreak, chance: 0.3 },
      ],
      60 * MINUTE,
    );
    assert.equal(maybe.at, NOW + 60 * MINUTE);
    assert.ok(maybe.latest > alone.latest);
  });
});

describe("the best guess", () => {
  it("is the median of the time left, below its mean (time left is skewed late), the window around the mean", () => {
    assertNear(medianRemainingMs(30 * MINUTE, 0), 30 * MINUTE, 1e-9);
    assertNear(medianRemainingMs(30 * MINUTE, 6 * MINUTE), (30 * MINUTE) / Math.sqrt(1.04), 1e-6);
    const query = { now: NOW, driverPosition: ORIGIN, stopsBefore: [north(2000), north(4000)], destination: north(6000) };
    const median = estimateArrival(createDriverEtaState(), query);
    const mean = estimateArrival(meanModel(), query);
    assert.ok(median && mean);
    assert.ok(median.at < mean.at);
    assert.deepEqual([median.earliest, median.latest], [mean.earliest, mean.latest]);
  });
});

describe("normalCdf", () => {
  it("is the standard normal distribution function", () => {
    assertNear(normalCdf(0), 0.5, 1e-7);
    assertNear(normalCdf(1.959964), 0.975, 1e-6);
    assertNear(normalCdf(-1), 1 - normalCdf(1), 1e-9);
    assert.equal(normalCdf(Number.POSITIVE_INFINITY), 1);
    assert.equal(normalCdf(Number.NEGATIVE_INFINITY), 0);
  });

  it("widens the window when the last fix is old (a silent phone)", () => {
    const state = createDriverEtaState();
    // Its dwells learned (2–4 min): one stop before, legs of 500 m, a window under the 20-min cap.
    // (With the 4-min prior's unsure dwell the window is capped, placed where it holds most, from now.)
    for (let i = 0; i < 10; i++) observeDwell(state, (2 + (i % 3)) * MINUTE);
    const query = { now: NOW, stopsBefore: [north(500)], destination: north(1000) };
    const fresh = estimateArrival(state, { ...query, driverPosition: { ...ORIGIN, at: NOW } });
    const stale = estimateArrival(state, { ...query, driverPosition: { ...ORIGIN, at: NOW - 10 * MINUTE } });
    assert.ok(fresh && stale);
    assert.ok(stale.confidence < fresh.confidence, "less sure: the window holds less of what may happen");
    assert.ok(stale.at < fresh.at, "the driver has probably moved on since");
  });

  it("counts only the rest of a handover under way", () => {
    const state = meanModel();
    const query = { now: NOW, driverPosition: ORIGIN, stopsBefore: [ORIGIN], destination: ORIGIN };
    const fresh = estimateArrival(state, { ...query, atDoorSince: NOW });
    const underWay = estimateArrival(state, { ...query, atDoorSince: NOW - 3 * MINUTE });
    const overdue = estimateArrival(state, { ...query, atDoorSince: NOW - 20 * MINUTE });
    assert.equal(fresh?.at, NOW + 4 * MINUTE);
    assert.equal(underWay?.at, NOW + MINUTE);
    assert.equal(overdue?.at, NOW + MINUTE, "a long handover still leaves a quarter of a dwell");
  });

  it("restores with today's settings, not the checkpoint's (a retuned window reaches restored drivers)", () => {
    const saved = JSON.parse(JSON.stringify(createDriverEtaState({ earlySigmas: 2.2, lateSigmas: 2.6, dwellObservationsKept: 20 }))) as DriverEtaState;
    observeDwell(saved, 3 * MINUTE);
    const restored = upgradeDriverEtaState(saved);
    assert.deepEqual(restored.config, DEFAULT_ETA_MODEL_CONFIG);
    assert.deepEqual(restored.dwellObservationsMs, [3 * MINUTE], "what was learned is kept");
  });

  it("takes a checkpoint from before the fleet prior and break timing (no slowSpeed, departures, break spread)", () => {
    const old = JSON.parse(JSON.stringify(createDriverEtaState())) as Partial<DriverEtaState> & Record<string, unknown>;
    delete old.slowSpeed;
    delete old.departures;
    old.usualBreak = { startHour: 12, durationMs: 30 * MINUTE };
    old.lastBreakDay = null;
    const upgraded = upgradeDriverEtaState(old);
    observeDeparture(upgraded, ORIGIN, NOW - 5 * MINUTE);
    for (let t = 0; t <= 5 * MINUTE; t += 10_000) observeFix(upgraded, { ...north(t / 30), at: NOW - 5 * MINUTE + t }, 10, false);
    const eta = estimateArrival(upgraded, { now: NOW, driverPosition: { ...north(1000), at: NOW }, stopsBefore: [north(2000)], destination: north(3000) });
    assert.ok(eta && eta.at > NOW);
    assert.ok(upgraded.slowSpeed && upgraded.slowSpeed.observedMs > 0);
  });

  it("completes a state saved before the learned model", () => {
    const old = createDriverEtaState() as Partial<DriverEtaState>;
    delete old.speedByHour;
    delete old.detourObservations;
    const upgraded = upgradeDriverEtaState(old);
    assert.equal(upgraded.speedByHour.length, 24);
    assert.ok(estimateArrival(upgraded, { now: NOW, driverPosition: ORIGIN, stopsBefore: [], destination: north(1000) }));
  });
});
