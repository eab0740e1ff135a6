/** Where the demo fleet drives: pure data and a seeded generator, so runs look alike. */
import type { LatLng } from "../../../lib/domain/geo";

export const DEMO_CENTER: LatLng = { lat: 40.4168, lng: -3.7038 };
export const DEMO_DRIVER_NAMES = ["Ana", "Bruno", "Chen", "Dana"] as const;
export const DEMO_STOPS_PER_ROUTE = 6;

const STREETS = ["Calle Mayor", "Gran Vía", "Calle de Alcalá", "Paseo del Prado", "Calle de Atocha", "Calle de Toledo", "Calle de Serrano", "Calle de Fuencarral"];
const CUSTOMERS = ["Lucía", "Mateo", "Sofía", "Hugo", "Martina", "Leo", "Valeria", "Daniel", "Julia", "Pablo", "Emma", "Álvaro"];

/** Mulberry32: small, fast and deterministic for a given seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PlannedStop extends LatLng {
  customerName: string;
  address: string;
}

/** Stops scattered within ~2.5 km of the centre, in a sensible visiting order (nearest next). */
export function planStops(random: () => number, from: LatLng, count: number): PlannedStop[] {
  const stops: PlannedStop[] = Array.from({ length: count }, () => {
    const angle = random() * 2 * Math.PI;
    const radius = 0.004 + random() * 0.02;
    return {
      lat: DEMO_CENTER.lat + radius * Math.sin(angle),
      lng: DEMO_CENTER.lng + radius * Math.cos(angle) * 1.3,
      customerName: CUSTOMERS[Math.floor(random() * CUSTOMERS.length)] ?? "Customer",
      address: `${STREETS[Math.floor(random() * STREETS.length)] ?? "Calle"} ${1 + Math.floor(random() * 120)}, Madrid`,
    };
  });
  const ordered: PlannedStop[] = [];
  let here = from;
  while (stops.length) {
    let best = 0;
    for (let i = 1; i < stops.length; i++) {
      if (squaredDistance(here, stops[i]!) < squaredDistance(here, stops[best]!)) best = i;
    }
    const [next] = stops.splice(best, 1);
    ordered.push(next!);
    here = next!;
  }
  return ordered;
}

function squaredDistance(a: LatLng, b: LatLng): number {
  return (a.lat - b.lat) ** 2 + (a.lng - b.lng) ** 2;
}
