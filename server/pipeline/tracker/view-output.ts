/**
 * A customer view as the tracker publishes it: the content FleetState computed, with the version
 * (the LOCATIONS sequence that produced it) and the time it was made. Built field by field as a
 * TOrderView (the content's fields in their order, then version and updatedAt: the same text as
 * before), so a field added to the view fails to compile here until it is carried; a literal
 * of known shape also serialises as fast as the content alone (a spread into a literal with more
 * fields takes JSON.stringify about twice as long, and this runs for every view of every fix).
 */
import type { TOrderView } from "../../../lib/schemas/order-view";
import type { ViewContent } from "./fleet-state";

export function toOrderView(content: ViewContent, version: number, updatedAt: string): TOrderView {
  return {
    orderId: content.orderId,
    status: content.status,
    stopsAway: content.stopsAway,
    eta: content.eta,
    driver: content.driver,
    destination: content.destination,
    statusAt: content.statusAt,
    version,
    updatedAt,
  };
}

/**
 * Whether two views' contents are the same data (JSON values: null, numbers, strings, booleans,
 * arrays and plain objects), so an unchanged view is skipped without serialising it. Conservative:
 * a key present as undefined on one side only counts as a change.
 */
export function isSameContent(a: ViewContent, b: ViewContent): boolean {
  return isSameJson(a, b);
}

function isSameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (!isSameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  return true;
}
