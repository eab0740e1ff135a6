/**
 * The simulated delivery world of the ETA bench (bench/eta-accuracy.ts), importable: the world
 * (drivers, their days, what each phone posts and when the server hears of each arrival and
 * finish) and the server's side replayed offline, as the tracker would run it, with every
 * prediction scored. server/pipeline/tracker/eta-replay.test.ts replays the same world through the real
 * pipeline and compares the dispatch scoreboard with `replayWorld`'s.
 *
 * Deterministic: a world and a seed give the same days, posts and figures on every run.
 */
import { bearingDegrees, haversineMeters, moveToward, type LatLng } from "../lib/domain/geo";
import { acceptFixes, createGpsFilterState, fixSpeed, type Fix } from "../lib/domain/gps-filter";
import { windowShownAt, type ScoredPrediction, type ScoreboardCheckpoint } from "../lib/domain/eta-scoreboard";
import {
  createDriverEtaState,
  estimateArrival,
  fleetEtaPrior,
  type EtaFleetPrior,
  observeArrival,
  observeDeparture,
  observeDwell,
  observeFix,
  type DriverEtaState,
  type EtaModelConfig,
} from "../lib/domain/eta";

/**
 * A fleet: what its drivers are like. "city" is the world the model was tuned on (its prior: 2–6
 * min at a door, 20–36 km/h); the others are fleets unlike it, started from nothing on their
 * first day, as a new operator's would be (ETA_WORLD=food|parcels|furniture; ETA_WORLD=all runs
 * every world and prints one summary per world).
 */
export type World = {
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
export const WORLDS: Record<string, World> = {
  city: { name: "city", drivers: 50, days: 3, paceKmh: [20, 36], dwellMinutes: [2, 6], stops: [10, 25], areaMeters: 3000, hasDisruptions: true },
  food: { name: "food", drivers: 30, days: 2, paceKmh: [30, 60], dwellMinutes: [0.5, 2], stops: [8, 15], areaMeters: 2500, hasDisruptions: false },
  parcels: { name: "parcels", drivers: 30, days: 2, paceKmh: [15, 30], dwellMinutes: [0.5, 3], stops: [20, 35], areaMeters: 2000, hasDisruptions: false },
  furniture: { name: "furniture", drivers: 30, days: 2, paceKmh: [25, 50], dwellMinutes: [10, 20], stops: [4, 10], areaMeters: 8000, hasDisruptions: false },
};

export const CITY_CENTER: LatLng = { lat: 52.52, lng: 13.405 };
export const MIDNIGHT = Date.UTC(2025, 5, 11);
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const FIX_INTERVAL = 10 * SECOND;
export const POST_INTERVAL = 30 * SECOND;
export const PREDICTION_INTERVAL = 5 * MINUTE;
export const BASELINE_SPEED = 35 / 3.6;
const METERS_PER_DEGREE_LAT = 111_320;

/** mulberry32: small, fast, good enough for a simulation. */
export function createRandom(seed: number) {
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
export type Random = ReturnType<typeof createRandom>;

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
export function trafficFactor(at: number): number {
  const hour = ((((at - MIDNIGHT) % DAY) + DAY) % DAY) / HOUR;
  const bump = (peak: number, width: number, depth: number) => depth * Math.exp(-(((hour - peak) / width) ** 2));
  return 1 - bump(8.5, 1, 0.35) - bump(12.5, 1, 0.1) - bump(17.5, 1.2, 0.4);
}

export type Stop = {
  position: LatLng;
  arrivedAt: number;
  finishedAt: number;
  /** When the server heard of the arrival and of the finish (later while the phone is silent). */
  arrivalKnownAt: number;
  finishKnownAt: number;
};
export type Post = { sentAt: number; fixes: Fix[] };
export type DriverDay = {
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
export type Disruption = "break" | "jam" | "silence";

/** What stays the same about a driver from day to day. */
export type DriverHabits = {
  depot: LatLng;
  pace: number;
  dwellMedian: number;
  sendsSpeed: boolean;
  startHour: number;
  /** Lunch: the first stop finished after this hour is followed by a break of about this long. */
  breakHour: number;
  breakMinutes: number;
  /** Whether this world's drivers take a lunch break at all (the ceiling adds none where nobody does). */
  takesBreaks: boolean;
};

export function driverHabits(random: Random, world: World): DriverHabits {
  return {
    depot: randomPointWithin(random, CITY_CENTER, 8000),
    pace: random.between(...world.paceKmh) / 3.6,
    dwellMedian: random.between(...world.dwellMinutes) * MINUTE,
    sendsSpeed: random.next() < 0.5,
    startHour: random.between(7.5, 10.5),
    breakHour: random.between(11.5, 13),
    breakMinutes: random.between(20, 35),
    takesBreaks: world.hasDisruptions,
  };
}

export function simulateDriverDay(random: Random, world: World, habits: DriverHabits, midnight: number): DriverDay {
  const { depot, pace, dwellMedian, sendsSpeed } = habits;
  const areaCenter = randomPointWithin(random, CITY_CENTER, 8000);
  const positions = Array.from({ length: random.int(...world.stops) }, () => randomPointWithin(random, areaCenter, world.areaMeters));
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
  const isSkipDay = random.next() < 0.3 && world.hasDisruptions && planned.length >= 4;
  const skippedIndex = isSkipDay ? random.int(1, planned.length - 3) : null;
  const isJamDay = random.next() < 0.5 && world.hasDisruptions;
  const jamAt = isJamDay ? startAt + random.between(0.3, 2.5) * HOUR : null;
  const jamLength = random.between(20, 40) * MINUTE;
  const isSilentDay = random.next() < 0.5 && world.hasDisruptions;
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
    if (world.hasDisruptions && !hadBreak && now >= breakAt && visit < visits.length - 1) {
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
export type Prediction = {
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

/** The route as the server knows it at `moment`: planned order, a skipped stop moved to the end. */
export function knownRoute(day: DriverDay, moment: number): number[] {
  const order = day.stops.map((_, index) => index);
  if (day.skip && day.skip.at <= moment) {
    order.splice(order.indexOf(day.skip.stopIndex), 1);
    order.push(day.skip.stopIndex);
  }
  return order;
}

/** Something the server hears or does at a moment of the replay. */
export type ReplayEvent = { at: number; isPrediction: boolean; apply: () => void };

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
export function oracleArrival(moment: number, habits: DriverHabits, day: DriverDay, midnight: number, points: readonly LatLng[], atDoorSince: number | null): number {
  const dwellMean = habits.dwellMedian * Math.exp(0.125);
  const breakTaken = day.disruptions.find((d) => d.kind === "break" && d.from <= moment);
  const jam = day.disruptions.find((d) => d.kind === "jam" && d.from <= moment && d.to > moment);
  const jamEnd = jam ? Math.max(jam.from + 30 * MINUTE, moment + 5 * MINUTE) : 0;
  let clock = moment;
  if (breakTaken && breakTaken.to > moment) clock += Math.max(0, breakTaken.from + habits.breakMinutes * MINUTE - moment);
  let isBreakTaken = breakTaken !== undefined || !habits.takesBreaks;
  for (let index = 1; index < points.length; index++) {
    const from = points[index - 1];
    const to = points[index];
    if (!from || !to) continue;
    // Red lights stop a sixth of the time (a 20–80 s red after 250 s on average).
    for (let meters = haversineMeters(from, to) * 1.375; meters > 0;) {
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
export type ScoredStop = {
  stopNumber: number;
  dayIndex: number;
  actualAt: number;
  /** `oracleAt`: the ceiling's arrival at that moment (see oracleArrival), for windows made 3 or more stops away. */
  predictions: (ScoredPrediction & { confidence: number; oracleAt?: number })[];
};

function replayEvents(day: DriverDay, dayIndex: number, habits: DriverHabits, eta: DriverEtaState, fleet: () => EtaFleetPrior | null, out: OfflineReplay, firstStopNumber: number): ReplayEvent[] {
  const { predictions, scoredStops: scored } = out;
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
      // The ceiling for the scoreboard's 3-stop window: what one knowing the driver's habits would have said then.
      const oracleAt = routeIndex >= 3 ? oracleArrival(moment, habits, day, MIDNIGHT + dayIndex * DAY, [driverPosition, ...stopsBefore, stop.position], atDoorSince) : undefined;
      scoredByStop
        .get(stopIndex)
        ?.predictions.push({ predictedAt: moment, earliestAt: estimate.earliest, latestAt: estimate.latest, stopsAway: routeIndex, confidence: estimate.confidence, oracleAt });
    });
  };
  const heard: ReplayEvent[] = [];
  let isDeparted = false;
  for (const event of heardEvents(day)) {
    if (event.kind === "post") {
      const { post } = event;
      heard.push({
        at: post.sentAt,
        isPrediction: false,
        apply: () => {
          let previous = filter.lastAccepted;
          const { accepted, rejected } = acceptFixes(filter, post.fixes, post.sentAt);
          out.acceptedFixCount += accepted.length;
          for (const { reason } of rejected) out.rejectedFixes.set(reason, (out.rejectedFixes.get(reason) ?? 0) + 1);
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
    } else if (event.kind === "arrival") {
      const { stop } = event;
      heard.push({
        at: stop.arrivalKnownAt,
        isPrediction: false,
        apply: () => {
          observeArrival(eta, stop.position);
          recordViews(stop.arrivalKnownAt);
        },
      });
    } else {
      const { stop } = event;
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

/** What the server hears of a driver's day, as data: posts of fixes, arrivals, finishes (a skipped stop's move is not here: see `knownRoute`). */
export type HeardEvent = { at: number; kind: "post"; post: Post } | { at: number; kind: "arrival"; stop: Stop } | { at: number; kind: "finish"; stop: Stop };

/**
 * What the server hears of a driver's day, in the order the bench applies it at one moment
 * (a stable sort by `at` keeps it): every post, then each stop's arrival and finish.
 */
export function heardEvents(day: DriverDay): HeardEvent[] {
  const heard: HeardEvent[] = day.posts.map((post) => ({ at: post.sentAt, kind: "post", post }));
  for (const stop of day.stops) {
    heard.push({ at: stop.arrivalKnownAt, kind: "arrival", stop });
    heard.push({ at: stop.finishKnownAt, kind: "finish", stop });
  }
  return heard;
}

/** A simulated world: each driver's habits and days (`simulatedDays[driver][day]`). */
export type SimulatedWorld = {
  world: World;
  habitsOf: DriverHabits[];
  simulatedDays: DriverDay[][];
  dayCounts: { days: number; breaks: number; skips: number; jams: number; silences: number };
};

/** Simulates `world` from `seed`: the world first, in the same order of random draws as always. */
export function simulateWorld(world: World, seed: number): SimulatedWorld {
  const random = createRandom(seed);
  const dayCounts = { days: 0, breaks: 0, skips: 0, jams: 0, silences: 0 };
  const simulatedDays: DriverDay[][] = [];
  const habitsOf: DriverHabits[] = [];
  for (let driver = 0; driver < world.drivers; driver++) {
    const habits = driverHabits(random, world);
    habitsOf.push(habits);
    const days: DriverDay[] = [];
    for (let day = 0; day < world.days; day++) {
      const simulated = simulateDriverDay(random, world, habits, MIDNIGHT + day * DAY);
      dayCounts.days++;
      if (simulated.hadBreak) dayCounts.breaks++;
      if (simulated.skip) dayCounts.skips++;
      if (simulated.hadJam) dayCounts.jams++;
      if (simulated.hadSilence) dayCounts.silences++;
      days.push(simulated);
    }
    simulatedDays.push(days);
  }
  return { world, habitsOf, simulatedDays, dayCounts };
}

/** The server's side of a world, replayed offline: every 5-minute prediction, every arrival as the scoreboard scores it. */
export type OfflineReplay = {
  predictions: Prediction[];
  scoredStops: ScoredStop[];
  /** Each driver's model at the end. */
  models: DriverEtaState[];
  acceptedFixCount: number;
  /** Fixes the GPS filter turned away, by reason. */
  rejectedFixes: Map<string, number>;
};

/**
 * Replays a simulated world as the tracker would: one model per driver, kept from day to day;
 * the fleet's prior derived from all the drivers' models every minute (`noFleet`: without it,
 * each driver on its own); all drivers of a day together, in the order the server hears things.
 */
export function replayWorld(simulated: SimulatedWorld, options: { config?: Partial<EtaModelConfig>; noFleet?: boolean } = {}): OfflineReplay {
  const { simulatedDays, habitsOf } = simulated;
  const models = simulatedDays.map(() => createDriverEtaState(options.config ?? {}));
  const out: OfflineReplay = { predictions: [], scoredStops: [], models, acceptedFixCount: 0, rejectedFixes: new Map() };
  /** Stops each driver has reached on the days replayed so far. */
  const stopsDone = simulatedDays.map(() => 0);
  const FLEET_PRIOR_EVERY = MINUTE;
  let fleet: { prior: EtaFleetPrior; at: number } | null = null;
  const fleetAt = (moment: number): EtaFleetPrior | null => {
    if (options.noFleet) return null;
    if (!fleet || moment - fleet.at >= FLEET_PRIOR_EVERY) fleet = { prior: fleetEtaPrior(models), at: moment };
    return fleet.prior;
  };
  let now = MIDNIGHT;
  for (let day = 0; day < simulated.world.days; day++) {
    const events = simulatedDays.flatMap((days, driver) => {
      const simulatedDay = days[day];
      const eta = models[driver];
      const habits = habitsOf[driver];
      if (!simulatedDay || !eta || !habits) return [];
      const firstStopNumber = (stopsDone[driver] ?? 0) + 1;
      stopsDone[driver] = (stopsDone[driver] ?? 0) + simulatedDay.stops.length;
      return replayEvents(simulatedDay, day, habits, eta, () => fleetAt(now), out, firstStopNumber);
    });
    // Time order; at one moment what was heard comes before the predictions (a stable sort keeps each driver's order).
    events.sort((x, y) => x.at - y.at || Number(x.isPrediction) - Number(y.isPrediction));
    for (const event of events) {
      now = event.at;
      event.apply();
    }
  }
  return out;
}

/** Inside / total of the window the scoreboard takes at a checkpoint, over some arrivals. */
export function scoreboardShare(stops: readonly ScoredStop[], checkpoint: ScoreboardCheckpoint): { inside: number; total: number } {
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
