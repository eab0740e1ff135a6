/**
 * A driver's day as one state machine: given the route (stops in visiting order with their
 * statuses) and the taps still waiting on the phone, which stop is current, what each stop
 * offers, and what a tap sends. Used by the server (a driver has at most one stop at the door)
 * and by the driver app (a current stop with big buttons, the rest as a list). Pure.
 *
 * - At most one stop is at the door ("arrived"). The server refuses a second arrival
 *   (`checkCanArrive`, code `stop_at_door`); the app never sends one without first leaving the
 *   stop at the door for later (`planTap` asks).
 * - The current stop: the one at the door; else the stop the driver chose to do first; else the
 *   next stop on board; else the next one still to pick up.
 * - Doing another stop first is an explicit action ("do_first"), never a side effect of a tap.
 */
import { checkStatusTransition, isFinished, type DriverStatus, type OrderStatus } from "./order-status";

/** What a driver can do on a stop; each has words in both languages (lib/i18n/driver-messages.ts). */
export const STOP_ACTIONS = ["pick_up", "arrive", "deliver", "fail", "leave_for_later", "do_first"] as const;
export type StopAction = (typeof STOP_ACTIONS)[number];

/** The status each action sends; "do_first" only changes which stop is current, on the phone. */
export const ACTION_STATUS: Readonly<Record<Exclude<StopAction, "do_first">, DriverStatus>> = {
  pick_up: "picked_up",
  arrive: "arrived",
  deliver: "delivered",
  fail: "failed",
  // Drive off with the parcel still on board: arrived → picked_up, the stop is open again.
  leave_for_later: "picked_up",
};

export interface DayStopInput {
  orderId: string;
  status: OrderStatus;
}

/** A status tap on the phone that the server has not confirmed yet (queued or just sent). */
export interface PendingTap {
  orderId: string;
  status: DriverStatus;
}

export interface PlannedStop<S extends DayStopInput = DayStopInput> {
  stop: S;
  /** 1-based place in the day, as the driver sees it numbered. */
  number: number;
  /** The server's status with this stop's pending taps applied: what the driver did last. */
  status: OrderStatus;
  /** A tap on this stop is on the phone, not yet confirmed by the server. */
  isWaitingToSend: boolean;
  isCurrent: boolean;
  isAtDoor: boolean;
  isFinished: boolean;
  /** What the stop offers, the main action first. */
  actions: StopAction[];
}

export interface PlannedDay<S extends DayStopInput = DayStopInput> {
  stops: PlannedStop<S>[];
  current: PlannedStop<S> | null;
  atDoor: PlannedStop<S> | null;
  /** Stops whose parcel is still to be picked up (the depot). */
  toPickUp: PlannedStop<S>[];
  done: number;
  left: number;
}

/** A stop's status after the taps the server has not confirmed yet; a tap the status no longer allows is ignored. */
export function applyPendingTaps(status: OrderStatus, taps: readonly DriverStatus[]): OrderStatus {
  let shown = status;
  for (const tap of taps) if (checkStatusTransition(shown, tap).ok) shown = tap;
  return shown;
}

function actionsFor(status: OrderStatus, isCurrent: boolean): StopAction[] {
  if (isFinished(status)) return [];
  if (status === "arrived") return ["deliver", "fail", "leave_for_later"];
  if (status === "assigned") return isCurrent ? ["pick_up", "fail"] : ["pick_up"];
  if (status === "picked_up") return isCurrent ? ["arrive", "deliver", "fail"] : ["do_first"];
  return [];
}

/**
 * The day as the driver sees it. `chosenOrderId`: the stop the driver chose to do first (kept on
 * the phone); ignored once it is finished or not on board.
 */
export function planDay<S extends DayStopInput>(stops: readonly S[], options: { pending?: readonly PendingTap[]; chosenOrderId?: string | null } = {}): PlannedDay<S> {
  const pending = options.pending ?? [];
  const shown = stops.map((stop, index) => {
    const taps = pending.filter((tap) => tap.orderId === stop.orderId).map((tap) => tap.status);
    return { stop, number: index + 1, status: applyPendingTaps(stop.status, taps), isWaitingToSend: taps.length > 0 };
  });
  const atDoor = shown.find((entry) => entry.status === "arrived") ?? null;
  const chosen = shown.find((entry) => entry.stop.orderId === options.chosenOrderId && entry.status === "picked_up") ?? null;
  const current = atDoor ?? chosen ?? shown.find((entry) => entry.status === "picked_up") ?? shown.find((entry) => entry.status === "assigned") ?? null;
  const planned: PlannedStop<S>[] = shown.map((entry) => {
    const isCurrent = entry === current;
    return { ...entry, isCurrent, isAtDoor: entry === atDoor, isFinished: isFinished(entry.status), actions: actionsFor(entry.status, isCurrent) };
  });
  const at = (entry: (typeof shown)[number] | null) => (entry ? (planned[shown.indexOf(entry)] ?? null) : null);
  const done = planned.filter((entry) => entry.isFinished).length;
  return {
    stops: planned,
    current: at(current),
    atDoor: at(atDoor),
    toPickUp: planned.filter((entry) => entry.status === "assigned"),
    done,
    left: planned.length - done,
  };
}

/**
 * What a tap does: the statuses to send, in order, and which stop becomes the chosen one
 * (`choose`: an order id, null to clear the choice, undefined to keep it). Leaving the door of
 * one stop for another is never silent: `confirm` names both stops for the question.
 */
export type TapPlan<S extends DayStopInput = DayStopInput> =
  | { kind: "send"; taps: PendingTap[]; choose?: string | null }
  | { kind: "confirm_leave_door"; atDoor: PlannedStop<S>; target: PlannedStop<S>; taps: PendingTap[]; choose: string | null }
  | { kind: "not_allowed" };

/** The next stop on board after `from` in visiting order (wrapping), for "leave for later — drive on". */
function nextOnBoard<S extends DayStopInput>(day: PlannedDay<S>, from: PlannedStop<S>): PlannedStop<S> | null {
  const index = day.stops.indexOf(from);
  const ordered = [...day.stops.slice(index + 1), ...day.stops.slice(0, index)];
  return ordered.find((entry) => entry.status === "picked_up") ?? null;
}

export function planTap<S extends DayStopInput>(day: PlannedDay<S>, orderId: string, action: StopAction): TapPlan<S> {
  const target = day.stops.find((entry) => entry.stop.orderId === orderId);
  if (!target || target.isFinished) return { kind: "not_allowed" };
  const leavesDoor = day.atDoor !== null && day.atDoor !== target;
  switch (action) {
    case "do_first": {
      if (target.status !== "picked_up") return { kind: "not_allowed" };
      if (leavesDoor) return { kind: "confirm_leave_door", atDoor: day.atDoor!, target, taps: [{ orderId: day.atDoor!.stop.orderId, status: "picked_up" }], choose: orderId };
      return { kind: "send", taps: [], choose: orderId };
    }
    case "arrive": {
      if (target.status !== "picked_up") return { kind: "not_allowed" };
      const taps: PendingTap[] = [{ orderId, status: "arrived" }];
      if (leavesDoor) return { kind: "confirm_leave_door", atDoor: day.atDoor!, target, taps: [{ orderId: day.atDoor!.stop.orderId, status: "picked_up" }, ...taps], choose: orderId };
      return { kind: "send", taps, choose: orderId };
    }
    case "leave_for_later": {
      if (target.status !== "arrived") return { kind: "not_allowed" };
      const next = nextOnBoard(day, target);
      return { kind: "send", taps: [{ orderId, status: "picked_up" }], choose: next ? next.stop.orderId : null };
    }
    case "pick_up":
    case "deliver":
    case "fail": {
      const status = ACTION_STATUS[action];
      if (!checkStatusTransition(target.status, status).ok) return { kind: "not_allowed" };
      return { kind: "send", taps: [{ orderId, status }] };
    }
  }
}

/** The stop at the door as the server names it in a refusal. */
export interface StopAtDoor {
  orderId: string;
  /** 1-based place in the driver's day (the number on the driver's screen). */
  number: number;
  address: string;
}

export type ArrivalCheck = { ok: true } | { ok: false; code: "stop_at_door"; reason: string };

/**
 * The server's rule: a driver arrives at one door at a time. `atDoor` is the driver's stop at
 * the door now (read under the driver's row lock), or null.
 */
export function checkCanArrive(orderId: string, atDoor: StopAtDoor | null): ArrivalCheck {
  if (!atDoor || atDoor.orderId === orderId) return { ok: true };
  return {
    ok: false,
    code: "stop_at_door",
    reason: `You are still at the door of stop ${atDoor.number} (${atDoor.address}). Deliver it, record that you couldn't, or leave it for later before arriving at another stop.`,
  };
}
