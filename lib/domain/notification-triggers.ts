/**
 * Which customer notifications an order's change calls for. Pure: no framework imports. The
 * dispatcher (server/features/notifications) sends each kind at most once per recipient, so these
 * functions say what a change means, not whether it was already told.
 */
import type { TOrderEvent } from "../schemas/events";
import { lateReason } from "./lateness";
import type { OrderStatus } from "./order-status";

export const NOTIFICATION_KINDS = ["out_for_delivery", "stops_away", "arriving", "delivered", "failed", "running_late"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const DEFAULT_NOTIFY_STOPS_AWAY = 3;

/** What the message says besides its kind: the stops-away figure when there is one. */
export type NotificationTrigger = { kind: NotificationKind; stopsAway: number | null };

/**
 * The notifications one ORDERS event calls for, in the order they happened. `notifyStopsAway`
 * is the operator's N: "N stops away" is told once the figure is N or fewer (and not 0, which
 * is "arriving": the driver's next stop is this one, or the driver is at the door).
 */
export function notificationsForEvent(event: TOrderEvent, notifyStopsAway: number): NotificationTrigger[] {
  if (event.type === "order.progress") {
    const stopsAway = event.stopsAway;
    const triggers: NotificationTrigger[] = event.stage === "out_for_delivery" ? [{ kind: "out_for_delivery", stopsAway }] : [];
    if (stopsAway === 0) triggers.push({ kind: "arriving", stopsAway: 0 });
    // The first figure comes with "out for delivery", which already says it.
    else if (event.stage === "stops_away" && stopsAway !== null && stopsAway <= notifyStopsAway) triggers.push({ kind: "stops_away", stopsAway });
    return triggers;
  }
  if (event.type === "order.status_changed") {
    if (event.to === "arrived") return [{ kind: "arriving", stopsAway: 0 }];
    if (event.to === "delivered") return [{ kind: "delivered", stopsAway: null }];
    if (event.to === "failed") return [{ kind: "failed", stopsAway: null }];
  }
  return [];
}

/**
 * After this event the order's subscriptions have nothing more to tell (finished), or belong to
 * a link that no longer works (replaced): they are deleted once the event is handled.
 */
export function endsSubscriptions(event: TOrderEvent): boolean {
  if (event.type === "order.tracking_link_changed") return true;
  return event.type === "order.status_changed" && (event.to === "delivered" || event.to === "failed" || event.to === "cancelled");
}

/**
 * Whether a customer view says the order is running late: it has a promised time (`dueAt`) and
 * either that time has passed unfinished, or the tracker's best estimate is after it. The
 * view's own time is the clock, so a replayed view decides as it did.
 */
export function isRunningLate(view: { status: OrderStatus; eta: { at: string } | null; updatedAt: string }, dueAtMs: number | null): boolean {
  const etaAt = view.eta ? Date.parse(view.eta.at) : null;
  return lateReason({ status: view.status, dueAt: dueAtMs, etaAt }, Date.parse(view.updatedAt)) !== null;
}
