/** Privacy rule: when a customer may see the driver's position (DESIGN.md). Pure. */
import { isPickedUp, type OrderStatus } from "./order-status";

/** Default for TRACKING_VISIBLE_STOPS. */
export const DEFAULT_VISIBLE_STOPS = 3;

/**
 * True only while the order is picked up, not finished, and at most `visibleStops` stops away.
 * A missing stops-away figure means hidden: the rule fails closed.
 */
export function isDriverVisibleToCustomer(input: {
  status: OrderStatus;
  stopsAway: number | null;
  visibleStops: number;
}): boolean {
  const { status, stopsAway, visibleStops } = input;
  // Picked up (picked_up or arrived) already excludes every finished status.
  if (!isPickedUp(status)) return false;
  return stopsAway !== null && stopsAway >= 0 && stopsAway <= visibleStops;
}
