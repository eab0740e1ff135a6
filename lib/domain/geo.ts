/** Geometry on the Earth's surface for city-scale distances. Pure: no framework imports. */

export type LatLng = { lat: number; lng: number };

/** Mean Earth radius (IUGG), metres. */
const EARTH_RADIUS_METERS = 6_371_008.8;

const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;
const toDegrees = (radians: number): number => (radians * 180) / Math.PI;

/** Great-circle distance in metres. */
export function haversineMeters(a: LatLng, b: LatLng): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLng = toRadians(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLng / 2) ** 2;
  // min() guards asin against rounding pushing h a hair above 1 for antipodal points.
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial compass bearing from a to b in degrees, 0 = north, clockwise, in [0, 360). */
export function bearingDegrees(a: LatLng, b: LatLng): number {
  const lat1 = toRadians(a.lat);
  const lat2 = toRadians(b.lat);
  const dLng = toRadians(b.lng - a.lng);
  const y = Math.sin(dLng) * Math.cos(lat2);
  const x = Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(dLng);
  return (toDegrees(Math.atan2(y, x)) + 360) % 360;
}

/**
 * The point a `fraction` of the way along the great circle from a to b (0 → a, 1 → b).
 * Spherical rather than linear in lat/lng, so distances along the way are exact.
 */
export function interpolate(a: LatLng, b: LatLng, fraction: number): LatLng {
  const angle = haversineMeters(a, b) / EARTH_RADIUS_METERS;
  if (angle === 0) return { lat: a.lat, lng: a.lng };
  const weightA = Math.sin((1 - fraction) * angle) / Math.sin(angle);
  const weightB = Math.sin(fraction * angle) / Math.sin(angle);
  const lat1 = toRadians(a.lat);
  const lat2 = toRadians(b.lat);
  const lng1 = toRadians(a.lng);
  const lng2 = toRadians(b.lng);
  const x = weightA * Math.cos(lat1) * Math.cos(lng1) + weightB * Math.cos(lat2) * Math.cos(lng2);
  const y = weightA * Math.cos(lat1) * Math.sin(lng1) + weightB * Math.cos(lat2) * Math.sin(lng2);
  const z = weightA * Math.sin(lat1) + weightB * Math.sin(lat2);
  return {
    lat: toDegrees(Math.atan2(z, Math.hypot(x, y))),
    lng: toDegrees(Math.atan2(y, x)),
  };
}

/** Moves `meters` from `from` straight toward `to`, stopping at `to` rather than overshooting. */
export function moveToward(from: LatLng, to: LatLng, meters: number): LatLng {
  const distance = haversineMeters(from, to);
  if (meters >= distance) return { lat: to.lat, lng: to.lng };
  if (meters <= 0) return { lat: from.lat, lng: from.lng };
  return interpolate(from, to, meters / distance);
}

/** Length in metres of the straight legs joining `points` in order (0 for fewer than two). */
export function pathLengthMeters(points: readonly LatLng[]): number {
  let total = 0;
  let previous: LatLng | undefined;
  for (const point of points) {
    if (previous) total += haversineMeters(previous, point);
    previous = point;
  }
  return total;
}
