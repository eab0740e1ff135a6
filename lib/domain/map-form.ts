/**
 * Which form the tracking page's map area takes: the full map while the driver is shown, else a
 * compact card that says why not and when the driver will appear. Pure.
 */
import { isDriverVisibleToCustomer, type TrackingVisibility } from "./driver-visibility";
import { isFinished, type FinishedStatus, type OrderStatus } from "./order-status";

export type MapForm =
  /** The driver's position is shown: the full map with the driver, the door and the line between. */
  | { kind: "map" }
  /** Finished: no driver will be shown again. */
  | { kind: "finished"; status: FinishedStatus }
  /** Moved to another day: the driver shows on that day, within the same limits. */
  | { kind: "moved"; visibility: TrackingVisibility }
  /** Within the operator's limits, but the server has no position to show yet. */
  | { kind: "waiting_for_position" }
  /** Not picked up yet, or farther than the limits: says when the driver will appear. */
  | { kind: "too_far"; visibility: TrackingVisibility };

export function mapFormFor(input: {
  status: OrderStatus;
  /** Whether the server sent the driver's position (it sends it only when the customer may see it). */
  isDriverShown: boolean;
  stopsAway: number | null;
  /** Minutes until the ETA, null without one. */
  minutesAway: number | null;
  isMovedToNewDay: boolean;
  visibility: TrackingVisibility;
}): MapForm {
  if (isFinished(input.status)) return { kind: "finished", status: input.status };
  if (input.isMovedToNewDay) return { kind: "moved", visibility: input.visibility };
  if (input.isDriverShown) return { kind: "map" };
  const isWithinLimits = isDriverVisibleToCustomer({ status: input.status, stopsAway: input.stopsAway, minutesAway: input.minutesAway, visibility: input.visibility });
  return isWithinLimits ? { kind: "waiting_for_position" } : { kind: "too_far", visibility: input.visibility };
}
