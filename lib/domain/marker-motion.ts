/**
 * How the customer's map moves the driver's marker between fixes. Pure: no framework imports.
 * The marker glides from where it is shown to the newest fix over about the time the fixes were
 * apart, so it moves like the car; it ends on the fix and never goes past it (no extrapolation).
 */
import { bearingDegrees, haversineMeters, interpolate, type LatLng } from "./geo";

export type Fix = LatLng & { atMs: number; heading: number | null };

/** A glide shorter than this is a jump anyway; a longer one would leave the marker far behind. */
export const MIN_GLIDE_MS = 300;
export const MAX_GLIDE_MS = 30_000;
/** Without a previous fix there is no interval to go by. */
export const DEFAULT_GLIDE_MS = 1_000;
/** Closer than this, two fixes are GPS noise, not a direction of travel. */
const MIN_BEARING_METERS = 3;

export type Glide = { from: LatLng; to: LatLng; startedAtMs: number; durationMs: number };

/** The glide's length: the observed interval between the two fixes, within bounds. */
export function glideDurationMs(previous: Pick<Fix, "atMs"> | null, next: Pick<Fix, "atMs">): number {
  if (previous === null) return DEFAULT_GLIDE_MS;
  const interval = next.atMs - previous.atMs;
  if (!Number.isFinite(interval) || interval <= 0) return MIN_GLIDE_MS;
  return Math.min(MAX_GLIDE_MS, Math.max(MIN_GLIDE_MS, interval));
}

/** Where the marker is `nowMs` into a glide: on the way, clamped to its end, never beyond. */
export function positionAt(glide: Glide, nowMs: number): { position: LatLng; isDone: boolean } {
  const fraction = glide.durationMs <= 0 ? 1 : Math.min(1, Math.max(0, (nowMs - glide.startedAtMs) / glide.durationMs));
  if (fraction >= 1) return { position: { lat: glide.to.lat, lng: glide.to.lng }, isDone: true };
  if (fraction <= 0) return { position: { lat: glide.from.lat, lng: glide.from.lng }, isDone: false };
  return { position: interpolate(glide.from, glide.to, fraction), isDone: false };
}

/**
 * Which way the icon points: the fix's own heading when it has one, else the bearing from the
 * previous fix to this one, else (standing still, or a first fix without heading) as before.
 */
export function headingFor(previous: LatLng | null, next: Pick<Fix, "lat" | "lng" | "heading">, shownHeading: number | null): number | null {
  if (next.heading !== null && Number.isFinite(next.heading)) return ((next.heading % 360) + 360) % 360;
  if (previous !== null && haversineMeters(previous, next) >= MIN_BEARING_METERS) return bearingDegrees(previous, next);
  return shownHeading;
}

/**
 * The rotation (degrees, unbounded) that shows `heading` turning the short way from `rotation`:
 * 350° → 10° turns 20° clockwise, not 340° back round, when the icon's turn is animated.
 */
export function shortestRotation(rotation: number, heading: number): number {
  const delta = ((((heading - rotation) % 360) + 540) % 360) - 180;
  return rotation + delta;
}
