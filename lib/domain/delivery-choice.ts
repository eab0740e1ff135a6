/**
 * The customer's choices before delivery: leave it at the door, with a neighbour, in a safe
 * place, or "I won't be home" with a request to reschedule that dispatch may accept. Who may
 * choose when, what a reschedule may ask for, and what accepting one means. Pure.
 */
import { isFinished, isPickedUp, ORDER_STATUS_WORDS, type OrderStatus } from "./order-status";

export const DELIVERY_CHOICE_KINDS = ["door", "neighbour", "safe_place", "reschedule"] as const;
export type DeliveryChoiceKind = (typeof DELIVERY_CHOICE_KINDS)[number];

/** A reschedule is requested by the customer, then accepted by dispatch. */
export const RESCHEDULE_STATES = ["requested", "accepted"] as const;
export type RescheduleState = (typeof RESCHEDULE_STATES)[number];

/** How far ahead a customer may ask for a new day. */
export const MAX_RESCHEDULE_DAYS_AHEAD = 14;

export type ChoiceCheck = { ok: true } | { ok: false; code: string; reason: string };

/** A choice is only for an order that can still be delivered. */
export function checkCanChoose(status: OrderStatus): ChoiceCheck {
  if (isFinished(status)) return { ok: false, code: "order_finished", reason: `the order is already ${ORDER_STATUS_WORDS[status]}; the delivery choice can no longer change` };
  return { ok: true };
}

export interface RescheduleWish {
  /** YYYY-MM-DD, a day in the operator's time zone. */
  preferredDate?: string | null;
  /** HH:MM, within that day. */
  windowStart?: string | null;
  windowEnd?: string | null;
}

/** Local midnight of a YYYY-MM-DD day (the schema has checked its shape). */
function startOfDay(date: string): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(year, month - 1, day);
}

/** A local time `HH:MM` on a YYYY-MM-DD day. */
function atTime(date: string, time: string): Date {
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  const day = startOfDay(date);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), hours, minutes);
}

/**
 * The day must exist, be today or later and at most MAX_RESCHEDULE_DAYS_AHEAD days ahead; a
 * window must end after `now` (a window already over cannot be promised).
 */
export function checkRescheduleWish(wish: RescheduleWish, now: Date): ChoiceCheck {
  if (!wish.preferredDate) return { ok: true };
  const day = startOfDay(wish.preferredDate);
  const [year, month, date] = wish.preferredDate.split("-").map(Number);
  if (day.getFullYear() !== year || day.getMonth() + 1 !== month || day.getDate() !== date) {
    return { ok: false, code: "invalid_date", reason: `${wish.preferredDate} is not a day of the calendar` };
  }
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const last = new Date(today.getFullYear(), today.getMonth(), today.getDate() + MAX_RESCHEDULE_DAYS_AHEAD);
  if (day < today) return { ok: false, code: "date_in_past", reason: "the preferred day has already passed" };
  if (day > last) return { ok: false, code: "date_too_far", reason: `the preferred day must be within ${MAX_RESCHEDULE_DAYS_AHEAD} days` };
  const end = wish.windowEnd ? atTime(wish.preferredDate, wish.windowEnd) : new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1);
  if (end <= now) return { ok: false, code: "window_in_past", reason: "the preferred time window is already over" };
  return { ok: true };
}

/**
 * The promise a rescheduled order carries as `dueAt`: the end of the requested window, else the
 * end of the requested day; null when the customer named no day (dispatch promises one later).
 */
export function rescheduledDueAt(wish: RescheduleWish): Date | null {
  if (!wish.preferredDate) return null;
  if (wish.windowEnd) return atTime(wish.preferredDate, wish.windowEnd);
  const day = startOfDay(wish.preferredDate);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), 23, 59);
}

export type AcceptCheck = { ok: true; isNoop: boolean } | { ok: false; code: string; reason: string };

/**
 * Dispatch accepts a customer's reschedule request: the order leaves its driver's route and
 * waits for a driver again, due in the requested window. Refused while the parcel is in the
 * driver's hands (the driver is on the way: message them or let them record the attempt) and
 * once finished. Accepting twice is a no-op, so a retried click changes nothing.
 */
export function checkCanAcceptReschedule(status: OrderStatus, choice: { kind: string; rescheduleState: string | null } | null): AcceptCheck {
  if (isFinished(status)) return { ok: false, code: "order_finished", reason: `the order is already ${ORDER_STATUS_WORDS[status]}` };
  if (!choice || choice.kind !== "reschedule") return { ok: false, code: "no_reschedule_request", reason: "the customer has not asked to reschedule this order" };
  if (choice.rescheduleState === "accepted") return { ok: true, isNoop: true };
  if (isPickedUp(status)) return { ok: false, code: "order_in_progress", reason: "the driver already has the parcel; message the driver, or let them record the attempt" };
  return { ok: true, isNoop: false };
}
