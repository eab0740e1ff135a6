/**
 * GPS quality filter, in the spirit of Traccar's filters: decides which raw fixes may move the
 * driver on the map and feed the ETA. Pure: no framework imports.
 *
 * Ordering: each call sorts its fixes by time (then `seq`) before filtering them against the
 * last accepted fix, which puts a batch's out-of-order fixes (an offline phone flushing its
 * queue, a tracker app posting in parallel) back in order. Nothing is held back across calls:
 * the live position must not lag behind what the device sent, and a fix that arrives after a
 * newer one was accepted is too late to move the live position anyway — it is rejected as
 * "stale" here, while the raw fix stays on JetStream for the track history. Callers therefore
 * pass a whole request's (or a whole pulled batch's) fixes in one call, not one at a time.
 *
 * State is a plain object that `acceptFixes` updates in place; keep one per driver.
 */
import { haversineMeters } from "./geo";

export type Fix = {
  lat: number;
  lng: number;
  /** ms epoch, device time */
  at: number;
  /** metres, radius of 68% confidence as phones report it */
  accuracy?: number | null;
  /** m/s */
  speed?: number | null;
  /** degrees clockwise from north */
  heading?: number | null;
  seq?: number | null;
};

export type GpsFilterConfig = {
  /** Fixes less precise than this are dropped. */
  maxAccuracyMeters: number;
  /** A fix implying a faster move from the last accepted one is a glitch (55 m/s ≈ 200 km/h). */
  maxSpeedMetersPerSecond: number;
  /** How far ahead of our clock a device clock may be before its fixes count as "future". */
  maxClockSkewMs: number;
};

export const DEFAULT_GPS_FILTER_CONFIG: Readonly<GpsFilterConfig> = {
  maxAccuracyMeters: 100,
  maxSpeedMetersPerSecond: 55,
  maxClockSkewMs: 60_000,
};

/** "invalid": coordinates or time that are not numbers in range (0,0 counts too: no fix). */
export type FixRejectionReason = "invalid" | "inaccurate" | "jump" | "future" | "stale" | "duplicate";

export type GpsFilterState = {
  config: GpsFilterConfig;
  lastAccepted: Fix | null;
  /** Keys of recently accepted fixes, newest last, so a retried batch reads as "duplicate". */
  recentAcceptedKeys: string[];
};

export type GpsFilterResult = {
  /** In time order. */
  accepted: Fix[];
  rejected: { fix: Fix; reason: FixRejectionReason }[];
};

/** Enough to recognise a retried request of a few hundred fixes without growing forever. */
const RECENT_KEYS_KEPT = 500;

export function createGpsFilterState(config: Partial<GpsFilterConfig> = {}): GpsFilterState {
  return { config: { ...DEFAULT_GPS_FILTER_CONFIG, ...config }, lastAccepted: null, recentAcceptedKeys: [] };
}

/** Filters `fixes` (any order) against what was accepted before, and records the accepted ones. */
export function acceptFixes(state: GpsFilterState, fixes: readonly Fix[], nowMs: number): GpsFilterResult {
  const result: GpsFilterResult = { accepted: [], rejected: [] };
  // Invalid fixes are set aside first: a NaN time would make the sort order undefined.
  const valid: Fix[] = [];
  for (const fix of fixes) {
    if (hasValidPosition(fix)) valid.push(fix);
    else result.rejected.push({ fix, reason: "invalid" });
  }
  for (const fix of valid.sort(compareFixes)) {
    const reason = rejectionReason(state, fix, nowMs);
    if (reason) {
      result.rejected.push({ fix, reason });
      continue;
    }
    // A fix dated ahead of our clock (skew, or a forged time) counts as "now" for what may come
    // after it: otherwise it would make every genuine fix up to its time look stale.
    state.lastAccepted = fix.at > nowMs ? { ...fix, at: nowMs } : fix;
    state.recentAcceptedKeys.push(fixKey(fix));
    if (state.recentAcceptedKeys.length > RECENT_KEYS_KEPT) state.recentAcceptedKeys.shift();
    result.accepted.push(fix);
  }
  return result;
}

function rejectionReason(state: GpsFilterState, fix: Fix, nowMs: number): Exclude<FixRejectionReason, "invalid"> | null {
  const { config, lastAccepted } = state;
  if (fix.at > nowMs + config.maxClockSkewMs) return "future";
  if (state.recentAcceptedKeys.includes(fixKey(fix))) return "duplicate";
  if (lastAccepted && fix.at <= lastAccepted.at) return "stale";
  if (fix.accuracy != null && fix.accuracy > config.maxAccuracyMeters) return "inaccurate";
  if (lastAccepted && isJump(lastAccepted, fix, config.maxSpeedMetersPerSecond)) return "jump";
  return null;
}

/**
 * Both positions may be off by their accuracy, so only the distance beyond that counts; a
 * wrongly accepted glitch cannot lock the driver out for long, as the allowed distance grows
 * with the time since it.
 */
function isJump(previous: Fix, fix: Fix, maxSpeedMetersPerSecond: number): boolean {
  const seconds = (fix.at - previous.at) / 1000;
  const allowanceMeters = (previous.accuracy ?? 0) + (fix.accuracy ?? 0);
  return haversineMeters(previous, fix) - allowanceMeters > maxSpeedMetersPerSecond * seconds;
}

function hasValidPosition(fix: Fix): boolean {
  return Number.isFinite(fix.at) && Number.isFinite(fix.lat) && Number.isFinite(fix.lng) && Math.abs(fix.lat) <= 90 && Math.abs(fix.lng) <= 180 && !(fix.lat === 0 && fix.lng === 0);
}

function compareFixes(a: Fix, b: Fix): number {
  return a.at - b.at || (a.seq ?? 0) - (b.seq ?? 0);
}

function fixKey(fix: Fix): string {
  return `${fix.at}|${fix.lat}|${fix.lng}`;
}

/** Straight-line speed in m/s between two fixes; null when `next` is not later than `previous`. */
export function derivedSpeed(previous: Fix, next: Fix): number | null {
  const seconds = (next.at - previous.at) / 1000;
  if (!(seconds > 0)) return null;
  return haversineMeters(previous, next) / seconds;
}

/** The device's own speed when it sent a usable one, else the speed implied by the previous fix. */
export function fixSpeed(previous: Fix | null, fix: Fix): number | null {
  if (fix.speed != null && Number.isFinite(fix.speed) && fix.speed >= 0) return fix.speed;
  return previous ? derivedSpeed(previous, fix) : null;
}
