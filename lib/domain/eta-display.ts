/**
 * What the customer's ETA line may honestly say, from the last view and the clock. Pure: no
 * framework imports. A time in the past is never shown as an arrival to come, and an estimate
 * the tracker has not refreshed for a while is shown as old, not as live.
 */
import type { OrderStatus } from "./order-status";

/** A view not refreshed for this long, while the driver carries the order, is old news. */
export const ETA_STALE_AFTER_MS = 5 * 60_000;

/** Closer than this to the best estimate, the line counts down the minutes instead of showing a time. */
export const COUNTDOWN_FROM_MS = 10 * 60_000;

export type EtaWindowInput = { at: string; earliest: string; latest: string };

export type EtaDisplay =
  /** Finished: there is nothing to estimate (the page shows when it happened instead). */
  | { kind: "none" }
  /** Not picked up yet: an ETA comes once the driver sets off. */
  | { kind: "not_yet" }
  /** The driver is at the door. */
  | { kind: "here" }
  /** Out for delivery but no estimate yet (no position). */
  | { kind: "waiting_for_position" }
  /** A fresh estimate, wholly or partly in the future. */
  | { kind: "window"; at: string; earliest: string; latest: string }
  /** A fresh estimate later than promised: "running late", with the new window. */
  | { kind: "running_late"; at: string; earliest: string; latest: string }
  /** Near the end: "arriving in about `minutes` min" (never below 1), ticking down between updates. */
  | { kind: "countdown"; minutes: number; earliest: string; latest: string; isRunningLate: boolean }
  /** The best estimate has passed but the window has not: "any minute now, by …". */
  | { kind: "any_minute"; latest: string }
  /** The estimate is old: no fresh position for `minutesOld` minutes; `latest` is still ahead. */
  | { kind: "stale"; latest: string; minutesOld: number }
  /** Even the window's end has passed: running late; `isWaitingForPosition` when the data is old too. */
  | { kind: "late"; isWaitingForPosition: boolean; minutesOld: number };

export type EtaDisplayInput = {
  status: OrderStatus;
  eta: EtaWindowInput | null;
  /** ISO time the tracker last computed this view. */
  updatedAt: string;
  nowMs: number;
  /** What the customer was promised (ms epoch, see `promisedByMs`): a later estimate is running late. */
  promisedBy?: number | null;
  staleAfterMs?: number;
};

/**
 * The promise an estimate is held to: the order's due time and the end of the first window the
 * customer was shown, whichever is earlier (either one passed is a delay to own up to).
 */
export function promisedByMs(promise: { dueAt: string | null; firstLatest: string | null }): number | null {
  const times = [promise.dueAt, promise.firstLatest].flatMap((time) => (time === null ? [] : [Date.parse(time)])).filter(Number.isFinite);
  return times.length === 0 ? null : Math.min(...times);
}

export function describeEta({ status, eta, updatedAt, nowMs, promisedBy = null, staleAfterMs = ETA_STALE_AFTER_MS }: EtaDisplayInput): EtaDisplay {
  if (status === "delivered" || status === "failed" || status === "cancelled") return { kind: "none" };
  if (status === "arrived") return { kind: "here" };
  const isCarried = status === "picked_up";
  if (eta === null) return isCarried ? { kind: "waiting_for_position" } : { kind: "not_yet" };
  const ageMs = Math.max(0, nowMs - Date.parse(updatedAt));
  const minutesOld = Math.floor(ageMs / 60_000);
  const isStale = isCarried && ageMs > staleAfterMs;
  const latest = Date.parse(eta.latest);
  if (latest < nowMs) return { kind: "late", isWaitingForPosition: isStale, minutesOld };
  if (isStale) return { kind: "stale", latest: eta.latest, minutesOld };
  const at = Date.parse(eta.at);
  if (at < nowMs) return { kind: "any_minute", latest: eta.latest };
  const earliest = new Date(Math.max(Date.parse(eta.earliest), nowMs)).toISOString();
  const isRunningLate = promisedBy !== null && at > promisedBy;
  // The minutes follow the clock from the last estimate; each new view re-anchors them.
  if (at - nowMs < COUNTDOWN_FROM_MS) {
    return { kind: "countdown", minutes: Math.max(1, Math.round((at - nowMs) / 60_000)), earliest, latest: eta.latest, isRunningLate };
  }
  return { kind: isRunningLate ? "running_late" : "window", at: eta.at, earliest, latest: eta.latest };
}

/** Whether "Live" is true: the socket is open and, while the driver carries the order, the data is recent. */
export function isViewFresh(status: OrderStatus, updatedAt: string, nowMs: number, staleAfterMs = ETA_STALE_AFTER_MS): boolean {
  if (status !== "picked_up") return true;
  return nowMs - Date.parse(updatedAt) <= staleAfterMs;
}
