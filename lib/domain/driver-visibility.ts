/** Privacy rule: when a customer may see the driver's position (DESIGN.md). Pure. */
import { isPickedUp, type OrderStatus } from "./order-status";

/** Default for TRACKING_VISIBLE_STOPS. */
export const DEFAULT_VISIBLE_STOPS = 3;

/**
 * The operator's rule: the driver shows at most `maxStops` stops away and at most `maxMinutes`
 * minutes away (by the ETA). A null limit is not applied; every limit that is set must hold.
 */
export type TrackingVisibility = {
  maxStops: number | null;
  maxMinutes: number | null;
};

export const DEFAULT_TRACKING_VISIBILITY: Readonly<TrackingVisibility> = { maxStops: DEFAULT_VISIBLE_STOPS, maxMinutes: null };

/**
 * True only while the order is picked up, not finished, and within every limit the operator set.
 * A missing figure a limit needs (stops away, an ETA) means hidden, and so does a rule with no
 * limit at all: the rule fails closed.
 */
export function isDriverVisibleToCustomer(input: {
  status: OrderStatus;
  stopsAway: number | null;
  /** Minutes until the expected arrival; null without an ETA. */
  minutesAway: number | null;
  visibility: TrackingVisibility;
}): boolean {
  const { status, stopsAway, minutesAway, visibility } = input;
  // Picked up (picked_up or arrived) already excludes every finished status.
  if (!isPickedUp(status)) return false;
  if (stopsAway === null || stopsAway < 0) return false;
  if (visibility.maxStops === null && visibility.maxMinutes === null) return false;
  if (visibility.maxStops !== null && stopsAway > visibility.maxStops) return false;
  if (visibility.maxMinutes !== null) {
    // "Arrived" is at the door: zero minutes, whatever an old estimate said.
    const minutes = status === "arrived" ? 0 : minutesAway;
    if (minutes === null || !Number.isFinite(minutes) || minutes > visibility.maxMinutes) return false;
  }
  return true;
}
