/** Figures of the dashboard's insight panel. Pure: no framework imports. */

/** The median of `values`, or null for none (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface DeliveredOrder {
  finishedAt: number;
  /** When the customer was promised it; null when no promise was made. */
  dueAt: number | null;
}

/**
 * On time = delivered at or before `dueAt`. Only orders with a `dueAt` count: an order without
 * a promise can be neither late nor on time. Null when no delivered order had one.
 */
export function onTimeRate(orders: readonly DeliveredOrder[]): { onTime: number; withDueAt: number; rate: number | null } {
  const promised = orders.filter((order) => order.dueAt !== null);
  const onTime = promised.filter((order) => order.finishedAt <= order.dueAt!).length;
  return { onTime, withDueAt: promised.length, rate: promised.length ? onTime / promised.length : null };
}
