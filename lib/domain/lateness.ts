/** Whether an order is late. Pure: no framework imports. */
import { isFinished, type OrderStatus } from "./order-status";

/** Late = promised for a time that has passed and still not finished: something support can act on. */
export function isOrderLate(order: { status: OrderStatus; dueAt: number | null }, nowMs: number): boolean {
  return order.dueAt !== null && !isFinished(order.status) && nowMs > order.dueAt;
}
