/**
 * ETA accuracy: the model in lib/domain/eta.ts against a naive baseline, on a deterministic
 * simulation of a day of deliveries. Run: npx tsx bench/eta-accuracy.ts
 *
 * Simulated world (seeded, so every run prints the same figures):
 * - 50 drivers, each with 10–25 stops clustered in one part of a 20 km city, visited
 *   nearest-neighbour first from a depot; every order is picked up at the depot at the start.
 * - Roads are longer than straight lines: each leg bends through one waypoint so that it is
 *   1.15–1.6× the straight distance.
 * - True speed = the driver's own pace × a time-of-day traffic curve (morning and evening rush)
 *   × a per-leg factor, with random stops at lights.
 * - Dwell at a door is log-normal around the driver's own median (2–6 min); 5% of stops fail.
 * - Phones fix every 10 s (6 m noise; 1% wild jumps, 2% imprecise fixes), post every 30 s in
 *   shuffled batches, half of them without a speed field.
 *
 * The server side is replayed as the tracker would run it: fixes through the GPS filter, speeds
 * of accepted fixes into the ETA state (except while the driver is at a door), dwell times from
 * arrived → delivered/failed. Every 15 minutes each order not yet reached is predicted with the
 * model and with the baseline (straight line from the driver to the door at 35 km/h, no
 * dwell), and compared with the simulated arrival.
 */
import { bearingDegrees, haversineMeters, moveToward, type LatLng } from "../lib/domain/geo";
import { acceptFixes, createGpsFilterState, fixSpeed, type Fix } from "../lib/domain/gps-filter";
import { createDriverEtaState, estimateArrival, observeDwell, observeSpeed } from "../lib/domain/eta";

const SEED = 20_250_611;
const DRIVER_COUNT = 50;
const CITY_CENTER: LatLng = { lat: 52.52, lng: 13.405 };
const MIDNIGHT = Date.UTC(2025, 5, 11);
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const FIX_INTERVAL = 10 * SECOND;
const POST_INTERVAL = 30 * SECOND;
const PREDICTION_INTERVAL = 15 * MINUTE;
const BASELINE_SPEED = 35 / 3.6;
const METERS_PER_DEGREE_LAT = 111_320;

/** mulberry32: small, fast, good enough for a simulation. */
function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const between = (min: number, max: number): number => min + (max - min) * next();
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return { next, between, normal, int: (min: number, max: number) => Math.floor(between(min, max + 1)) };
}
type Random = ReturnType<typeof createRandom>;

function shuffle<T>(random: Random, items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}

function offsetMeters(point: LatLng, northMeters: number, eastMeters: number): LatLng {
  return {
    lat: point.lat + northMeters / METERS_PER_DEGREE_LAT,
    lng: point.lng + eastMeters / (METERS_PER_DEGREE_LAT * Math.cos((point.lat * Math.PI) / 180)),
  };
}

function randomPointWithin(random: Random, center: LatLng, radiusMeters: number): LatLng {
  const distance = radiusMeters * Math.sqrt(random.next());
  const angle = random.between(0, 2 * Math.PI);
  return offsetMeters(center, distance * Math.cos(angle), distance * Math.sin(angle));
}

/** A road from a to b: one bend, so that its length is about `detour` × the straight line. */
function roadBetween(a: LatLng, b: LatLng, detour: number, bendLeft: boolean): LatLng[] {
  const straight = haversineMeters(a, b);
  const bendOffset = (straight / 2) * Math.sqrt(detour * detour - 1);
  const middle = moveToward(a, b, straight / 2);
  const sideways = ((bearingDegrees(a, b) + (bendLeft ? -90 : 90)) * Math.PI) / 180;
  return [a, offsetMeters(middle, bendOffset * Math.cos(sideways), bendOffset * Math.sin(sideways)), b];
}

/** 1 off-peak, down to ~0.6 in the rush hours. */
function trafficFactor(at: number): number {
  const hour = (at - MIDNIGHT) / HOUR;
  const bump = (peak: number, width: number, depth: number) => depth * Math.exp(-(((hour - peak) / width) ** 2));
  return 1 - bump(8.5, 1, 0.35) - bump(12.5, 1, 0.1) - bump(17.5, 1.2, 0.4);
}

type Stop = { position: LatLng; arrivedAt: number; finishedAt: number };
type Post = { sentAt: number; fixes: Fix[] };
type DriverDay = { startAt: number; stops: Stop[]; posts: Post[] };

function simulateDriver(random: Random): DriverDay {
  const depot = randomPointWithin(random, CITY_CENTER, 8000);
  const areaCenter = randomPointWithin(random, CITY_CENTER, 8000);
  const positions = Array.from({ length: random.int(10, 25) }, () => randomPointWithin(random, areaCenter, 3000));
  const ordered: LatLng[] = [];
  let here = depot;
  while (positions.length > 0) {
    let nearest = 0;
    positions.forEach((p, i) => {
      if (haversineMeters(here, p) < haversineMeters(here, positions[nearest] ?? p)) nearest = i;
    });
    here = positions.splice(nearest, 1)[0] ?? here;
    ordered.push(here);
  }

  const pace = random.between(20, 36) / 3.6;
  const dwellMedian = random.between(2, 6) * MINUTE;
  const sendsSpeed = random.next() < 0.5;
  const startAt = MIDNIGHT + random.between(7.5, 10.5) * HOUR;
  const fixes: Fix[] = [];
  const stops: Stop[] = [];
  let now = startAt;
  let position = depot;
  let nextFixAt = now;
  let seq = 0;
  let currentSpeed = 0;

  const recordFixesUntil = (until: number) => {
    for (; nextFixAt <= until; nextFixAt += FIX_INTERVAL) {
      const roll = random.next();
      const errorMeters = roll < 0.01 ? 2500 : roll < 0.03 ? 300 : 6;
      const accuracy = roll < 0.01 ? 10 : roll < 0.03 ? random.between(150, 500) : random.between(4, 15);
      const noisy = offsetMeters(position, errorMeters * random.normal(), errorMeters * random.normal());
      const speed = sendsSpeed ? Math.max(0, currentSpeed + 0.3 * random.normal()) : null;
      fixes.push({ ...noisy, at: Math.round(nextFixAt), accuracy, speed, seq: seq++ });
    }
  };

  let from = depot;
  for (const to of ordered) {
    const road = roadBetween(from, to, random.between(1.15, 1.6), random.next() < 0.5);
    const legFactor = Math.exp(0.15 * random.normal());
    let redLightUntil = 0;
    for (let i = 1; i < road.length; i++) {
      const target = road[i] ?? to;
      while (haversineMeters(position, target) > 0.5) {
        if (now >= redLightUntil && random.next() < 0.004) redLightUntil = now + random.between(20, 80) * SECOND;
        currentSpeed = now < redLightUntil ? 0 : pace * trafficFactor(now) * legFactor;
        position = moveToward(position, target, currentSpeed);
        now += SECOND;
        recordFixesUntil(now);
      }
    }
    currentSpeed = 0;
    const arrivedAt = now;
    now += dwellMedian * Math.exp(0.5 * random.normal());
    recordFixesUntil(now);
    stops.push({ position: to, arrivedAt, finishedAt: now });
    from = to;
  }

  // Phones post what they collected every 30 s, and the order within a post is not kept.
  const posts: Post[] = [];
  let sentAt = startAt + POST_INTERVAL;
  for (const fix of fixes) {
    while (fix.at > sentAt) sentAt += POST_INTERVAL;
    const last = posts.at(-1);
    if (last?.sentAt === sentAt) last.fixes.push(fix);
    else posts.push({ sentAt, fixes: [fix] });
  }
  for (const post of posts) shuffle(random, post.fixes);
  return { startAt, stops, posts };
}

/** Absolute errors in minutes, and how far ahead (minutes) each prediction looked. */
type Errors = { model: number[]; baseline: number[]; isInWindow: boolean[]; horizon: number[] };

/** Fixes the GPS filter turned away, by reason. */
const rejectedFixes = new Map<string, number>();
let acceptedFixCount = 0;

function replayServer(day: DriverDay, errors: Errors): void {
  const filter = createGpsFilterState();
  const eta = createDriverEtaState();
  let postIndex = 0;
  let dwellsObserved = 0;
  const lastArrival = day.stops.at(-1)?.arrivedAt ?? day.startAt;

  for (let moment = day.startAt + 5 * MINUTE; moment < lastArrival; moment += PREDICTION_INTERVAL) {
    // What the server learned up to `moment`: finished stops' dwell, then the posted fixes.
    for (; dwellsObserved < day.stops.length; dwellsObserved++) {
      const stop = day.stops[dwellsObserved];
      if (!stop || stop.finishedAt > moment) break;
      observeDwell(eta, stop.finishedAt - stop.arrivedAt);
    }
    for (let post = day.posts[postIndex]; post && post.sentAt <= moment; post = day.posts[++postIndex]) {
      let previous = filter.lastAccepted;
      const { accepted, rejected } = acceptFixes(filter, post.fixes, post.sentAt);
      acceptedFixCount += accepted.length;
      for (const { reason } of rejected) rejectedFixes.set(reason, (rejectedFixes.get(reason) ?? 0) + 1);
      for (const fix of accepted) {
        const isAtADoor = day.stops.some((s) => s.arrivedAt <= fix.at && fix.at < s.finishedAt);
        const speed = fixSpeed(previous, fix);
        if (!isAtADoor && speed !== null) observeSpeed(eta, speed, fix.at);
        previous = fix;
      }
    }

    const driverPosition = filter.lastAccepted;
    if (!driverPosition) continue;
    day.stops.forEach((stop, index) => {
      if (stop.arrivedAt <= moment) return;
      const stopsBefore = day.stops
        .slice(0, index)
        .filter((s) => s.finishedAt > moment)
        .map((s) => s.position);
      const estimate = estimateArrival(eta, { now: moment, driverPosition, stopsBefore, destination: stop.position });
      if (!estimate) return;
      const baselineAt = moment + (haversineMeters(driverPosition, stop.position) / BASELINE_SPEED) * SECOND;
      errors.model.push(Math.abs(estimate.at - stop.arrivedAt) / MINUTE);
      errors.baseline.push(Math.abs(baselineAt - stop.arrivedAt) / MINUTE);
      errors.horizon.push((stop.arrivedAt - moment) / MINUTE);
      errors.isInWindow.push(estimate.earliest <= stop.arrivedAt && stop.arrivedAt <= estimate.latest);
    });
  }
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? NaN;
}

const startedAt = performance.now();
const random = createRandom(SEED);
const errors: Errors = { model: [], baseline: [], isInWindow: [], horizon: [] };
for (let driver = 0; driver < DRIVER_COUNT; driver++) replayServer(simulateDriver(random), errors);

function printTable(title: string, isIncluded: (index: number) => boolean): void {
  const model = errors.model.filter((_, i) => isIncluded(i));
  const baseline = errors.baseline.filter((_, i) => isIncluded(i));
  const median = [percentile(model, 0.5), percentile(baseline, 0.5)] as const;
  const p90 = [percentile(model, 0.9), percentile(baseline, 0.9)] as const;
  console.log(`\n${title}: ${model.length} predictions`);
  console.log(`${"".padEnd(18)}${"median |error| min".padStart(20)}${"p90 |error| min".padStart(18)}`);
  for (const [label, a, b] of [
    ["model", median[0], p90[0]],
    ["baseline", median[1], p90[1]],
    ["model / baseline", median[0] / median[1], p90[0] / p90[1]],
  ] as const) {
    console.log(`${label.padEnd(18)}${a.toFixed(2).padStart(20)}${b.toFixed(2).padStart(18)}`);
  }
}

console.log(`ETA accuracy: ${DRIVER_COUNT} drivers, seed ${SEED}`);
printTable("all predictions", () => true);
printTable("arrival within 30 min", (i) => (errors.horizon[i] ?? Infinity) <= 30);
const inWindow = errors.isInWindow.filter(Boolean).length / errors.isInWindow.length;
console.log(`\nactual arrival inside the model's window: ${(inWindow * 100).toFixed(1)}%`);
console.log(`GPS filter: ${acceptedFixCount} fixes accepted, rejected ${JSON.stringify(Object.fromEntries(rejectedFixes))}`);
console.log(`took ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
