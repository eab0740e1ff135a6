/**
 * The ETA model: when will the driver reach this order's door?
 *
 *   remaining time = road distance still to drive / the driver's recent speed
 *                  + a dwell for every unfinished stop before this one
 *
 * - Road distance: straight legs from the driver through the unfinished stops before the order
 *   to it, times a detour factor (roads are longer than straight lines).
 * - Speed: an exponential moving average of the speeds seen in accepted fixes, weighted by the
 *   time each one covers (so it is distance over time, stops at lights included), clamped to a
 *   plausible urban range. Starts at an urban default and drifts to the data.
 * - Dwell: this driver's observed time at a stop (arrived → delivered/failed) today, as a mean
 *   pulled toward a default while there are few observations. A mean, not a median: the ETA adds
 *   up several dwells, and the expected sum is the count times the mean.
 *
 * State is a plain, JSON-serialisable object; `observeSpeed` and `observeDwell` update it in
 * place and `estimateArrival` only reads it. Keep one per driver and start a fresh one each day.
 * Feed speeds only while the driver travels, not while one of the route's orders is "arrived":
 * time spent at a door is dwell, and would otherwise be counted twice.
 */
import { pathLengthMeters, type LatLng } from "./geo";

const MINUTE_MS = 60_000;
const kmhToMps = (kmh: number): number => kmh / 3.6;

export type EtaModelConfig = {
  /** Road distance / straight-line distance. */
  detourFactor: number;
  defaultSpeedMetersPerSecond: number;
  minSpeedMetersPerSecond: number;
  maxSpeedMetersPerSecond: number;
  /** How fast older speeds fade: after this much driving they weigh 1/e. */
  speedTimeConstantMs: number;
  defaultDwellMs: number;
  /** The default dwell counts as this many observations. */
  dwellPriorWeight: number;
  /** A longer "dwell" (a break, a forgotten tap) is counted as this long. */
  maxDwellMs: number;
  dwellObservationsKept: number;
  /**
   * The window reaches this far either side of the estimate, at least; beyond that it spans a
   * fraction of the remaining time, more on the late side: delays (traffic, a long handover)
   * outgrow gains, so errors lean late.
   */
  minWindowMarginMs: number;
  windowEarlyFraction: number;
  windowLateFraction: number;
};

export const DEFAULT_ETA_MODEL_CONFIG: Readonly<EtaModelConfig> = {
  detourFactor: 1.3,
  defaultSpeedMetersPerSecond: kmhToMps(25),
  minSpeedMetersPerSecond: kmhToMps(8),
  maxSpeedMetersPerSecond: kmhToMps(80),
  speedTimeConstantMs: 10 * MINUTE_MS,
  defaultDwellMs: 4 * MINUTE_MS,
  dwellPriorWeight: 2,
  maxDwellMs: 30 * MINUTE_MS,
  dwellObservationsKept: 20,
  minWindowMarginMs: 2 * MINUTE_MS,
  windowEarlyFraction: 0.2,
  windowLateFraction: 0.3,
};

/** How much driving the very first speed observation stands for (a typical fix interval). */
const FIRST_SPEED_OBSERVATION_MS = 10_000;

export type DriverEtaState = {
  config: EtaModelConfig;
  /** Smoothed speed, unclamped; read it through `estimatedSpeed`. */
  smoothedSpeedMetersPerSecond: number;
  lastSpeedObservedAt: number | null;
  /** Most recent last. */
  dwellObservationsMs: number[];
};

export type EtaEstimate = {
  /** ms epoch, rounded to the minute */
  at: number;
  /** ms epoch, window start: never before now's minute */
  earliest: number;
  /** ms epoch, window end */
  latest: number;
};

export function createDriverEtaState(config: Partial<EtaModelConfig> = {}): DriverEtaState {
  const merged = { ...DEFAULT_ETA_MODEL_CONFIG, ...config };
  return {
    config: merged,
    smoothedSpeedMetersPerSecond: merged.defaultSpeedMetersPerSecond,
    lastSpeedObservedAt: null,
    dwellObservationsMs: [],
  };
}

/** Blends in a speed seen at `atMs`. Observations not newer than the last one are ignored. */
export function observeSpeed(state: DriverEtaState, metersPerSecond: number, atMs: number): void {
  if (!Number.isFinite(metersPerSecond) || metersPerSecond < 0 || !Number.isFinite(atMs)) return;
  const { config } = state;
  const last = state.lastSpeedObservedAt;
  if (last !== null && atMs <= last) return;
  // A long gap (phone offline) must not let one observation wipe out the history entirely.
  const coveredMs = last === null ? FIRST_SPEED_OBSERVATION_MS : Math.min(atMs - last, config.speedTimeConstantMs);
  const weight = 1 - Math.exp(-coveredMs / config.speedTimeConstantMs);
  const observed = Math.min(metersPerSecond, config.maxSpeedMetersPerSecond);
  state.smoothedSpeedMetersPerSecond += weight * (observed - state.smoothedSpeedMetersPerSecond);
  state.lastSpeedObservedAt = atMs;
}

/** Records how long the driver spent at one stop. */
export function observeDwell(state: DriverEtaState, durationMs: number): void {
  if (!Number.isFinite(durationMs) || durationMs < 0) return;
  state.dwellObservationsMs.push(Math.min(durationMs, state.config.maxDwellMs));
  if (state.dwellObservationsMs.length > state.config.dwellObservationsKept) state.dwellObservationsMs.shift();
}

/** The speed the model drives at now, m/s. */
export function estimatedSpeed(state: DriverEtaState): number {
  const { minSpeedMetersPerSecond, maxSpeedMetersPerSecond } = state.config;
  return Math.min(maxSpeedMetersPerSecond, Math.max(minSpeedMetersPerSecond, state.smoothedSpeedMetersPerSecond));
}

/** The time the model expects at each stop, ms. */
export function estimatedDwellMs(state: DriverEtaState): number {
  const { defaultDwellMs, dwellPriorWeight } = state.config;
  const observations = state.dwellObservationsMs;
  const observedTotal = observations.reduce((sum, duration) => sum + duration, 0);
  return (defaultDwellMs * dwellPriorWeight + observedTotal) / (dwellPriorWeight + observations.length);
}

export type ArrivalQuery = {
  now: number;
  /** The driver's last accepted position; null when there is none yet. */
  driverPosition: LatLng | null;
  /**
   * Unfinished stops before this order, in visiting order, including one the driver is at now
   * (its whole dwell is counted: the model does not know how far along the handover is).
   */
  stopsBefore: readonly LatLng[];
  destination: LatLng;
};

/** The expected arrival and its window, or null without a usable driver position. */
export function estimateArrival(state: DriverEtaState, query: ArrivalQuery): EtaEstimate | null {
  const { now, driverPosition, stopsBefore, destination } = query;
  if (!driverPosition || !Number.isFinite(now)) return null;
  const roadMeters = pathLengthMeters([driverPosition, ...stopsBefore, destination]) * state.config.detourFactor;
  if (!Number.isFinite(roadMeters)) return null;
  const remainingMs =
    (roadMeters / estimatedSpeed(state)) * 1000 + stopsBefore.length * estimatedDwellMs(state);
  return arrivalWindow(state.config, now, remainingMs);
}

/**
 * Rounded for people: the best guess to the minute, the window edges outward to the minute, or
 * to 5 minutes once the arrival is more than half an hour out (a window like 14:05–14:25 reads
 * as honest; 14:07–14:23 pretends to a precision the model does not have).
 */
function arrivalWindow(config: EtaModelConfig, now: number, remainingMs: number): EtaEstimate {
  const at = now + remainingMs;
  const earlyMarginMs = Math.max(config.minWindowMarginMs, config.windowEarlyFraction * remainingMs);
  const lateMarginMs = Math.max(config.minWindowMarginMs, config.windowLateFraction * remainingMs);
  const stepMs = remainingMs > 30 * MINUTE_MS ? 5 * MINUTE_MS : MINUTE_MS;
  return {
    at: Math.round(at / MINUTE_MS) * MINUTE_MS,
    earliest: Math.max(Math.floor((at - earlyMarginMs) / stepMs) * stepMs, Math.floor(now / MINUTE_MS) * MINUTE_MS),
    latest: Math.ceil((at + lateMarginMs) / stepMs) * stepMs,
  };
}
