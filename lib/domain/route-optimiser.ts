/**
 * Route optimisation for one driver: nearest neighbour from the driver's position, then 2-opt
 * until no reversal of a segment shortens the path. An open path (the driver does not return),
 * straight-line distances. Pure: no framework imports.
 */
import { haversineMeters, type LatLng } from "./geo";

export interface RouteStopPoint extends LatLng {
  id: string;
}

export interface OptimisedRoute {
  /** Stop ids in the new visiting order. */
  ids: string[];
  /** Length from `start` through the stops in the given order, metres. */
  beforeMeters: number;
  afterMeters: number;
}

/** Guards the 2-opt loop on pathological inputs; each pass is O(n²). */
const MAX_PASSES = 50;

export function pathFrom(start: LatLng, stops: readonly LatLng[]): number {
  let total = 0;
  let previous = start;
  for (const stop of stops) {
    total += haversineMeters(previous, stop);
    previous = stop;
  }
  return total;
}

function nearestNeighbour(start: LatLng, stops: readonly RouteStopPoint[]): RouteStopPoint[] {
  const left = [...stops];
  const tour: RouteStopPoint[] = [];
  let here: LatLng = start;
  while (left.length) {
    let bestIndex = 0;
    let bestDistance = Number.POSITIVE_INFINITY;
    left.forEach((stop, index) => {
      const distance = haversineMeters(here, stop);
      if (distance < bestDistance) {
        bestDistance = distance;
        bestIndex = index;
      }
    });
    const [next] = left.splice(bestIndex, 1);
    tour.push(next!);
    here = next!;
  }
  return tour;
}

/** Reverses tour[i..j] whenever that shortens the open path starting at `start`. */
function twoOpt(start: LatLng, tour: RouteStopPoint[]): RouteStopPoint[] {
  const points: LatLng[] = [start, ...tour];
  const d = (a: number, b: number) => haversineMeters(points[a]!, points[b]!);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let isImproved = false;
    // Reverse points[i..j] (i ≥ 1: the start never moves); the edge after j may not exist.
    for (let i = 1; i < points.length - 1; i++) {
      for (let j = i + 1; j < points.length; j++) {
        const before = d(i - 1, i) + (j + 1 < points.length ? d(j, j + 1) : 0);
        const after = d(i - 1, j) + (j + 1 < points.length ? d(i, j + 1) : 0);
        if (after < before - 1e-6) {
          const reversed = points.slice(i, j + 1).reverse();
          points.splice(i, reversed.length, ...reversed);
          isImproved = true;
        }
      }
    }
    if (!isImproved) break;
  }
  return points.slice(1) as RouteStopPoint[];
}

export function optimiseRoute(start: LatLng, stops: readonly RouteStopPoint[]): OptimisedRoute {
  const beforeMeters = pathFrom(start, stops);
  const tour = twoOpt(start, nearestNeighbour(start, stops));
  const afterMeters = pathFrom(start, tour);
  // Never propose a longer route than the one the driver already has.
  if (afterMeters >= beforeMeters) return { ids: stops.map((stop) => stop.id), beforeMeters, afterMeters: beforeMeters };
  return { ids: tour.map((stop) => stop.id), beforeMeters, afterMeters };
}
