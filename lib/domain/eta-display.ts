/**
 * What the customer's ETA line may honestly say, from the last view and the clock. Pure: no
 * framework imports. A time in the past is never shown as an arrival to come, and an estimate
 * the tracker has not refreshed for a while is shown as old, not as live.
 */
import type { OrderStatus } from "./order-status";

/** A view not refreshed for this long, while the driver carries the order, is old news. */
export const ETA_STALE_AFTER_MS = 5 * 60_000;

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
  staleAfterMs?: number;
};

export function describeEta({ status, eta, updatedAt, nowMs, staleAfterMs = ETA_STALE_AFTER_MS }: EtaDisplayInput): EtaDisplay {
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
  if (Date.parse(eta.at) < nowMs) return { kind: "any_minute", latest: eta.latest };
  return { kind: "window", at: eta.at, earliest: new Date(Math.max(Date.parse(eta.earliest), nowMs)).toISOString(), latest: eta.latest };
}

/** Whether "Live" is true: the socket is open and, while the driver carries the order, the data is recent. */
export function isViewFresh(status: OrderStatus, updatedAt: string, nowMs: number, staleAfterMs = ETA_STALE_AFTER_MS): boolean {
  if (status !== "picked_up") return true;
  return nowMs - Date.parse(updatedAt) <= staleAfterMs;
}
