/** When a driver reached a stop and how long they stayed. Pure: no framework imports. */
import type { OrderStatus } from "./order-status";

export type StatusChange = { to: OrderStatus; at: number };

export interface StopTimes {
  /** ms epoch the driver tapped "arrived", null when they never did. */
  arrivedAt: number | null;
  /** ms epoch of delivered or failed, null while the stop is open. */
  finishedAt: number | null;
  outcome: "delivered" | "failed" | null;
  /** finishedAt − arrivedAt: time spent at the door; null without both. */
  dwellMs: number | null;
}

/**
 * From an order's status changes (any order): the first "arrived" and the last delivered/failed
 * after it. A status set twice (a retry after a failure) counts its final outcome; an arrival
 * after the finish (a correction) is ignored, so dwell is never negative.
 */
export function stopTimes(changes: readonly StatusChange[]): StopTimes {
  const sorted = [...changes].sort((a, b) => a.at - b.at);
  const finish = sorted.filter((change) => change.to === "delivered" || change.to === "failed").at(-1) ?? null;
  const arrival = sorted.find((change) => change.to === "arrived" && (finish === null || change.at <= finish.at)) ?? null;
  const arrivedAt = arrival?.at ?? null;
  const finishedAt = finish?.at ?? null;
  return {
    arrivedAt,
    finishedAt,
    outcome: finish ? (finish.to as "delivered" | "failed") : null,
    dwellMs: arrivedAt !== null && finishedAt !== null ? finishedAt - arrivedAt : null,
  };
}
