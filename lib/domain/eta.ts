/**
 * The ETA model: when will the driver reach this order's door, and how sure is that?
 *
 *   remaining time = road distance still to drive / the speed expected on the way
 *                  + a dwell for every unfinished stop before this one
 *                  + the driver's usual break, when it falls before the arrival
 *
 * Everything is learned per driver from the tracker's stream and kept from day to day:
 * - Detour factor (road / straight line): from each leg driven between stops (the path the fixes
 *   trace over the straight line from where the driver left to the door), an average pulled
 *   toward 1.3 while there are few legs, with its spread.
 * - Speed: an exponential moving average of the speeds seen in moving fixes, weighted by the time
 *   each covers (stops at lights included), plus an hour-of-day profile (the mean speed of all
 *   driving in that hour, fading over days): an arrival in an hour that is usually slower (the
 *   evening rush) is planned slower. A jam slows today, not the usual: the profile skips it.
 * - Dwell: this driver's time at a door (arrived → delivered/failed), mean and spread of the last
 *   50 (a day's worth: at 15 stops ahead, the mean's own noise is minutes of ETA).
 * - Break: 10 min or more within 100 m, away from any door, is a break; its usual hour and
 *   length are learned, and until today's is taken, arrivals after that hour include it.
 *
 * The window is the estimate ± the model's uncertainty: the spread of the dwells and legs still
 * ahead, a common error on the whole drive (traffic changes), the age of the last fix (a silent
 * phone: the driver may have moved or not), a break that may or may not come first. It leans
 * late (delays outgrow gains) and is held to what a customer can use: 20 min wide at 3 stops or
 * fewer, 60 min beyond.
 *
 * State is a plain, JSON-serialisable object; the observe* functions update it in place and
 * `estimateArrival` only reads it. Keep one per driver. Feed speeds only while the driver
 * travels, not while one of the route's orders is "arrived": time at a door is dwell.
 */
import { haversineMeters, type LatLng } from "./geo";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const kmhToMps = (kmh: number): number => kmh / 3.6;

export type EtaModelConfig = {
  /** Road distance / straight-line distance before any leg is learned. */
  detourFactor: number;
  /** The prior detour counts as this many legs. */
  detourPriorWeight: number;
  defaultSpeedMetersPerSecond: number;
  minSpeedMetersPerSecond: number;
  maxSpeedMetersPerSecond: number;
  /** How fast older speeds fade: after this much driving they weigh 1/e. */
  speedTimeConstantMs: number;
  defaultDwellMs: number;
  /**
   * How far a fleet's usual dwell may be from `defaultDwellMs`, as a factor's logarithm (1: e
   * times either way): a pizza fleet's 30 s and a furniture fleet's 20 min are both plausible,
   * so the prior gives way to a driver's first dwells (at 1, the first counts four times the prior).
   */
  dwellPriorLogSpread: number;
  /** How much one driver's dwells vary around their usual, as a logarithm, before it is learned. */
  dwellLogSpread: number;
  /** A longer "dwell" (a break, a forgotten tap) is counted as this long. */
  maxDwellMs: number;
  dwellObservationsKept: number;
  /** Still this long away from a door: a break. */
  breakAfterStillMs: number;
  /** Fixes within this radius of each other are standing still (GPS noise fakes a walking pace). */
  stillRadiusMeters: number;
  /** Slower than this adds nothing to a leg's driven path. */
  stillBelowMetersPerSecond: number;
  /** Relative spread of one leg's driving time (lights, a slow street) and of the whole drive (traffic). */
  legSpread: number;
  commonSpread: number;
  /** The window reaches this far either side of the estimate, at least. */
  minWindowMarginMs: number;
  /** Standard deviations covered each side: the late side more, errors lean late. */
  earlySigmas: number;
  lateSigmas: number;
  /** Widest windows: near (at most `nearStops` stops before) and far. */
  nearStops: number;
  maxNearWindowMs: number;
  maxFarWindowMs: number;
  /** The best guess is the median of the time left (see `medianRemainingMs`), else its mean. */
  guessAtMedian: boolean;
  /**
   * A window cut by the width limit is placed where it holds the most of the (log-normal) time
   * left (`mostMassStartMs`), not narrowed around the mean.
   */
  capAtMostMass: boolean;
};

export const DEFAULT_ETA_MODEL_CONFIG: Readonly<EtaModelConfig> = {
  detourFactor: 1.3,
  detourPriorWeight: 1,
  defaultSpeedMetersPerSecond: kmhToMps(25),
  minSpeedMetersPerSecond: kmhToMps(8),
  maxSpeedMetersPerSecond: kmhToMps(80),
  speedTimeConstantMs: 10 * MINUTE_MS,
  defaultDwellMs: 4 * MINUTE_MS,
  dwellPriorLogSpread: 1,
  dwellLogSpread: 0.6,
  maxDwellMs: 30 * MINUTE_MS,
  dwellObservationsKept: 50,
  breakAfterStillMs: 10 * MINUTE_MS,
  stillRadiusMeters: 100,
  stillBelowMetersPerSecond: 1,
  legSpread: 0.3,
  commonSpread: 0.2,
  minWindowMarginMs: 2 * MINUTE_MS,
  earlySigmas: 3,
  lateSigmas: 4,
  nearStops: 3,
  maxNearWindowMs: 20 * MINUTE_MS,
  maxFarWindowMs: 60 * MINUTE_MS,
  guessAtMedian: true,
  capAtMostMass: true,
};

/** How much driving the very first speed observation stands for (a typical fix interval). */
const FIRST_SPEED_OBSERVATION_MS = 10_000;
/** Legs kept for the detour's average and spread. */
const LEGS_KEPT = 30;
/** An hour's profile entry is trusted after this much driving in it. */
const PROFILE_TRUSTED_MS = 20 * MINUTE_MS;
/** How fast an hour's usual speed forgets: older driving in that hour weighs 1/e after this much more. */
const PROFILE_TIME_CONSTANT_MS = HOUR_MS;
/** A fleet figure needs this many drivers behind it. */
const FLEET_MIN_DRIVERS = 3;
/** A driver's dwells and legs count toward the fleet's once there are this many (its first stops). */
const FLEET_MIN_OBSERVATIONS = 2;
/** A driver's pace counts toward the fleet's after this much driving. */
const FLEET_MIN_DRIVING_MS = 5 * MINUTE_MS;
/**
 * The prior speed counts as this much driving: a new driver's pace is the mean of what was driven
 * until there is more than the time constant of it (a fleet at 43 km/h is learned in its first
 * minutes, not after an hour of dragging toward 25).
 */
const SPEED_PRIOR_MS = MINUTE_MS;
/** The last few minutes' speed, to tell a jam from the hour's usual traffic (a red light barely moves it). */
const RECENT_SPEED_TIME_CONSTANT_MS = 3 * MINUTE_MS;
/** Slower than this share of the last hour's speed, for minutes: a jam (a red light's minute leaves ~0.7). */
const JAM_SPEED_RATIO = 0.5;
/** Back above this share of it: the jam has cleared. */
const JAM_CLEARED_RATIO = 0.8;
/** Shortest dwell counted (for its logarithm): "arrived" and "delivered" tapped together. */
const MIN_DWELL_MS = 5_000;
/** The prior spread of one driver's dwells counts as this many dwells. */
const DWELL_SPREAD_PRIOR_WEIGHT = 3;
/** How much a break's start varies before a second one is seen. */
const DEFAULT_BREAK_START_SPREAD_MS = 15 * MINUTE_MS;

export type DriverEtaState = {
  config: EtaModelConfig;
  /** Smoothed speed, unclamped; read it through `estimatedSpeed`. */
  smoothedSpeedMetersPerSecond: number;
  /** Driving behind the smoothed speed (absent in states saved before it: long learned). */
  speedObservedMs?: number;
  /**
   * The same over the last hour or so of driving, and the driving behind it (absent in states
   * saved before it): what the speed goes back to after a jam when no hour's usual speed is known.
   */
  slowSpeed?: { metersPerSecond: number; observedMs: number };
  lastSpeedObservedAt: number | null;
  /** The last few minutes' moving speed (absent in states saved before it). */
  recentSpeedMetersPerSecond?: number;
  /** In a jam now: far slower than the last hour for minutes, and not yet back to it. */
  isInJam?: boolean;
  /** Most recent last. */
  dwellObservationsMs: number[];
  /** Per UTC hour of day: smoothed moving speed and the driving time behind it (0: none yet). */
  speedByHour: { metersPerSecond: number; observedMs: number }[];
  /** Road / straight of the last legs, most recent last. */
  detourObservations: number[];
  /** The leg being driven: where it started and the path driven since. */
  leg: { from: LatLng; drivenMeters: number } | null;
  lastPosition: (LatLng & { at: number }) | null;
  /** Where and since when the driver stays within `stillRadiusMeters` away from a door (null: at a door). */
  stillAnchor: (LatLng & { since: number }) | null;
  /**
   * The usual break: UTC hour it starts, its length, how much its start varies from day to day
   * (absent in states saved before it was learned); null until one is seen.
   */
  usualBreak: UsualBreak | null;
  /** UTC day (ms epoch / day) of the last break seen. */
  lastBreakDay: number | null;
  /** When the driver left the last two doors, oldest first (absent in states saved before it). */
  departures?: number[];
};

export type UsualBreak = { startHour: number; durationMs: number; startSpreadMs?: number };

/**
 * What the fleet has learned, for a driver who has not learned it yet (a first day): the mean of
 * the drivers who have. Derived from the drivers' states (`fleetEtaPrior`), never stored.
 */
export type EtaFleetPrior = {
  /**
   * One dwell across the fleet: its mean and spread (between-driver differences included), and as
   * logarithms (dwells are skewed): the drivers' mean usual, how far drivers are from it, how
   * much one driver's dwells vary.
   */
  dwell: { meanMs: number; spreadMs: number; logMean: number; logSpread: number; logWithin: number } | null;
  detour: number | null;
  /** The fleet's mean pace (m/s), for a driver who has driven little yet. */
  speed?: number | null;
  /** How long the fleet's breaks last: for a driver seen on a first break, or who may take one. */
  breakDurationMs: number | null;
  /** When the fleet's breaks start, how much that varies, and the share of its drivers who took one. */
  breakStart: { startHour: number; startSpreadMs: number; share: number } | null;
  /** Per UTC hour: the fleet's mean usual speed, null where fewer than `FLEET_MIN_DRIVERS` know the hour. */
  speedByHour: (number | null)[];
};

export type EtaEstimate = {
  /** ms epoch, rounded to the minute */
  at: number;
  /** ms epoch, window start: never before now's minute */
  earliest: number;
  /** ms epoch, window end */
  latest: number;
  /**
   * How sure the model is that the arrival falls inside the window (0–1): the share of its
   * distribution of the arrival that the window holds, as rounded and capped. 0.9 means "9 in 10
   * arrivals like this one fall inside"; the bench checks that against what happens.
   */
  confidence: number;
};

export function createDriverEtaState(config: Partial<EtaModelConfig> = {}): DriverEtaState {
  const merged = { ...DEFAULT_ETA_MODEL_CONFIG, ...config };
  return {
    config: merged,
    smoothedSpeedMetersPerSecond: merged.defaultSpeedMetersPerSecond,
    speedObservedMs: 0,
    slowSpeed: { metersPerSecond: merged.defaultSpeedMetersPerSecond, observedMs: 0 },
    lastSpeedObservedAt: null,
    dwellObservationsMs: [],
    speedByHour: Array.from({ length: 24 }, () => ({ metersPerSecond: merged.defaultSpeedMetersPerSecond, observedMs: 0 })),
    detourObservations: [],
    leg: null,
    lastPosition: null,
    stillAnchor: null,
    usualBreak: null,
    lastBreakDay: null,
    departures: [],
  };
}

/**
 * A state saved by an older version (a checkpoint), completed with what it lacks. The settings are
 * today's (`config` over the defaults), not the checkpoint's: they are code, not something learned,
 * and a retuned window must reach drivers restored from a checkpoint too.
 */
export function upgradeDriverEtaState(saved: Partial<DriverEtaState>, config: Partial<EtaModelConfig> = {}): DriverEtaState {
  const fresh = createDriverEtaState(config);
  // A state saved before its driving was counted has driven long since: not a new driver's.
  return { ...fresh, speedObservedMs: undefined, ...saved, config: fresh.config };
}

const hourOf = (atMs: number): number => Math.floor((((atMs % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);

/**
 * Blends in a speed seen at `atMs`, standing for `coveredMs` of driving (default: the time since
 * the last observation). Observations not newer than the last one are ignored.
 */
export function observeSpeed(state: DriverEtaState, metersPerSecond: number, atMs: number, coveredMs?: number): void {
  if (!Number.isFinite(metersPerSecond) || metersPerSecond < 0 || !Number.isFinite(atMs)) return;
  const { config } = state;
  const last = state.lastSpeedObservedAt;
  if (last !== null && atMs <= last) return;
  // A long gap (phone offline) must not let one observation wipe out the history entirely.
  const covered = Math.min(coveredMs ?? (last === null ? FIRST_SPEED_OBSERVATION_MS : atMs - last), config.speedTimeConstantMs);
  // A mean of all the driving while there is little of it (the prior counting as SPEED_PRIOR_MS),
  // then fading: a prior far from this fleet's pace is left within minutes.
  const driven = state.speedObservedMs ?? Number.POSITIVE_INFINITY;
  const weight = Math.max(covered / (driven + SPEED_PRIOR_MS + covered), 1 - Math.exp(-covered / config.speedTimeConstantMs));
  const observed = Math.min(metersPerSecond, config.maxSpeedMetersPerSecond);
  state.smoothedSpeedMetersPerSecond += weight * (observed - state.smoothedSpeedMetersPerSecond);
  if (state.speedObservedMs !== undefined) state.speedObservedMs += covered;
  state.lastSpeedObservedAt = atMs;
  const slow = (state.slowSpeed ??= { metersPerSecond: config.defaultSpeedMetersPerSecond, observedMs: 0 });
  const recent = (state.recentSpeedMetersPerSecond = recentSpeed(state, observed, covered));
  if (slow.observedMs >= PROFILE_TRUSTED_MS) {
    // A jam is today's, not the hour's: the usual speeds (tomorrow at this hour, the legs after it
    // has cleared, the fleet's) do not learn from it. Learning from it had planned the rest of a
    // day with a jam some 4 min late at 3 stops, against 2 on days without one.
    if (state.isInJam || recent < JAM_SPEED_RATIO * slow.metersPerSecond) {
      state.isInJam = recent < JAM_CLEARED_RATIO * slow.metersPerSecond;
      // Cleared: the road is as usual again, not a 10-min mean still half in the jam.
      if (!state.isInJam) state.smoothedSpeedMetersPerSecond = Math.max(state.smoothedSpeedMetersPerSecond, slow.metersPerSecond);
      return;
    }
  }
  // Like the hour's mean: all the driving while there is less than an hour of it, then fading.
  slow.metersPerSecond += Math.max(covered / (slow.observedMs + covered), 1 - Math.exp(-covered / PROFILE_TIME_CONSTANT_MS)) * (observed - slow.metersPerSecond);
  slow.observedMs += covered;
  const hour = state.speedByHour[hourOf(atMs)];
  if (hour) {
    // The hour's usual speed: a mean over all its driving (one red light must not set it), fading
    // slowly once there is more than an hour of it (roads change over weeks, not minutes).
    const hourWeight = Math.max(covered / (hour.observedMs + covered), 1 - Math.exp(-covered / PROFILE_TIME_CONSTANT_MS));
    hour.metersPerSecond += hourWeight * (observed - hour.metersPerSecond);
    hour.observedMs += covered;
  }
}

/** The last few minutes' moving speed, with `observed` standing for `coveredMs` of driving. */
function recentSpeed(state: DriverEtaState, observed: number, coveredMs: number): number {
  const recent = state.recentSpeedMetersPerSecond ?? observed;
  return recent + (1 - Math.exp(-coveredMs / RECENT_SPEED_TIME_CONSTANT_MS)) * (observed - recent);
}

/**
 * One accepted fix of the driver, with the fix before it and the speed between them. Learns the
 * speed (unless dwelling, or parked), the leg's driven path, and breaks (a long still spell).
 */
export function observeFix(state: DriverEtaState, fix: LatLng & { at: number }, speed: number | null, isDwelling: boolean): void {
  const { config } = state;
  const previous = state.lastPosition;
  if (previous && fix.at <= previous.at) return;
  state.lastPosition = { lat: fix.lat, lng: fix.lng, at: fix.at };
  if (isDwelling) {
    state.stillAnchor = null;
    return;
  }
  const anchor = state.stillAnchor;
  if (!anchor || haversineMeters(anchor, fix) > config.stillRadiusMeters) {
    if (anchor && previous) {
      const stillMs = previous.at - anchor.since;
      // Longer than a few hours is a night or a phone left off, not a break.
      if (stillMs >= config.breakAfterStillMs && stillMs <= 3 * HOUR_MS) observeBreak(state, anchor.since, stillMs);
    }
    state.stillAnchor = { lat: fix.lat, lng: fix.lng, since: fix.at };
  }
  const stillForMs = fix.at - (state.stillAnchor?.since ?? fix.at);
  if (speed === null) return;
  // Standing still, GPS noise would add up to kilometres of "driving".
  if (previous && state.leg && speed >= config.stillBelowMetersPerSecond && stillForMs < MINUTE_MS) {
    state.leg.drivenMeters += haversineMeters(previous, fix);
  }
  // Parked is not traffic: only the first minute of standing (a red light) counts as speed. Three
  // minutes had counted the start of every break and of every wait after a door as traffic,
  // dragging the next legs' speed down (seed 20250611: 85.1 → 85.8 % inside; seed 7: 83.8 → 84.6 %).
  if (stillForMs > MINUTE_MS) return;
  // A fix stands for the time since the fix before it, at most a minute: the first fix after a
  // stop or a silence speaks for its own moment, not for the minutes before (a stop's last still
  // fixes may come in after its "delivered", and would weigh the whole dwell).
  observeSpeed(state, speed, fix.at, previous ? Math.min(fix.at - previous.at, MINUTE_MS) : undefined);
}

function observeBreak(state: DriverEtaState, stillSince: number, durationMs: number): void {
  // A break is taken when a door is done: its hour came after the door before was left and by
  // the time this one was. Its start is the middle of that span (the still spell's start is late).
  const [previous, last] = state.departures ?? [];
  const isAfterADoor = previous !== undefined && last !== undefined && stillSince - last <= 5 * MINUTE_MS && last - previous <= HOUR_MS;
  const startedAt = isAfterADoor ? (previous + last) / 2 : stillSince;
  const startHour = (((startedAt % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
  const seen = state.usualBreak;
  if (seen) {
    // The spread of the start: a smoothed root mean square of how far each start was from the usual.
    const offMs = (startHour - seen.startHour) * HOUR_MS;
    const spreadMs = seen.startSpreadMs ?? DEFAULT_BREAK_START_SPREAD_MS;
    state.usualBreak = {
      startHour: seen.startHour + 0.5 * (startHour - seen.startHour),
      durationMs: seen.durationMs + 0.5 * (durationMs - seen.durationMs),
      startSpreadMs: Math.sqrt(spreadMs ** 2 + 0.5 * (offMs ** 2 - spreadMs ** 2)),
    };
  } else {
    state.usualBreak = { startHour, durationMs };
  }
  state.lastBreakDay = Math.floor(startedAt / DAY_MS);
}

/** The driver left a door (at `at`, when known) or set off: a new leg starts here. */
export function observeDeparture(state: DriverEtaState, from: LatLng, at?: number): void {
  state.leg = { from: { lat: from.lat, lng: from.lng }, drivenMeters: 0 };
  state.stillAnchor = null;
  if (at !== undefined && Number.isFinite(at)) state.departures = [...(state.departures ?? []), at].slice(-2);
}

/** The driver reached a door: the leg's road / straight ratio is learned. */
export function observeArrival(state: DriverEtaState, door: LatLng): void {
  const leg = state.leg;
  state.leg = null;
  if (!leg) return;
  const straight = haversineMeters(leg.from, door);
  // Short hops say more about GPS noise than about roads.
  if (straight < 300 || leg.drivenMeters <= 0) return;
  const detour = Math.min(3, Math.max(1, leg.drivenMeters / straight));
  state.detourObservations.push(detour);
  if (state.detourObservations.length > LEGS_KEPT) state.detourObservations.shift();
}

/** Records how long the driver spent at one stop. */
export function observeDwell(state: DriverEtaState, durationMs: number): void {
  if (!Number.isFinite(durationMs) || durationMs < 0) return;
  state.dwellObservationsMs.push(Math.min(durationMs, state.config.maxDwellMs));
  if (state.dwellObservationsMs.length > state.config.dwellObservationsKept) state.dwellObservationsMs.shift();
}

/**
 * The speed the model drives at now, m/s. A driver who has driven little starts from the fleet's
 * pace instead of the default one: the prior's share of the smoothed mean is moved to the fleet's.
 */
export function estimatedSpeed(state: DriverEtaState, fleet: EtaFleetPrior | null = null): number {
  const { minSpeedMetersPerSecond, maxSpeedMetersPerSecond, defaultSpeedMetersPerSecond } = state.config;
  const driven = state.speedObservedMs ?? Number.POSITIVE_INFINITY;
  const fleetSpeed = fleet?.speed ?? null;
  const priorShare = fleetSpeed !== null && Number.isFinite(driven) ? SPEED_PRIOR_MS / (SPEED_PRIOR_MS + driven) : 0;
  const speed = state.smoothedSpeedMetersPerSecond + priorShare * ((fleetSpeed ?? 0) - defaultSpeedMetersPerSecond);
  return Math.min(maxSpeedMetersPerSecond, Math.max(minSpeedMetersPerSecond, speed));
}

/**
 * The speed expected on a leg starting at `atMs`: now's speed for the next minutes (a jam, a
 * fast road), fading into what that hour of the day usually brings for this driver.
 */
function speedAt(state: DriverEtaState, nowMs: number, atMs: number, fleet: EtaFleetPrior | null): number {
  const current = estimatedSpeed(state, fleet);
  const usualSpeed = usualSpeedAt(state, nowMs, atMs, fleet);
  if (usualSpeed === null) return current;
  const { minSpeedMetersPerSecond, maxSpeedMetersPerSecond } = state.config;
  const clamped = Math.min(maxSpeedMetersPerSecond, Math.max(minSpeedMetersPerSecond, usualSpeed));
  const currentWeight = Math.exp(-Math.max(0, atMs - nowMs) / (20 * MINUTE_MS));
  return currentWeight * current + (1 - currentWeight) * clamped;
}

/**
 * What the hour of `atMs` usually brings for this driver: its own profile once that hour is
 * known; else this driver's pace carried to that hour by the fleet's profile (the fleet's speed
 * then over the fleet's speed in an hour this driver knows, or now); null when neither knows.
 */
function usualSpeedAt(state: DriverEtaState, nowMs: number, atMs: number, fleet: EtaFleetPrior | null): number | null {
  const hour = hourOf(atMs);
  const own = state.speedByHour[hour];
  if (own && own.observedMs >= PROFILE_TRUSTED_MS) return own.metersPerSecond;
  const fleetThen = fleet?.speedByHour[hour] ?? null;
  // The last hour's mean: a jam under way fades into it, not into itself.
  const slow = state.slowSpeed && state.slowSpeed.observedMs >= PROFILE_TRUSTED_MS ? state.slowSpeed.metersPerSecond : null;
  if (!fleet || fleetThen === null) return slow;
  // The driver's best-known hour that the fleet knows too.
  let reference: { metersPerSecond: number; fleet: number; observedMs: number } | null = null;
  state.speedByHour.forEach((entry, index) => {
    const fleetSpeed = fleet.speedByHour[index] ?? null;
    if (fleetSpeed !== null && entry.observedMs >= PROFILE_TRUSTED_MS && entry.observedMs > (reference?.observedMs ?? 0)) {
      reference = { metersPerSecond: entry.metersPerSecond, fleet: fleetSpeed, observedMs: entry.observedMs };
    }
  });
  const known = reference as { metersPerSecond: number; fleet: number } | null;
  if (known) return (known.metersPerSecond * fleetThen) / known.fleet;
  const fleetNow = fleet.speedByHour[hourOf(nowMs)] ?? null;
  if (fleetNow === null) return slow;
  if (slow !== null) return (slow * fleetThen) / fleetNow;
  return state.lastSpeedObservedAt === null ? null : (estimatedSpeed(state, fleet) * fleetThen) / fleetNow;
}

/** Mean and variance of a prior blended with observations (the prior counts `weight` times). */
function blended(prior: number, priorSpread: number, weight: number, observations: readonly number[]): { mean: number; variance: number } {
  const count = weight + observations.length;
  const mean = (prior * weight + observations.reduce((sum, value) => sum + value, 0)) / count;
  const squares = priorSpread ** 2 * weight + observations.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  return { mean, variance: squares / count };
}

/** The time the model expects at each stop, ms. */
export function estimatedDwellMs(state: DriverEtaState, fleet: EtaFleetPrior | null = null): number {
  return dwellModel(state, fleet).mean;
}

/**
 * One dwell ahead: its mean, its own variance, and the variance shared by every dwell ahead (how
 * unsure the driver's usual dwell still is: 15 stops ahead, it adds up 15 times, not √15).
 *
 * Dwells are log-normal: the usual one (a log mean) is learned as a normal mean would be, the
 * prior (the fleet's, or the default) counting for (spread within a driver / spread between
 * fleets)² dwells, a quarter of one by default. A first dwell of 8 s moves a 4-min prior most of
 * the way at once, where an average weighted by counts had needed a dozen stops.
 */
function dwellModel(state: DriverEtaState, fleet: EtaFleetPrior | null = null): { mean: number; variance: number; sharedVariance: number } {
  const { defaultDwellMs, dwellPriorLogSpread, dwellLogSpread } = state.config;
  const prior = fleet?.dwell
    ? { logMean: fleet.dwell.logMean, logSpread: fleet.dwell.logSpread, logWithin: fleet.dwell.logWithin }
    : // Centred so that the prior's mean dwell is the default (a log-normal's mean lies above its median).
      { logMean: Math.log(defaultDwellMs) - (dwellLogSpread ** 2 + dwellPriorLogSpread ** 2) / 2, logSpread: dwellPriorLogSpread, logWithin: dwellLogSpread };
  const { logMean, logMeanVariance, withinVariance } = dwellLogPosterior(state.dwellObservationsMs, prior);
  const mean = Math.exp(logMean + (withinVariance + logMeanVariance) / 2);
  return { mean, variance: mean ** 2 * (Math.exp(withinVariance) - 1), sharedVariance: mean ** 2 * (Math.exp(logMeanVariance) - 1) };
}

/** The usual dwell's logarithm as learned from `dwellsMs` over a prior, its variance, and one dwell's log variance around it. */
function dwellLogPosterior(dwellsMs: readonly number[], prior: { logMean: number; logSpread: number; logWithin: number }): { logMean: number; logMeanVariance: number; withinVariance: number } {
  const logs = dwellsMs.map((ms) => Math.log(Math.max(MIN_DWELL_MS, ms)));
  const count = logs.length;
  const sampleMean = count > 0 ? logs.reduce((sum, value) => sum + value, 0) / count : 0;
  const squares = logs.reduce((sum, value) => sum + (value - sampleMean) ** 2, 0);
  const withinVariance = (prior.logWithin ** 2 * DWELL_SPREAD_PRIOR_WEIGHT + squares) / (DWELL_SPREAD_PRIOR_WEIGHT + Math.max(0, count - 1));
  const priorWeight = withinVariance / Math.max(prior.logSpread, 0.05) ** 2;
  return {
    logMean: (priorWeight * prior.logMean + count * sampleMean) / (priorWeight + count),
    logMeanVariance: withinVariance / (priorWeight + count),
    withinVariance,
  };
}

/** Road / straight line for this driver, as learned (before any leg: the fleet's, or the default). */
export function estimatedDetour(state: DriverEtaState, fleet: EtaFleetPrior | null = null): { mean: number; variance: number } {
  return blended(fleet?.detour ?? state.config.detourFactor, 0.15, state.config.detourPriorWeight, state.detourObservations);
}

/**
 * The fleet's prior from its drivers' states: the mean dwell, detour and hourly speed of those
 * who have learned them (each needs `FLEET_MIN_DRIVERS` drivers). A driver with
 * nothing learned yet starts from it instead of the fixed defaults; the tracker derives it from
 * the partition's drivers now and then.
 */
export function fleetEtaPrior(states: readonly DriverEtaState[]): EtaFleetPrior {
  const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = (values: readonly number[]): number => {
    const m = mean(values);
    return mean(values.map((value) => (value - m) ** 2));
  };
  // Each driver's usual dwell from its own dwells only (a prior of nothing), from the first few.
  const dwellers = states
    .filter((state) => state.dwellObservationsMs.length >= FLEET_MIN_OBSERVATIONS)
    .map((state) => dwellLogPosterior(state.dwellObservationsMs, { logMean: 0, logSpread: Number.POSITIVE_INFINITY, logWithin: state.config.dwellLogSpread }));
  let dwell: EtaFleetPrior["dwell"] = null;
  if (dwellers.length >= FLEET_MIN_DRIVERS) {
    const logMeans = dwellers.map((d) => d.logMean);
    const logMean = mean(logMeans);
    // How far a new driver may be from the fleet's usual: the drivers' differences (their own
    // noise included), and the fleet mean's own uncertainty; never as sure as one driver's.
    const logSpread = Math.max(0.2, Math.sqrt(variance(logMeans) * (1 + 1 / dwellers.length)));
    const logWithin = Math.sqrt(mean(dwellers.map((d) => d.withinVariance)));
    const meanMs = Math.exp(logMean + (logSpread ** 2 + logWithin ** 2) / 2);
    dwell = { meanMs, spreadMs: meanMs * Math.sqrt(Math.exp(logSpread ** 2 + logWithin ** 2) - 1), logMean, logSpread, logWithin };
  }
  const detours = states.filter((state) => state.detourObservations.length >= FLEET_MIN_OBSERVATIONS).map((state) => mean(state.detourObservations));
  const paces = states.flatMap((state) => {
    if ((state.speedObservedMs ?? Number.POSITIVE_INFINITY) < FLEET_MIN_DRIVING_MS) return [];
    const hasSlowSpeed = state.slowSpeed && state.slowSpeed.observedMs >= FLEET_MIN_DRIVING_MS;
    return [hasSlowSpeed ? state.slowSpeed!.metersPerSecond : state.smoothedSpeedMetersPerSecond];
  });
  const breaks = states.flatMap((state) => (state.usualBreak ? [state.usualBreak] : []));
  const breakDurations = breaks.map((b) => b.durationMs);
  const working = states.filter((state) => state.dwellObservationsMs.length > 0).length;
  const speedByHour = Array.from({ length: 24 }, (_, hour) => {
    const speeds = states.flatMap((state) => {
      const entry = state.speedByHour[hour];
      return entry && entry.observedMs >= PROFILE_TRUSTED_MS ? [entry.metersPerSecond] : [];
    });
    return speeds.length >= FLEET_MIN_DRIVERS ? mean(speeds) : null;
  });
  return {
    dwell,
    detour: detours.length >= FLEET_MIN_DRIVERS ? mean(detours) : null,
    speed: paces.length >= FLEET_MIN_DRIVERS ? mean(paces) : null,
    breakDurationMs: breakDurations.length >= FLEET_MIN_DRIVERS ? mean(breakDurations) : null,
    breakStart:
      breaks.length >= FLEET_MIN_DRIVERS
        ? {
            startHour: mean(breaks.map((b) => b.startHour)),
            startSpreadMs: Math.sqrt(variance(breaks.map((b) => b.startHour * HOUR_MS)) + mean(breaks.map((b) => (b.startSpreadMs ?? DEFAULT_BREAK_START_SPREAD_MS) ** 2))),
            share: Math.min(1, breaks.length / Math.max(1, working)),
          }
        : null,
    speedByHour,
  };
}

export type ArrivalQuery = {
  now: number;
  /** The driver's last accepted position (`at`: when it was taken); null when there is none yet. */
  driverPosition: (LatLng & { at?: number }) | null;
  /** Unfinished stops before this order, in visiting order, including one the driver is at now. */
  stopsBefore: readonly LatLng[];
  destination: LatLng;
  /** When the driver reached the first of `stopsBefore`, if at its door now: only the rest of its dwell is left. */
  atDoorSince?: number | null;
  /** What the fleet has learned, for what this driver has not (`fleetEtaPrior`). */
  fleet?: EtaFleetPrior | null;
};

/** The expected arrival and its window, or null without a usable driver position. */
export function estimateArrival(state: DriverEtaState, query: ArrivalQuery): EtaEstimate | null {
  const { now, driverPosition, stopsBefore, destination, atDoorSince } = query;
  const fleet = query.fleet ?? null;
  if (!driverPosition || !Number.isFinite(now)) return null;
  const { config } = state;
  const points = [driverPosition, ...stopsBefore, destination];
  const detour = estimatedDetour(state, fleet);
  const dwell = dwellModel(state, fleet);

  // Legs in turn, each at the speed its hour usually has relative to now.
  let clock = now;
  let travelMs = 0;
  let lastLegMs = 0;
  let legVariance = 0;
  for (let index = 1; index < points.length; index++) {
    const from = points[index - 1];
    const to = points[index];
    if (!from || !to) continue;
    const legMs = ((haversineMeters(from, to) * detour.mean) / speedAt(state, now, clock, fleet)) * 1000;
    if (!Number.isFinite(legMs)) return null;
    travelMs += legMs;
    lastLegMs = legMs;
    legVariance += legMs ** 2 * (config.legSpread ** 2 + detour.variance / detour.mean ** 2);
    clock += legMs + (index < points.length - 1 ? dwell.mean : 0);
  }
  let remainingMs = travelMs + stopsBefore.length * dwell.mean;
  let variance = legVariance + (config.commonSpread * travelMs) ** 2 + stopsBefore.length * dwell.variance + stopsBefore.length ** 2 * dwell.sharedVariance;
  if (stopsBefore.length > 0 && atDoorSince != null && atDoorSince <= now) {
    // A handover under way: what is left of it, at least a quarter of a dwell (it can run long).
    const elapsedMs = now - atDoorSince;
    remainingMs -= dwell.mean - Math.max(dwell.mean / 4, dwell.mean - elapsedMs);
  }

  // A silent phone: the driver may have driven on since the last fix, or not.
  const ageMs = driverPosition.at !== undefined ? Math.max(0, now - driverPosition.at) : 0;
  if (ageMs > MINUTE_MS) {
    const couldHaveDriven = Math.min(ageMs, travelMs);
    remainingMs -= couldHaveDriven / 2;
    variance += (couldHaveDriven / 2) ** 2;
  }

  // Today's break: going on now, or still to come at the usual hour (this driver's; the fleet's below).
  const usual = state.usualBreak;
  const today = Math.floor(now / DAY_MS);
  const breakSpreadMs = Math.max(5 * MINUTE_MS, usual?.startSpreadMs ?? DEFAULT_BREAK_START_SPREAD_MS);
  const breakAt = usual ? today * DAY_MS + usual.startHour * HOUR_MS : null;
  const isBreakDue = breakAt !== null && state.lastBreakDay !== today && breakAt > now - HOUR_MS;
  const stillSince = state.stillAnchor?.since ?? null;
  // Still away from a door, as the fixes show it (a silent phone is not a break: its age is counted
  // above): a break once it lasts, or at once when the usual one is due.
  const stillForMs = stillSince !== null && state.lastPosition && now - state.lastPosition.at <= 2 * MINUTE_MS ? state.lastPosition.at - stillSince : 0;
  const isOnBreak = stillSince !== null && (stillForMs >= config.breakAfterStillMs / 2 || (isBreakDue && breakAt !== null && stillForMs >= 2 * MINUTE_MS && now >= breakAt - 2 * breakSpreadMs));
  if (isOnBreak && stillSince !== null) {
    const expectedLeft = Math.max(2 * MINUTE_MS, (usual?.durationMs ?? fleet?.breakDurationMs ?? 30 * MINUTE_MS) - (now - stillSince));
    remainingMs += expectedLeft;
    variance += (expectedLeft / 2) ** 2;
  }
  const isNear = stopsBefore.length <= config.nearStops;
  const maxWidthMs = isNear ? config.maxNearWindowMs : config.maxFarWindowMs;
  if (!isOnBreak && usual && isBreakDue && breakAt !== null && stopsBefore.length > 0) {
    // A break is taken after a stop is done: it comes before this arrival when its start falls
    // before the last stop before this one is finished (a normal spread around the usual hour).
    // Two outcomes, then, not one spread between them: see `twoOutcomeWindow`.
    const lastFinish = now + remainingMs - lastLegMs;
    const chance = normalCdf((lastFinish - breakAt) / breakSpreadMs);
    const without = { remainingMs: Math.max(0, remainingMs), sigmaMs: Math.sqrt(variance) };
    const withBreak = { remainingMs: Math.max(0, remainingMs + usual.durationMs), sigmaMs: Math.sqrt(variance + (3 * MINUTE_MS) ** 2) };
    if (chance >= 0.99) return arrivalWindow(config, now, withBreak.remainingMs, withBreak.sigmaMs, maxWidthMs);
    if (chance > 0.01)
      return twoOutcomeWindow(
        config,
        now,
        [
          { ...without, chance: 1 - chance },
          { ...withBreak, chance },
        ],
        maxWidthMs,
      );
  }
  const fleetBreak = fleet?.breakStart ?? null;
  const fleetBreakAt = fleetBreak ? today * DAY_MS + fleetBreak.startHour * HOUR_MS : null;
  const fleetBreakDurationMs = fleet?.breakDurationMs ?? null;
  // No break of its own learned yet: the fleet's, as likely as the share of its drivers who take
  // one. Mostly the window stretches late for it; the best guess moves only when it is likelier
  // than not. (Planned whole for every such driver, it cost more than it gained: half the drivers
  // take none, their day ends first; seed 20250611, 85.1 → 83.0 % inside.)
  if (!isOnBreak && !usual && state.lastBreakDay !== today && fleetBreak && fleetBreakAt !== null && fleetBreakDurationMs !== null && stopsBefore.length > 0) {
    const lastFinish = now + remainingMs - lastLegMs;
    const chance = fleetBreak.share * normalCdf((lastFinish - fleetBreakAt) / fleetBreak.startSpreadMs);
    const without = { remainingMs: Math.max(0, remainingMs), sigmaMs: Math.sqrt(variance) };
    const withBreak = { remainingMs: Math.max(0, remainingMs + fleetBreakDurationMs), sigmaMs: Math.sqrt(variance + (5 * MINUTE_MS) ** 2) };
    if (chance > 0.01)
      return twoOutcomeWindow(
        config,
        now,
        [
          { ...without, chance: 1 - chance },
          { ...withBreak, chance },
        ],
        maxWidthMs,
      );
  }
  return arrivalWindow(config, now, Math.max(0, remainingMs), Math.sqrt(variance), maxWidthMs);
}

type Outcome = { remainingMs: number; sigmaMs: number; chance: number };

/**
 * The window when the arrival has two likely outcomes (a break before it or not): the best guess
 * is the likelier one (a time between them is neither), and the window holds both when they fit
 * the width limit, else it sits where it holds the most of them together (searched by the minute).
 * An outcome less likely than one in ten is left out.
 */
export function twoOutcomeWindow(config: EtaModelConfig, now: number, outcomes: readonly [Outcome, Outcome], maxWidthMs: number): EtaEstimate {
  const [first, second] = outcomes;
  const likelier = second.chance > first.chance ? second : first;
  // A one-in-ten chance is not worth a wider window.
  if (Math.min(first.chance, second.chance) < 0.1) return arrivalWindow(config, now, likelier.remainingMs, likelier.sigmaMs, maxWidthMs);
  const edges = outcomes.map((outcome) => ({
    earliest: now + outcome.remainingMs - Math.max(config.minWindowMarginMs, config.earlySigmas * outcome.sigmaMs),
    latest: now + outcome.remainingMs + Math.max(config.minWindowMarginMs, config.lateSigmas * outcome.sigmaMs),
  }));
  let earliest = Math.min(...edges.map((edge) => edge.earliest));
  let latest = Math.max(...edges.map((edge) => edge.latest));
  if (latest - earliest > maxWidthMs) {
    const held = (start: number): number =>
      outcomes.reduce((sum, { remainingMs, sigmaMs, chance }) => {
        const sigma = Math.max(sigmaMs, MINUTE_MS);
        return sum + chance * (remainingCdf(start + maxWidthMs - now, remainingMs, sigma) - remainingCdf(start - now, remainingMs, sigma));
      }, 0);
    let best = earliest;
    for (let start = earliest; start <= latest - maxWidthMs; start += MINUTE_MS) if (held(start) > held(best)) best = start;
    earliest = best;
    latest = best + maxWidthMs;
  }
  const guess = config.guessAtMedian ? medianRemainingMs(likelier.remainingMs, likelier.sigmaMs) : likelier.remainingMs;
  const at = Math.min(latest, Math.max(earliest, now + guess));
  return finishedWindow(now, at, earliest, latest, maxWidthMs, outcomes);
}

/** The share of the outcomes' (log-normal: `remainingCdf`) distributions that falls between `earliest` and `latest`. */
function heldShare(now: number, outcomes: readonly Outcome[], earliest: number, latest: number): number {
  const held = outcomes.reduce((sum, { remainingMs, sigmaMs, chance }) => {
    // A spread below half a minute is a rounding's worth: the times are shown to the minute.
    const sigma = Math.max(sigmaMs, MINUTE_MS / 2);
    return sum + chance * (remainingCdf(latest - now, remainingMs, sigma) - remainingCdf(earliest - now, remainingMs, sigma));
  }, 0);
  return Math.min(1, Math.max(0, held));
}

/** Φ: the standard normal distribution function (Abramowitz–Stegun 26.2.17, error < 1e-7). */
export function normalCdf(z: number): number {
  if (!Number.isFinite(z)) return z > 0 ? 1 : 0;
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const density = Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
  const tail = density * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return z >= 0 ? 1 - tail : tail;
}

/**
 * Rounded for people: the best guess to the minute, the window edges outward to the minute, or
 * to 5 minutes once the arrival is more than half an hour out (a window like 14:05–14:25 reads
 * as honest; 14:07–14:23 pretends to a precision the model does not have).
 */
function arrivalWindow(config: EtaModelConfig, now: number, remainingMs: number, sigmaMs: number, maxWidthMs: number): EtaEstimate {
  const at = now + remainingMs;
  const earlyMarginMs = Math.max(config.minWindowMarginMs, config.earlySigmas * sigmaMs);
  const lateMarginMs = Math.max(config.minWindowMarginMs, config.lateSigmas * sigmaMs);
  const guess = config.guessAtMedian ? now + medianRemainingMs(remainingMs, sigmaMs) : at;
  const outcomes = [{ remainingMs, sigmaMs, chance: 1 }];
  if (earlyMarginMs + lateMarginMs > maxWidthMs) {
    // Held to a usable width: where the window of that width holds the most of the (skewed) time
    // left, not narrowed around its mean. With a wide, unsure spread (a new driver's dwells ahead)
    // that is well before the mean: an 8-s-dwell van arrives near the start of the spread.
    if (config.capAtMostMass) {
      const start = now + mostMassStartMs(remainingMs, sigmaMs, maxWidthMs);
      return finishedWindow(now, Math.min(start + maxWidthMs, Math.max(start, guess)), start, start + maxWidthMs, maxWidthMs, outcomes);
    }
    // Narrowed around the mean, not shifted (before `capAtMostMass`).
    const scale = maxWidthMs / (earlyMarginMs + lateMarginMs);
    return finishedWindow(now, guess, at - earlyMarginMs * scale, at + lateMarginMs * scale, maxWidthMs, outcomes);
  }
  return finishedWindow(now, guess, at - earlyMarginMs, at + lateMarginMs, maxWidthMs, outcomes);
}

/**
 * The time left as a log-normal of this mean and spread (time left is skewed late: a dwell can run
 * long, not much short). Its median is `medianRemainingMs`; below a mean of zero, a normal.
 */
function lognormalOf(meanMs: number, sigmaMs: number): { mu: number; s: number } | null {
  if (!(meanMs > 0) || !(sigmaMs > 0)) return null;
  const s2 = Math.log1p((sigmaMs / meanMs) ** 2);
  return { mu: Math.log(meanMs) - s2 / 2, s: Math.sqrt(s2) };
}

/** The share of a time left of this mean and spread (log-normal) that falls before `ms`. */
export function remainingCdf(ms: number, meanMs: number, sigmaMs: number): number {
  const lognormal = lognormalOf(meanMs, sigmaMs);
  if (!lognormal) return sigmaMs > 0 ? normalCdf((ms - meanMs) / sigmaMs) : ms >= meanMs ? 1 : 0;
  if (ms <= 0) return 0;
  return normalCdf((Math.log(ms) - lognormal.mu) / lognormal.s);
}

/**
 * Where (time left, from now) a window `widthMs` wide starts to hold the most of a log-normal time
 * left of this mean and spread: where the density is the same at both its edges, found by
 * bisection between now and the mode (the density rises to the mode, so before it the window's
 * end sees more than its start, after it less). Never before now.
 */
export function mostMassStartMs(meanMs: number, sigmaMs: number, widthMs: number): number {
  const lognormal = lognormalOf(meanMs, sigmaMs);
  if (!lognormal) return Math.max(0, meanMs - widthMs / 2);
  const { mu, s } = lognormal;
  const logDensity = (ms: number): number => -Math.log(ms) - (Math.log(ms) - mu) ** 2 / (2 * s * s);
  const mode = Math.exp(mu - s * s);
  let low = 0;
  let high = mode;
  for (let i = 0; i < 60 && high - low > 1000; i++) {
    const middle = (low + high) / 2;
    if (middle > 0 && logDensity(middle + widthMs) < logDensity(middle)) high = middle;
    else low = middle;
  }
  return (low + high) / 2;
}

/**
 * The best guess: the median of the time left, not its mean. Time left is skewed late (a dwell
 * can run long, not much short), so its median lies below the mean: for a log-normal of that mean
 * and spread, mean / √(1 + (σ / mean)²). The window stays around the mean, leaning late.
 */
export function medianRemainingMs(meanMs: number, sigmaMs: number): number {
  return meanMs > 0 ? meanMs / Math.sqrt(1 + (sigmaMs / meanMs) ** 2) : meanMs;
}

function finishedWindow(now: number, at: number, earliestMs: number, latestMs: number, maxWidthMs: number, outcomes: readonly Outcome[]): EtaEstimate {
  const stepMs = at - now > 30 * MINUTE_MS ? 5 * MINUTE_MS : MINUTE_MS;
  const window = roundedWindow(earliestMs, latestMs, stepMs, maxWidthMs, at);
  const earliest = Math.max(window.earliest, Math.floor(now / MINUTE_MS) * MINUTE_MS);
  // The arrival cannot be before now: what lies before it belongs to the window's early edge.
  const confidence = heldShare(now, outcomes, earliest <= now ? Number.NEGATIVE_INFINITY : earliest, window.latest);
  return { at: Math.round(at / MINUTE_MS) * MINUTE_MS, earliest, latest: window.latest, confidence: Math.round(confidence * 1000) / 1000 };
}

/**
 * Edges rounded outward to the step; when that overshoots the width limit (it can by one step),
 * the edge that gives up less of the window is rounded inward instead, never past `at`. Keeping a
 * step in reserve instead would throw away up to a sixth of a capped window, where misses are.
 */
export function roundedWindow(earliestMs: number, latestMs: number, stepMs: number, maxWidthMs: number, at: number): { earliest: number; latest: number } {
  let earliest = Math.floor(earliestMs / stepMs) * stepMs;
  let latest = Math.ceil(latestMs / stepMs) * stepMs;
  if (latest - earliest > maxWidthMs) {
    const earlyGivenUp = earliest + stepMs - earliestMs;
    const lateGivenUp = latestMs - (latest - stepMs);
    const canRaiseEarliest = earliest + stepMs <= at;
    // The limit holds either way: with the limit two steps or more, one of the edges can move.
    if (canRaiseEarliest && (earlyGivenUp <= lateGivenUp || latest - stepMs < at)) earliest += stepMs;
    else latest -= stepMs;
  }
  return { earliest, latest };
}
