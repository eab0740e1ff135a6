/**
 * ETA accuracy: the model in lib/domain/eta.ts against a naive baseline, on a deterministic
 * simulation of three days of deliveries. Run: npx tsx bench/eta-accuracy.ts
 * (`ETA_CONFIG='{"lateSigmas":3}'` overrides model settings, for tuning; `ETA_SEED=7` simulates another
 * world, to check that a setting tuned on one seed holds on others; `ETA_NO_FLEET=1` leaves out the
 * fleet prior; `ETA_DUMP=file.json` writes every prediction, for analysis).
 *
 * Simulated world (seeded, so every run prints the same figures):
 * - 50 drivers × 3 days, each day 10–25 stops clustered in one part of a 20 km city, visited
 *   nearest-neighbour first from the driver's depot; every order is picked up there at the start.
 *   A driver keeps pace, dwell habit, phone, start and lunch hour from day to day, and the
 *   model learned on one day goes on to the next, as the tracker keeps it.
 * - Roads are longer than straight lines: each leg bends through one waypoint so that it is
 *   1.15–1.6× the straight distance.
 * - True speed = the driver's own pace × a time-of-day traffic curve (morning and evening rush,
 *   every day) × a per-leg factor, with random stops at lights.
 * - Dwell at a door is log-normal around the driver's own median (2–6 min); 5% of stops fail.
 * - Phones fix every 10 s (6 m noise; 1% wild jumps, 2% imprecise fixes), post every 30 s in
 *   shuffled batches, half of them without a speed field.
 * - Real days: a lunch break (20–35 min, the driver's usual hour ± 10 min) after the first stop
 *   past it; on 30 % of days a stop passed by and moved to the end of the route; on half the
 *   days a 20–40 min traffic jam at 30 % speed; on half the days a phone silent for 10 minutes
 *   (its fixes and status taps reach the server when it comes back).
 *
 * The server side is replayed as the tracker would run it, all drivers of a day together in the
 * order it hears things: fixes through the GPS filter into the model (as dwelling while a stop is
 * known "arrived"), arrivals, departures and dwell times; the fleet prior derived from all the
 * drivers' models every minute. Every 5 minutes each order not yet reached is predicted with
 * the model and with the baseline (straight line from the driver to the door at 35 km/h, no
 * dwell) on the route as the server knows it then, and compared with the simulated arrival.
 * A ceiling (`oracleArrival`, which knows each driver's habits) shows what no model learning from
 * the stream can do better than within the width limits.
 */
import { bearingDegrees, haversineMeters, moveToward, type LatLng } from "../lib/domain/geo";
import { acceptFixes, createGpsFilterState, fixSpeed, type Fix } from "../lib/domain/gps-filter";
import { windowShownAt, type ScoredPrediction, type ScoreboardCheckpoint } from "../lib/domain/eta-scoreboard";
import { createDriverEtaState, estimateArrival, fleetEtaPrior, type EtaFleetPrior, observeArrival, observeDeparture, observeDwell, observeFix, type DriverEtaState, type EtaModelConfig } from "../lib/domain/eta";

const SEED = process.env.ETA_SEED ? Number(process.env.ETA_SEED) : 20_250_611;

/**
 * A fleet: what its drivers are like. "city" is the world the model was tuned on (its prior: 2–6
 * min at a door, 20–36 km/h); the others are fleets unlike it, started from nothing on their
 * first day, as a new operator's would be (ETA_WORLD=food|parcels|furniture; ETA_WORLD=all runs
 * every world and prints one summary per world).
 */
type World = {
  name: string;
  drivers: number;
  days: number;
  paceKmh: readonly [number, number];
  dwellMinutes: readonly [number, number];
  stops: readonly [number, number];
  /** Radius of a day's area of stops, m. */
  areaMeters: number;
  /** Lunch breaks, missed stops, jams and silent phones as in the city; without: only traffic, lights and each draw. */
  hasDisruptions: boolean;
};
const WORLDS: Record<string, World> = {
  city: { name: "city", drivers: 50, days: 3, paceKmh: [20, 36], dwellMinutes: [2, 6], stops: [10, 25], areaMeters: 3000, hasDisruptions: true },
  food: { name: "food", drivers: 30, days: 2, paceKmh: [30, 60], dwellMinutes: [0.5, 2], stops: [8, 15], areaMeters: 2500, hasDisruptions: false },
  parcels: { name: "parcels", drivers: 30, days: 2, paceKmh: [15, 30], dwellMinutes: [0.5, 3], stops: [20, 35], areaMeters: 2000, hasDisruptions: false },
  furniture: { name: "furniture", drivers: 30, days: 2, paceKmh: [25, 50], dwellMinutes: [10, 20], stops: [4, 10], areaMeters: 8000, hasDisruptions: false },
};
const WORLD_NAME = process.env.ETA_WORLD ?? "city";
if (WORLD_NAME !== "all" && !WORLDS[WORLD_NAME]) throw new Error(`ETA_WORLD: one of ${Object.keys(WORLDS).join(", ")} or all`);
if (WORLD_NAME === "all") {
  // One process per world: each prints its summary.
  const { spawnSync } = await import("node:child_process");
  for (const name of Object.keys(WORLDS)) {
    const result = spawnSync(process.execPath, ["--import", "tsx", import.meta.filename], { stdio: "inherit", env: { ...process.env, ETA_WORLD: name, ETA_SUMMARY: "1" } });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
  process.exit(0);
}
const WORLD = WORLDS[WORLD_NAME]!;
const DRIVER_COUNT = WORLD.drivers;
const CITY_CENTER: LatLng = { lat: 52.52, lng: 13.405 };
const MIDNIGHT = Date.UTC(2025, 5, 11);
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const FIX_INTERVAL = 10 * SECOND;
const POST_INTERVAL = 30 * SECOND;
const PREDICTION_INTERVAL = 5 * MINUTE;
const DAYS = WORLD.days;
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

/** 1 off-peak, down to ~0.6 in the rush hours, every day. */
function trafficFactor(at: number): number {
  const hour = (((at - MIDNIGHT) % DAY) + DAY) % DAY / HOUR;
  const bump = (peak: number, width: number, depth: number) => depth * Math.exp(-(((hour - peak) / width) ** 2));
  return 1 - bump(8.5, 1, 0.35) - bump(12.5, 1, 0.1) - bump(17.5, 1.2, 0.4);
}

type Stop = {
  position: LatLng;
  arrivedAt: number;
  finishedAt: number;
  /** When the server heard of the arrival and of the finish (later while the phone is silent). */
  arrivalKnownAt: number;
  finishKnownAt: number;
};
type Post = { sentAt: number; fixes: Fix[] };
type DriverDay = {
  startAt: number;
  /** Stops in the planned order. */
  stops: Stop[];
  /** A skipped stop goes to the end of the route; the server hears of it at `at`. */
  skip: { stopIndex: number; at: number } | null;
  posts: Post[];
  /** What happened (for the report). */
  hadBreak: boolean;
  hadJam: boolean;
  hadSilence: boolean;
  /** When each disruption happened, to tell which predictions it touched. */
  disruptions: { kind: Disruption; from: number; to: number }[];
};
type Disruption = "break" | "jam" | "silence";

/** What stays the same about a driver from day to day. */
type DriverHabits = {
  depot: LatLng;
  pace: number;
  dwellMedian: number;
  sendsSpeed: boolean;
  startHour: number;
  /** Lunch: the first stop finished after this hour is followed by a break of about this long. */
  breakHour: number;
  breakMinutes: number;
};

function driverHabits(random: Random): DriverHabits {
  return {
    depot: randomPointWithin(random, CITY_CENTER, 8000),
    pace: random.between(...WORLD.paceKmh) / 3.6,
    dwellMedian: random.between(...WORLD.dwellMinutes) * MINUTE,
    sendsSpeed: random.next() < 0.5,
    startHour: random.between(7.5, 10.5),
    breakHour: random.between(11.5, 13),
    breakMinutes: random.between(20, 35),
  };
}

function simulateDriverDay(random: Random, habits: DriverHabits, midnight: number): DriverDay {
  const { depot, pace, dwellMedian, sendsSpeed } = habits;
  const areaCenter = randomPointWithin(random, CITY_CENTER, 8000);
  const positions = Array.from({ length: random.int(...WORLD.stops) }, () => randomPointWithin(random, areaCenter, WORLD.areaMeters));
  const planned: LatLng[] = [];
  let here = depot;
  while (positions.length > 0) {
    let nearest = 0;
    positions.forEach((p, i) => {
      if (haversineMeters(here, p) < haversineMeters(here, positions[nearest] ?? p)) nearest = i;
    });
    here = positions.splice(nearest, 1)[0] ?? here;
    planned.push(here);
  }

  const startAt = midnight + (habits.startHour + random.between(-0.25, 0.25)) * HOUR;
  // Real days: a lunch break at the driver's usual time, a stop missed and done at the end,
  // a traffic jam, a phone silent for 10 minutes (its fixes and taps sent when it comes back).
  const breakAt = midnight + (habits.breakHour + random.between(-1 / 6, 1 / 6)) * HOUR;
  const breakLength = (habits.breakMinutes + random.between(-3, 3)) * MINUTE;
  // Drawn in every world (the same draws), used where the world has them.
  const isSkipDay = random.next() < 0.3 && WORLD.hasDisruptions && planned.length >= 4;
  const skippedIndex = isSkipDay ? random.int(1, planned.length - 3) : null;
  const isJamDay = random.next() < 0.5 && WORLD.hasDisruptions;
  const jamAt = isJamDay ? startAt + random.between(0.3, 2.5) * HOUR : null;
  const jamLength = random.between(20, 40) * MINUTE;
  const isSilentDay = random.next() < 0.5 && WORLD.hasDisruptions;
  const silenceAt = isSilentDay ? startAt + random.between(0.3, 2.5) * HOUR : null;
  const silenceEnd = silenceAt === null ? null : silenceAt + 10 * MINUTE;
  const isSilent = (at: number) => silenceAt !== null && silenceEnd !== null && at >= silenceAt && at < silenceEnd;
  const heardAt = (at: number) => (isSilent(at) && silenceEnd !== null ? silenceEnd : at);

  const visits = planned.map((position, plannedIndex) => ({ position, plannedIndex }));
  let skip: DriverDay["skip"] = null;
  const fixes: Fix[] = [];
  const stopsByPlannedIndex = new Map<number, Stop>();
  let now = startAt;
  let position = depot;
  let nextFixAt = now;
  let seq = 0;
  let currentSpeed = 0;
  let hadBreak = false;
  const disruptions: DriverDay["disruptions"] = [];
  if (jamAt !== null) disruptions.push({ kind: "jam", from: jamAt, to: jamAt + jamLength });
  if (silenceAt !== null && silenceEnd !== null) disruptions.push({ kind: "silence", from: silenceAt, to: silenceEnd });

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
  for (let visit = 0; visit < visits.length; visit++) {
    const current = visits[visit];
    if (!current) break;
    if (skippedIndex !== null && current.plannedIndex === skippedIndex && skip === null) {
      // Passed by (no parking, a closed gate): the driver moves it to the end of the route.
      skip = { stopIndex: skippedIndex, at: heardAt(now) };
      visits.splice(visit, 1);
      visits.push(current);
      visit--;
      continue;
    }
    const to = current.position;
    const road = roadBetween(from, to, random.between(1.15, 1.6), random.next() < 0.5);
    const legFactor = Math.exp(0.15 * random.normal());
    let redLightUntil = 0;
    for (let i = 1; i < road.length; i++) {
      const target = road[i] ?? to;
      while (haversineMeters(position, target) > 0.5) {
        if (now >= redLightUntil && random.next() < 0.004) redLightUntil = now + random.between(20, 80) * SECOND;
        const jam = jamAt !== null && now >= jamAt && now < jamAt + jamLength ? 0.3 : 1;
        currentSpeed = now < redLightUntil ? 0 : pace * trafficFactor(now) * legFactor * jam;
        position = moveToward(position, target, currentSpeed);
        now += SECOND;
        recordFixesUntil(now);
      }
    }
    currentSpeed = 0;
    const arrivedAt = now;
    now += dwellMedian * Math.exp(0.5 * random.normal());
    recordFixesUntil(now);
    stopsByPlannedIndex.set(current.plannedIndex, {
      position: to,
      arrivedAt,
      finishedAt: now,
      arrivalKnownAt: heardAt(arrivedAt),
      finishKnownAt: heardAt(now),
    });
    if (WORLD.hasDisruptions && !hadBreak && now >= breakAt && visit < visits.length - 1) {
      // Parked round the corner, not at a door: the phone keeps sending a still position.
      hadBreak = true;
      disruptions.push({ kind: "break", from: now, to: now + breakLength });
      now += breakLength;
      recordFixesUntil(now);
    }
    from = to;
  }

  // Phones post what they collected every 30 s (nothing while silent), unordered within a post.
  const posts: Post[] = [];
  let sentAt = startAt + POST_INTERVAL;
  for (const fix of fixes) {
    while (fix.at > sentAt || isSilent(sentAt)) sentAt += POST_INTERVAL;
    const last = posts.at(-1);
    if (last?.sentAt === sentAt) last.fixes.push(fix);
    else posts.push({ sentAt, fixes: [fix] });
  }
  for (const post of posts) shuffle(random, post.fixes);
  const stops = planned.map((_, index) => stopsByPlannedIndex.get(index)).filter((stop): stop is Stop => stop !== undefined);
  return { startAt, stops, skip, posts, hadBreak, hadJam: jamAt !== null, hadSilence: silenceAt !== null, disruptions };
}

/** One prediction and what happened. */
type Prediction = {
  errorMinutes: number;
  signedMinutes: number;
  baselineErrorMinutes: number;
  /** The ceiling's estimate − truth (see oracleArrival). */
  oracleSignedMinutes: number;
  isInWindow: boolean;
  /** The model's stated chance that the arrival falls inside its window. */
  confidence: number;
  /** Window edges relative to the truth, min (negative: before the arrival). */
  earlyEdgeMinutes: number;
  lateEdgeMinutes: number;
  widthMinutes: number;
  horizonMinutes: number;
  stopsAway: number;
  /** Which day of the driver's model (0: learned from nothing yet). */
  dayIndex: number;
  knowsBreak: boolean;
  /** Disruptions going on at the moment of the prediction. */
  underWay: Disruption[];
  /** Disruptions between the prediction and the arrival (a missed stop: predicted before it was moved). */
  touchedBy: (Disruption | "missed stop")[];
};

/** Fixes the GPS filter turned away, by reason. */
const rejectedFixes = new Map<string, number>();
let acceptedFixCount = 0;

/** The route as the server knows it at `moment`: planned order, a skipped stop moved to the end. */
function knownRoute(day: DriverDay, moment: number): number[] {
  const order = day.stops.map((_, index) => index);
  if (day.skip && day.skip.at <= moment) {
    order.splice(order.indexOf(day.skip.stopIndex), 1);
    order.push(day.skip.stopIndex);
  }
  return order;
}

/** Something the server hears or does at a moment of the replay. */
type ReplayEvent = { at: number; isPrediction: boolean; apply: () => void };

/**
 * One driver's day as the server lives it: what it hears (posts of fixes, arrivals, finishes) and,
 * every 5 minutes, a prediction for each open stop. The events of all drivers of a day are run
 * together in time order, as the tracker would, so that what the fleet has learned by a moment
 * is all that a prediction at that moment can use.
 */
/**
 * A ceiling, not a model: the arrival expected by one who knows this driver's habits exactly
 * (pace, dwell, lunch hour and length), the traffic curve and the mean road detour, sees a break
 * or a jam once it has begun (not how long the jam lasts), but not the day's draws (each leg's
 * road and pace, each dwell, a jam or a missed stop still to come). What it misses with windows as
 * wide as the limits is what no learning from the stream can catch.
 */
function oracleArrival(moment: number, habits: DriverHabits, day: DriverDay, midnight: number, points: readonly LatLng[], atDoorSince: number | null): number {
  const dwellMean = habits.dwellMedian * Math.exp(0.125);
  const breakTaken = day.disruptions.find((d) => d.kind === "break" && d.from <= moment);
  const jam = day.disruptions.find((d) => d.kind === "jam" && d.from <= moment && d.to > moment);
  const jamEnd = jam ? Math.max(jam.from + 30 * MINUTE, moment + 5 * MINUTE) : 0;
  let clock = moment;
  if (breakTaken && breakTaken.to > moment) clock += Math.max(0, breakTaken.from + habits.breakMinutes * MINUTE - moment);
  let isBreakTaken = breakTaken !== undefined;
  for (let index = 1; index < points.length; index++) {
    const from = points[index - 1];
    const to = points[index];
    if (!from || !to) continue;
    // Red lights stop a sixth of the time (a 20–80 s red after 250 s on average).
    for (let meters = haversineMeters(from, to) * 1.375; meters > 0; ) {
      const speed = ((habits.pace * trafficFactor(clock)) / 1.2) * (clock < jamEnd ? 0.3 : 1);
      const step = Math.min(meters, speed * 60);
      clock += (step / speed) * SECOND;
      meters -= step;
    }
    if (index === points.length - 1) break;
    clock += index === 1 && atDoorSince !== null ? Math.max(dwellMean / 4, dwellMean - (moment - atDoorSince)) : dwellMean;
    if (!isBreakTaken && clock >= midnight + habits.breakHour * HOUR) {
      clock += habits.breakMinutes * MINUTE;
      isBreakTaken = true;
    }
  }
  return clock;
}

/**
 * An arrival as dispatch's scoreboard scores it: the windows the tracker recorded for the stop
 * (one each time its ETA moved to another minute, recomputed on everything the server hears, as
 * the tracker does), and when the driver was known to reach the door.
 */
type ScoredStop = { stopNumber: number; dayIndex: number; actualAt: number; predictions: (ScoredPrediction & { confidence: number })[] };

function replayEvents(
  day: DriverDay,
  dayIndex: number,
  habits: DriverHabits,
  eta: DriverEtaState,
  fleet: () => EtaFleetPrior | null,
  predictions: Prediction[],
  scored: ScoredStop[],
  firstStopNumber: number,
): ReplayEvent[] {
  const filter = createGpsFilterState();
  // The driver's k-th stop ever (1-based), in the order they were reached.
  const byArrival = day.stops.map((stop, index) => ({ stop, index })).sort((a, b) => a.stop.arrivedAt - b.stop.arrivedAt);
  const scoredByStop = new Map<number, ScoredStop>();
  byArrival.forEach(({ stop, index }, order) => {
    const entry: ScoredStop = { stopNumber: firstStopNumber + order, dayIndex, actualAt: stop.arrivalKnownAt, predictions: [] };
    scoredByStop.set(index, entry);
    scored.push(entry);
  });
  const lastAt = new Map<number, number>();
  /** What the tracker records after applying what it heard at `moment`: a window per open stop on the way to it, when its minute moved. */
  const recordViews = (moment: number): void => {
    const driverPosition = filter.lastAccepted;
    if (!driverPosition) return;
    const route = knownRoute(day, moment).filter((index) => (day.stops[index]?.finishKnownAt ?? 0) > moment);
    const first = day.stops[route[0] ?? -1];
    const atDoorSince = first && first.arrivalKnownAt <= moment ? first.arrivalKnownAt : null;
    const prior = fleet();
    route.forEach((stopIndex, routeIndex) => {
      const stop = day.stops[stopIndex];
      // Only on the way: once "arrived" the tracker records no prediction.
      if (!stop || stop.arrivalKnownAt <= moment) return;
      const stopsBefore = route.slice(0, routeIndex).flatMap((index) => (day.stops[index] ? [day.stops[index].position] : []));
      const estimate = estimateArrival(eta, { now: moment, driverPosition, stopsBefore, destination: stop.position, atDoorSince: routeIndex > 0 ? atDoorSince : null, fleet: prior });
      if (!estimate || lastAt.get(stopIndex) === estimate.at) return;
      lastAt.set(stopIndex, estimate.at);
      scoredByStop.get(stopIndex)?.predictions.push({ predictedAt: moment, earliestAt: estimate.earliest, latestAt: estimate.latest, stopsAway: routeIndex, confidence: estimate.confidence });
    });
  };
  // What the server hears, in the order it hears it: posts of fixes, arrivals, finishes.
  const heard: ReplayEvent[] = [];
  let isDeparted = false;
  for (const post of day.posts) {
    heard.push({
      at: post.sentAt,
      isPrediction: false,
      apply: () => {
        let previous = filter.lastAccepted;
        const { accepted, rejected } = acceptFixes(filter, post.fixes, post.sentAt);
        acceptedFixCount += accepted.length;
        for (const { reason } of rejected) rejectedFixes.set(reason, (rejectedFixes.get(reason) ?? 0) + 1);
        for (const fix of accepted) {
          if (!isDeparted) {
            // Picked up at the depot and off: the first leg starts.
            observeDeparture(eta, fix);
            isDeparted = true;
          }
          // As the tracker knows it when the post comes in: is one of the stops "arrived"?
          const isAtADoor = day.stops.some((s) => s.arrivalKnownAt <= post.sentAt && post.sentAt < s.finishKnownAt);
          observeFix(eta, fix, fixSpeed(previous, fix), isAtADoor);
          previous = fix;
        }
        recordViews(post.sentAt);
      },
    });
  }
  for (const stop of day.stops) {
    heard.push({
      at: stop.arrivalKnownAt,
      isPrediction: false,
      apply: () => {
        observeArrival(eta, stop.position);
        recordViews(stop.arrivalKnownAt);
      },
    });
    heard.push({
      at: stop.finishKnownAt,
      isPrediction: false,
      apply: () => {
        observeDwell(eta, stop.finishedAt - stop.arrivedAt);
        observeDeparture(eta, stop.position, stop.finishedAt);
        recordViews(stop.finishKnownAt);
      },
    });
  }
  const lastArrival = Math.max(...day.stops.map((stop) => stop.arrivedAt));

  const events = heard;
  for (let moment = day.startAt + 5 * MINUTE; moment < lastArrival; moment += PREDICTION_INTERVAL) {
    events.push({ at: moment, isPrediction: true, apply: () => predict(moment) });
  }
  return events;

  function predict(moment: number): void {
    const driverPosition = filter.lastAccepted;
    if (!driverPosition) return;
    const route = knownRoute(day, moment).filter((index) => (day.stops[index]?.finishKnownAt ?? 0) > moment);
    route.forEach((stopIndex, routeIndex) => {
      const stop = day.stops[stopIndex];
      if (!stop || stop.arrivedAt <= moment) return;
      const stopsBefore = route.slice(0, routeIndex).flatMap((index) => (day.stops[index] ? [day.stops[index].position] : []));
      const first = routeIndex > 0 ? day.stops[route[0] ?? -1] : undefined;
      const atDoorSince = first && first.arrivalKnownAt <= moment ? first.arrivalKnownAt : null;
      const estimate = estimateArrival(eta, { now: moment, driverPosition, stopsBefore, destination: stop.position, atDoorSince, fleet: fleet() });
      if (!estimate) return;
      const oracleAt = oracleArrival(moment, habits, day, MIDNIGHT + dayIndex * DAY, [driverPosition, ...stopsBefore, stop.position], atDoorSince);
      const baselineAt = moment + (haversineMeters(driverPosition, stop.position) / BASELINE_SPEED) * SECOND;
      predictions.push({
        errorMinutes: Math.abs(estimate.at - stop.arrivedAt) / MINUTE,
        signedMinutes: (estimate.at - stop.arrivedAt) / MINUTE,
        baselineErrorMinutes: Math.abs(baselineAt - stop.arrivedAt) / MINUTE,
        oracleSignedMinutes: (oracleAt - stop.arrivedAt) / MINUTE,
        isInWindow: estimate.earliest <= stop.arrivedAt && stop.arrivedAt <= estimate.latest,
        confidence: estimate.confidence,
        earlyEdgeMinutes: (estimate.earliest - stop.arrivedAt) / MINUTE,
        lateEdgeMinutes: (estimate.latest - stop.arrivedAt) / MINUTE,
        widthMinutes: (estimate.latest - estimate.earliest) / MINUTE,
        horizonMinutes: (stop.arrivedAt - moment) / MINUTE,
        stopsAway: routeIndex,
        dayIndex,
        knowsBreak: eta.usualBreak !== null,
        underWay: day.disruptions.filter((d) => d.from <= moment && d.to > moment).map((d) => d.kind),
        touchedBy: [
          ...day.disruptions.filter((d) => d.from < stop.arrivedAt && d.to > moment).map((d) => d.kind),
          ...(day.skip && day.skip.stopIndex === stopIndex && moment < day.skip.at ? ["missed stop" as const] : []),
        ],
      });
    });
  }
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? NaN;
}

const startedAt = performance.now();
const random = createRandom(SEED);
const predictions: Prediction[] = [];
const dayCounts = { days: 0, breaks: 0, skips: 0, jams: 0, silences: 0 };
// The world first (in the same order of random draws as always), then the server's side.
const simulatedDays: DriverDay[][] = [];
const habitsOf: DriverHabits[] = [];
for (let driver = 0; driver < DRIVER_COUNT; driver++) {
  const habits = driverHabits(random);
  habitsOf.push(habits);
  const days: DriverDay[] = [];
  for (let day = 0; day < DAYS; day++) {
    const simulated = simulateDriverDay(random, habits, MIDNIGHT + day * DAY);
    dayCounts.days++;
    if (simulated.hadBreak) dayCounts.breaks++;
    if (simulated.skip) dayCounts.skips++;
    if (simulated.hadJam) dayCounts.jams++;
    if (simulated.hadSilence) dayCounts.silences++;
    days.push(simulated);
  }
  simulatedDays.push(days);
}
// One model per driver, kept from day to day as the tracker keeps it.
const scoredStops: ScoredStop[] = [];
/** Stops each driver has reached on the days replayed so far. */
const stopsDone = simulatedDays.map(() => 0);
const models = simulatedDays.map(() => createDriverEtaState(process.env.ETA_CONFIG ? (JSON.parse(process.env.ETA_CONFIG) as Partial<EtaModelConfig>) : {}));
// The fleet's prior, derived from all the drivers' models as the tracker does, every minute
// (ETA_NO_FLEET=1: without it, each driver on its own).
const FLEET_PRIOR_EVERY = MINUTE;
let fleet: { prior: EtaFleetPrior; at: number } | null = null;
const fleetAt = (moment: number): EtaFleetPrior | null => {
  if (process.env.ETA_NO_FLEET) return null;
  if (!fleet || moment - fleet.at >= FLEET_PRIOR_EVERY) fleet = { prior: fleetEtaPrior(models), at: moment };
  return fleet.prior;
};
let now = MIDNIGHT;
for (let day = 0; day < DAYS; day++) {
  const events = simulatedDays.flatMap((days, driver) => {
    const simulated = days[day];
    const eta = models[driver];
    const habits = habitsOf[driver];
    if (!simulated || !eta || !habits) return [];
    const firstStopNumber = (stopsDone[driver] ?? 0) + 1;
    stopsDone[driver] = (stopsDone[driver] ?? 0) + simulated.stops.length;
    return replayEvents(simulated, day, habits, eta, () => fleetAt(now), predictions, scoredStops, firstStopNumber);
  });
  // Time order; at one moment what was heard comes before the predictions (a stable sort keeps each driver's order).
  events.sort((x, y) => x.at - y.at || Number(x.isPrediction) - Number(y.isPrediction));
  for (const event of events) {
    now = event.at;
    event.apply();
  }
}

const share = (items: readonly Prediction[]) => (items.length === 0 ? NaN : items.filter((p) => p.isInWindow).length / items.length);
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

function printErrors(title: string, items: readonly Prediction[]): void {
  const model = items.map((p) => p.errorMinutes);
  const baseline = items.map((p) => p.baselineErrorMinutes);
  console.log(`\n${title}: ${items.length} predictions`);
  console.log(`${"".padEnd(18)}${"median |error| min".padStart(20)}${"p90 |error| min".padStart(18)}`);
  for (const [label, a, b] of [
    ["model", percentile(model, 0.5), percentile(model, 0.9)],
    ["baseline", percentile(baseline, 0.5), percentile(baseline, 0.9)],
  ] as const) {
    console.log(`${label.padEnd(18)}${a.toFixed(2).padStart(20)}${b.toFixed(2).padStart(18)}`);
  }
}

function printBands(title: string, bands: readonly (readonly [string, (p: Prediction) => boolean])[]): void {
  console.log(`\n${title}`);
  console.log(`| band | predictions | inside the window | median width min | max width min | median |error| min |`);
  console.log(`| --- | --- | --- | --- | --- | --- |`);
  for (const [label, isIn] of bands) {
    const items = predictions.filter(isIn);
    const widths = items.map((p) => p.widthMinutes);
    console.log(
      `| ${label} | ${items.length} | ${pct(share(items))} | ${percentile(widths, 0.5).toFixed(0)} | ${Math.max(...widths).toFixed(0)} | ${percentile(items.map((p) => p.errorMinutes), 0.5).toFixed(2)} |`,
    );
  }
}

/** Inside / total of the window the scoreboard takes at a checkpoint, over some arrivals. */
function scoreboardShare(stops: readonly ScoredStop[], checkpoint: ScoreboardCheckpoint): { inside: number; total: number } {
  let inside = 0;
  let total = 0;
  for (const stop of stops) {
    const shown = windowShownAt(stop, checkpoint);
    if (!shown) continue;
    total++;
    if (shown.earliestAt <= stop.actualAt && stop.actualAt <= shown.latestAt) inside++;
  }
  return { inside, total };
}
const fraction = ({ inside, total }: { inside: number; total: number }) => (total === 0 ? "–" : `${pct(inside / total)} (${inside}/${total})`);

function printScoreboard(): void {
  console.log(`\nscoreboard (as dispatch scores the live path): arrivals inside the window shown when the order was 3 stops away, and 10 min before`);
  console.log(`| arrivals | at 3 stops | at 10 min | at 30 min |`);
  console.log(`| --- | --- | --- | --- |`);
  for (const [label, stops] of [
    ["all", scoredStops],
    ["from the driver's 3rd stop on", scoredStops.filter((s) => s.stopNumber >= 3)],
    ["the driver's first day", scoredStops.filter((s) => s.dayIndex === 0)],
  ] as const) {
    console.log(`| ${label} | ${fraction(scoreboardShare(stops, "stops3"))} | ${fraction(scoreboardShare(stops, "minutes10"))} | ${fraction(scoreboardShare(stops, "minutes30"))} |`);
  }
  console.log(`\nlearning: by the driver's stop number (its k-th stop since it started, on the first day for most)`);
  console.log(`| stop | at 3 stops | at 10 min |`);
  console.log(`| --- | --- | --- |`);
  for (let number = 1; number <= 11; number++) {
    const stops = scoredStops.filter((s) => (number === 11 ? s.stopNumber >= 11 : s.stopNumber === number));
    console.log(`| ${number === 11 ? "11+" : number} | ${fraction(scoreboardShare(stops, "stops3"))} | ${fraction(scoreboardShare(stops, "minutes10"))} |`);
  }
}

/** Stated confidence against what happened, by band of the stated figure. */
function printCalibration(): void {
  const bands: [number, number][] = [[0, 0.5], [0.5, 0.7], [0.7, 0.8], [0.8, 0.9], [0.9, 0.95], [0.95, 0.99], [0.99, 1.01]];
  const scoreboardWindows = scoredStops.flatMap((stop) =>
    (["stops3", "minutes10"] as const).flatMap((checkpoint) => {
      const shown = windowShownAt(stop, checkpoint);
      return shown ? [{ confidence: shown.confidence, isInWindow: shown.earliestAt <= stop.actualAt && stop.actualAt <= shown.latestAt }] : [];
    }),
  );
  console.log(`\ncalibration: the model's stated chance of the arrival inside its window against the share that was`);
  console.log(`| stated | every 5 min: predictions | stated (mean) | observed inside | scoreboard windows | stated (mean) | observed inside |`);
  console.log(`| --- | --- | --- | --- | --- | --- | --- |`);
  for (const [low, high] of bands) {
    const row = [predictions, scoreboardWindows].map((items) => {
      const inBand = items.filter((p) => p.confidence >= low && p.confidence < high);
      const stated = inBand.reduce((sum, p) => sum + p.confidence, 0) / inBand.length;
      const observed = inBand.filter((p) => p.isInWindow).length / inBand.length;
      return inBand.length === 0 ? "0 | – | –" : `${inBand.length} | ${pct(stated)} | ${pct(observed)}`;
    });
    console.log(`| ${(low * 100).toFixed(0)}–${Math.min(100, high * 100).toFixed(0)} % | ${row.join(" | ")} |`);
  }
  const all = predictions.reduce((sum, p) => sum + p.confidence, 0) / predictions.length;
  console.log(`overall: stated ${pct(all)}, observed ${pct(share(predictions))}`);
}

console.log(`ETA accuracy, world "${WORLD.name}" (${WORLD.paceKmh.join("–")} km/h, ${WORLD.dwellMinutes.join("–")} min at a door, ${WORLD.stops.join("–")} stops a day${WORLD.hasDisruptions ? ", breaks, jams, silent phones, missed stops" : ""}): ${DRIVER_COUNT} drivers × ${DAYS} days, seed ${SEED}, a prediction per open stop every ${PREDICTION_INTERVAL / MINUTE} min`);
if (process.env.ETA_SUMMARY) {
  const threeStops = predictions.filter((p) => p.stopsAway === 3);
  const tooWideCount = predictions.filter((p) => p.widthMinutes > (p.stopsAway <= 3 ? 20 : 60)).length;
  console.log(`inside the window (every 5 min): ${pct(share(predictions))} of ${predictions.length}; at 3 stops ${pct(share(threeStops))}, median |error| at 3 stops ${percentile(threeStops.map((p) => p.errorMinutes), 0.5).toFixed(2)} min; wider than the limits: ${tooWideCount}`);
  printScoreboard();
  printCalibration();
  console.log(`took ${((performance.now() - startedAt) / 1000).toFixed(1)} s\n`);
  process.exit(0);
}
console.log(`days with a break ${dayCounts.breaks}, a stop missed and done later ${dayCounts.skips}, a traffic jam ${dayCounts.jams}, a phone silent 10 min ${dayCounts.silences} (of ${dayCounts.days})`);
printErrors("all predictions", predictions);
printErrors("arrival within 30 min", predictions.filter((p) => p.horizonMinutes <= 30));
printErrors("3 stops away", predictions.filter((p) => p.stopsAway === 3));
console.log(`\nactual arrival inside the model's window: ${pct(share(predictions))}`);
printBands("calibration by stops away", [
  ["next (0)", (p) => p.stopsAway === 0],
  ["1–3", (p) => p.stopsAway >= 1 && p.stopsAway <= 3],
  ["4–6", (p) => p.stopsAway >= 4 && p.stopsAway <= 6],
  ["7–12", (p) => p.stopsAway >= 7 && p.stopsAway <= 12],
  ["13+", (p) => p.stopsAway >= 13],
]);
printBands("calibration by minutes away (truth)", [
  ["≤ 10", (p) => p.horizonMinutes <= 10],
  ["10–30", (p) => p.horizonMinutes > 10 && p.horizonMinutes <= 30],
  ["30–60", (p) => p.horizonMinutes > 30 && p.horizonMinutes <= 60],
  ["60–120", (p) => p.horizonMinutes > 60 && p.horizonMinutes <= 120],
  ["> 120", (p) => p.horizonMinutes > 120],
]);
printBands("calibration by day of the driver's model (what it had learned)", [
  ["first day (nothing yet)", (p) => p.dayIndex === 0],
  ["second day", (p) => p.dayIndex === 1],
  ["third day", (p) => p.dayIndex === 2],
]);
printBands("calibration by what happened between the prediction and the arrival", [
  ["nothing unusual", (p) => p.touchedBy.length === 0],
  ["a break", (p) => p.touchedBy.includes("break")],
  ["a traffic jam", (p) => p.touchedBy.includes("jam")],
  ["a silent phone", (p) => p.touchedBy.includes("silence")],
  ["the missed stop itself, before it was moved", (p) => p.touchedBy.includes("missed stop")],
]);
/** The most of these errors (estimate − truth) one window of this width can hold, placed where it holds most. */
function bestWindowShare(signedMinutes: readonly number[], widthMinutes: number): number {
  const sorted = [...signedMinutes].sort((a, b) => a - b);
  let best = 0;
  for (let first = 0, last = 0; first < sorted.length; first++) {
    while (last < sorted.length && (sorted[last] ?? 0) - (sorted[first] ?? 0) <= widthMinutes) last++;
    best = Math.max(best, last - first);
  }
  return sorted.length === 0 ? NaN : best / sorted.length;
}
console.log(`\nceiling: the arrival expected by one who knows each driver's habits exactly (pace, dwell, lunch hour and length),`);
console.log(`the traffic curve and the mean detour, and sees a break or jam once begun, but not the day's draws (see oracleArrival).`);
console.log(`Its share: its error inside one window of the width limit per band, placed where it holds most (fitted on these very`);
console.log(`predictions, so an upper bound for any window rule); the model's own share for comparison.`);
console.log(`| band | predictions | ceiling: inside a window of the limit | ceiling: median |error| min | model: inside | model: median |error| min |`);
console.log(`| --- | --- | --- | --- | --- | --- |`);
const ceilingBands: (readonly [string, (p: Prediction) => boolean, number])[] = [
  ["next (0)", (p) => p.stopsAway === 0, 20],
  ["1–3", (p) => p.stopsAway >= 1 && p.stopsAway <= 3, 20],
  ["3", (p) => p.stopsAway === 3, 20],
  ["4–6", (p) => p.stopsAway >= 4 && p.stopsAway <= 6, 60],
  ["7–12", (p) => p.stopsAway >= 7 && p.stopsAway <= 12, 60],
  ["13+", (p) => p.stopsAway >= 13, 60],
];
let ceilingInside = 0;
for (const [label, isIn, width] of ceilingBands) {
  const items = predictions.filter(isIn);
  const inside = bestWindowShare(items.map((p) => p.oracleSignedMinutes), width);
  if (label !== "3") ceilingInside += inside * items.length;
  console.log(
    `| ${label} | ${items.length} | ${pct(inside)} | ${percentile(items.map((p) => Math.abs(p.oracleSignedMinutes)), 0.5).toFixed(2)} | ${pct(share(items))} | ${percentile(items.map((p) => p.errorMinutes), 0.5).toFixed(2)} |`,
  );
}
console.log(`| all | ${predictions.length} | ${pct(ceilingInside / predictions.length)} | ${percentile(predictions.map((p) => Math.abs(p.oracleSignedMinutes)), 0.5).toFixed(2)} | ${pct(share(predictions))} | ${percentile(predictions.map((p) => p.errorMinutes), 0.5).toFixed(2)} |`);

const tooWide = predictions.filter((p) => p.widthMinutes > (p.stopsAway <= 3 ? 20 : 60)).length;
console.log(`\nsigned error (estimate − truth, min) by stops away: p10 / median / p90`);
for (const stopsAway of [0, 1, 2, 3, 5, 8, 12]) {
  const signed = predictions.filter((p) => p.stopsAway === stopsAway).map((p) => p.signedMinutes);
  console.log(`  ${stopsAway}: ${[0.1, 0.5, 0.9].map((q) => percentile(signed, q).toFixed(1)).join(" / ")}`);
}
console.log(`\nwindows wider than the limit (20 min at ≤ 3 stops, 60 min beyond): ${tooWide}`);
printScoreboard();
printCalibration();
console.log(`GPS filter: ${acceptedFixCount} fixes accepted, rejected ${JSON.stringify(Object.fromEntries(rejectedFixes))}`);
if (process.env.ETA_DUMP) (await import("node:fs")).writeFileSync(process.env.ETA_DUMP, JSON.stringify(predictions));
console.log(`drivers who took a break on some day ${simulatedDays.filter((days) => days.some((d) => d.hadBreak)).length} of ${DRIVER_COUNT}; with a break learned at the end ${models.filter((m) => m.usualBreak).length}`);
console.log(`took ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
