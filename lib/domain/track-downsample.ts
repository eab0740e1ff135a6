/**
 * Thins a driver's recorded track for drawing, keeping its shape. Pure: no framework imports.
 *
 * Top-down Douglas–Peucker with a point budget instead of a tolerance: start from the first and
 * last fix and keep adding the fix that lies farthest from the track drawn so far, until the budget
 * is spent or nothing is off it. "Farthest" is the synchronised distance (TD-TR): from the fix to
 * where the thinned track puts the driver at that fix's time. So corners survive, and so does a
 * stop in the middle of a straight street (the replay must not show the driver gliding through
 * it), while steady runs and parked stretches collapse. A fixed tolerance would give an
 * unpredictable size.
 */
export type TrackPoint = { lat: number; lng: number; at: number };

const METERS_PER_DEGREE = 111_320;

/** Metres between p and where the straight, steady move from a to b would be at p's time. */
export function synchronisedDistanceMeters(p: TrackPoint, a: TrackPoint, b: TrackPoint): number {
  const fraction = b.at === a.at ? 0 : Math.max(0, Math.min(1, (p.at - a.at) / (b.at - a.at)));
  const kx = METERS_PER_DEGREE * Math.cos((a.lat * Math.PI) / 180);
  const lat = a.lat + (b.lat - a.lat) * fraction;
  const lng = a.lng + (b.lng - a.lng) * fraction;
  return Math.hypot((p.lng - lng) * kx, (p.lat - lat) * METERS_PER_DEGREE);
}

type Span = { from: number; to: number; farthest: number; distance: number };

function measure(points: readonly TrackPoint[], from: number, to: number): Span {
  let farthest = -1;
  let distance = -1;
  for (let index = from + 1; index < to; index++) {
    const d = synchronisedDistanceMeters(points[index]!, points[from]!, points[to]!);
    if (d > distance) {
      distance = d;
      farthest = index;
    }
  }
  return { from, to, farthest, distance };
}

/**
 * At most `maxPoints` of `points` (in their given order, by time; first and last always kept);
 * a copy of the input when it is already small enough.
 */
export function downsampleTrack<T extends TrackPoint>(points: readonly T[], maxPoints: number): T[] {
  if (points.length <= maxPoints) return [...points];
  if (maxPoints < 2) return points.slice(0, Math.max(0, maxPoints));
  const kept = new Set<number>([0, points.length - 1]);
  const spans: Span[] = [measure(points, 0, points.length - 1)];
  while (kept.size < maxPoints) {
    let best = -1;
    for (let index = 0; index < spans.length; index++) {
      if (spans[index]!.distance > 0 && (best < 0 || spans[index]!.distance > spans[best]!.distance)) best = index;
    }
    if (best < 0) break;
    const span = spans[best]!;
    kept.add(span.farthest);
    spans.splice(best, 1, measure(points, span.from, span.farthest), measure(points, span.farthest, span.to));
  }
  return [...kept].sort((a, b) => a - b).map((index) => points[index]!);
}
