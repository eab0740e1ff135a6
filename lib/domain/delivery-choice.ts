/**
 * The customer's choices before delivery: leave it at the door, with a neighbour, in a safe
 * place, or "I won't be home" with a request to reschedule that dispatch may accept. Who may
 * choose when, what a reschedule may ask for, and what accepting one means. Pure.
 */
import { isFinished, isPickedUp, ORDER_STATUS_WORDS, type OrderStatus } from "./order-status";

/** Limits of the customer's fields (the schemas and the tracking page's form share them). */
export const MAX_CHOICE_NOTE_LENGTH = 300;
export const MAX_NEIGHBOUR_FIELD_LENGTH = 80;

export const DELIVERY_CHOICE_KINDS = ["door", "neighbour", "safe_place", "reschedule"] as const;
export type DeliveryChoiceKind = (typeof DELIVERY_CHOICE_KINDS)[number];

/** A reschedule is requested by the customer, then accepted by dispatch. */
export const RESCHEDULE_STATES = ["requested", "accepted"] as const;
export type RescheduleState = (typeof RESCHEDULE_STATES)[number];

/** How far ahead a customer may ask for a new day. */
export const MAX_RESCHEDULE_DAYS_AHEAD = 14;

export type ChoiceCheck = { ok: true } | { ok: false; code: string; reason: string };

/**
 * A choice is only for an order that can still be delivered. After a failed delivery the
 * customer may still ask for another day (dispatch then decides), and only that.
 */
export function checkCanChoose(status: OrderStatus, kind: DeliveryChoiceKind): ChoiceCheck {
  if (status === "failed") {
    if (kind === "reschedule") return { ok: true };
    return { ok: false, code: "order_failed", reason: "the delivery failed; you can ask for another day, the other choices are closed" };
  }
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

/**
 * What accepting a reschedule does, by where the order is:
 * - back_to_pool: not in the driver's hands (created, assigned): it leaves any route at once and
 *   waits for a driver (assigned → created);
 * - bring_back: on board (picked up, or at the door: arrived → picked up): it leaves today's
 *   route at once (the customers behind it move up) and stays with the driver, who brings it
 *   back to the depot; handed in there, it returns to the pool (see checkCanHandInAtDepot);
 * - reopen: the delivery failed: the order is tried again on the new day (failed → created).
 */
export type RescheduleOutcome = "back_to_pool" | "bring_back" | "reopen";

export type AcceptCheck = { ok: true; isNoop: true } | { ok: true; isNoop: false; outcome: RescheduleOutcome } | { ok: false; code: string; reason: string };

/**
 * Dispatch accepts a customer's reschedule request, at any status before the order is finished
 * (a failed delivery included: the customer asked for another day after it). Accepting twice is
 * a no-op, so a retried click changes nothing.
 */
export function checkCanAcceptReschedule(status: OrderStatus, choice: { kind: string; rescheduleState: string | null } | null): AcceptCheck {
  if (status === "delivered" || status === "cancelled") return { ok: false, code: "order_finished", reason: `the order is already ${ORDER_STATUS_WORDS[status]}` };
  if (!choice || choice.kind !== "reschedule") return { ok: false, code: "no_reschedule_request", reason: "the customer has not asked to reschedule this order" };
  if (choice.rescheduleState === "accepted") return { ok: true, isNoop: true };
  const outcome: RescheduleOutcome = status === "failed" ? "reopen" : isPickedUp(status) ? "bring_back" : "back_to_pool";
  return { ok: true, isNoop: false, outcome };
}

export type HandInCheck = { ok: true } | { ok: false; code: string; reason: string };

/**
 * The driver hands a parcel in at the depot: only a parcel on board that is on no route any more
 * (its stop left today's route, e.g. a reschedule accepted while on board). It then returns to
 * the pool (picked_up → created) for the agreed day.
 */
export function checkCanHandInAtDepot(status: OrderStatus, isOnRoute: boolean): HandInCheck {
  if (status !== "picked_up") return { ok: false, code: "not_on_board", reason: `the order is ${ORDER_STATUS_WORDS[status]}; only a parcel on board can be handed in at the depot` };
  if (isOnRoute) return { ok: false, code: "still_on_route", reason: "this parcel is still on your route: deliver it, or record why it could not be delivered" };
  return { ok: true };
}

/** The fields of the tracking page's choice form; the single note box is the order's note for the driver. */
export type ChoiceField = "kind" | "neighbourName" | "neighbourDoor" | "safePlace" | "preferredDate" | "windowStart" | "windowEnd" | "note";

/** What is wrong with a field, for a message that names the field and says why. */
export type ChoiceProblem = "required" | "too_long" | "bad_format" | "window_incomplete" | "window_needs_day" | "window_order" | "date_in_past" | "date_too_far" | "invalid_date" | "window_in_past";

export interface ChoiceFieldError {
  field: ChoiceField;
  problem: ChoiceProblem;
}

export interface ChoiceForm {
  kind: DeliveryChoiceKind | null;
  neighbourName: string;
  neighbourDoor: string;
  /** Where the safe place is (stored as the choice's note). */
  safePlace: string;
  preferredDate: string;
  windowStart: string;
  windowEnd: string;
  /** The note for the driver (the order's instructions). */
  note: string;
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const CLOCK_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Every problem of the form, field by field, before anything is sent (the same rules the server
 * applies, so a refusal there is rare): required fields of the chosen kind, lengths, and a
 * reschedule's day and window. An empty kind is fine when only the note is saved.
 */
export function checkChoiceForm(form: ChoiceForm, now: Date, maxNoteLength: number): ChoiceFieldError[] {
  const errors: ChoiceFieldError[] = [];
  const add = (field: ChoiceField, problem: ChoiceProblem) => errors.push({ field, problem });
  const text = (value: string) => value.trim();
  if (text(form.note).length > maxNoteLength) add("note", "too_long");
  switch (form.kind) {
    case null:
    case "door":
      break;
    case "neighbour":
      for (const field of ["neighbourName", "neighbourDoor"] as const) {
        if (text(form[field]) === "") add(field, "required");
        else if (text(form[field]).length > MAX_NEIGHBOUR_FIELD_LENGTH) add(field, "too_long");
      }
      break;
    case "safe_place":
      if (text(form.safePlace) === "") add("safePlace", "required");
      else if (text(form.safePlace).length > MAX_CHOICE_NOTE_LENGTH) add("safePlace", "too_long");
      break;
    case "reschedule": {
      const day = text(form.preferredDate);
      const start = text(form.windowStart);
      const end = text(form.windowEnd);
      if (day !== "" && !DAY_PATTERN.test(day)) add("preferredDate", "bad_format");
      if (start !== "" && !CLOCK_PATTERN.test(start)) add("windowStart", "bad_format");
      if (end !== "" && !CLOCK_PATTERN.test(end)) add("windowEnd", "bad_format");
      if (errors.length > 0) break;
      if ((start === "") !== (end === "")) add(start === "" ? "windowStart" : "windowEnd", "window_incomplete");
      else if (start !== "" && day === "") add("preferredDate", "window_needs_day");
      else if (start !== "" && start >= end) add("windowEnd", "window_order");
      if (errors.length > 0 || day === "") break;
      const wish = checkRescheduleWish({ preferredDate: day, windowStart: start || null, windowEnd: end || null }, now);
      if (!wish.ok) {
        const field = fieldOfChoiceError(wish.code);
        if (field) add(field, wish.code as ChoiceProblem);
      }
      break;
    }
  }
  return errors;
}

/** The field a server's refusal is about (its error code), or null when it names none. */
export function fieldOfChoiceError(code: string): ChoiceField | null {
  switch (code) {
    case "date_in_past":
    case "date_too_far":
    case "invalid_date":
      return "preferredDate";
    case "window_in_past":
      return "windowEnd";
    default:
      return null;
  }
}
