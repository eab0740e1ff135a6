/** Whether an order is late. Pure: no framework imports. */
import { isFinished, type OrderStatus } from "./order-status";

/** Late = promised for a time that has passed and still not finished: something support can act on. */
export function isOrderLate(order: { status: OrderStatus; dueAt: number | null }, nowMs: number): boolean {
  return order.dueAt !== null && !isFinished(order.status) && nowMs > order.dueAt;
}

export type LateReason = "overdue" | "eta_after_due";

/**
 * Why an order needs a warning, or null. Only unfinished orders with a promised time qualify:
 * - overdue: the promised time has passed (whatever the ETA says);
 * - eta_after_due: still before the promised time, but the tracker's best estimate (the ETA's
 *   `at`, not its window) is after it, so support can act before the customer is let down.
 */
export function lateReason(order: { status: OrderStatus; dueAt: number | null; etaAt: number | null }, nowMs: number): LateReason | null {
  if (order.dueAt === null || isFinished(order.status)) return null;
  if (nowMs > order.dueAt) return "overdue";
  if (order.etaAt !== null && order.etaAt > order.dueAt) return "eta_after_due";
  return null;
}
