/** "N stops away" for the customer (DESIGN.md, domain rules). Pure: no framework imports. */
import { isFinished, isPickedUp, type OrderStatus } from "./order-status";

/** One stop of a driver's route; a route lists them in visiting order. */
export type RouteStopState = { orderId: string; status: OrderStatus };

/**
 * How many unfinished stops come before `orderId` on its driver's route (0 = "you're next").
 * Null when the order is not on the route (no driver) or is not picked up: before pick-up, or
 * once finished, the figure would promise nothing true. Cancelled stops count as finished.
 * If an id appears twice, its first visit counts.
 */
export function computeStopsAway(route: readonly RouteStopState[], orderId: string): number | null {
  let unfinishedBefore = 0;
  for (const stop of route) {
    if (stop.orderId === orderId) return isPickedUp(stop.status) ? unfinishedBefore : null;
    if (!isFinished(stop.status)) unfinishedBefore++;
  }
  return null;
}

/** `computeStopsAway` for every order on the route in one pass. */
export function computeStopsAwayForRoute(route: readonly RouteStopState[]): Map<string, number | null> {
  const stopsAwayByOrder = new Map<string, number | null>();
  let unfinishedBefore = 0;
  for (const stop of route) {
    if (!stopsAwayByOrder.has(stop.orderId)) {
      stopsAwayByOrder.set(stop.orderId, isPickedUp(stop.status) ? unfinishedBefore : null);
    }
    if (!isFinished(stop.status)) unfinishedBefore++;
  }
  return stopsAwayByOrder;
}
