/** Order statuses and the rules for moving between them. Pure: no framework imports. */
export const ORDER_STATUSES = ["created", "assigned", "picked_up", "arrived", "delivered", "failed", "cancelled"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Statuses a driver may set through the API (DESIGN.md contract). */
export const DRIVER_STATUSES = ["picked_up", "arrived", "delivered", "failed"] as const;
export type DriverStatus = (typeof DRIVER_STATUSES)[number];

export const FINISHED_STATUSES = ["delivered", "failed", "cancelled"] as const satisfies readonly OrderStatus[];
export type FinishedStatus = (typeof FINISHED_STATUSES)[number];

/** Words for a status inside a sentence ("order is already picked up"). */
export const ORDER_STATUS_WORDS: Readonly<Record<OrderStatus, string>> = {
  created: "created",
  assigned: "assigned",
  picked_up: "picked up",
  arrived: "arrived",
  delivered: "delivered",
  failed: "failed",
  cancelled: "cancelled",
};

export function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === "string" && (ORDER_STATUSES as readonly string[]).includes(value);
}

/** Delivered, failed and cancelled orders are done: no further status change, no stop to visit. */
export function isFinished(status: OrderStatus): status is FinishedStatus {
  return (FINISHED_STATUSES as readonly OrderStatus[]).includes(status);
}

/** The goods are with the driver: picked up, possibly already at the door. */
export function isPickedUp(status: OrderStatus): boolean {
  return status === "picked_up" || status === "arrived";
}

/**
 * Where each status may go next (a repeat of the same status is handled separately as a no-op).
 *
 * - assigned → created is "unassigned": the order went back to the pool.
 * - arrived → picked_up is allowed: a driver who reached the door and drives off again still
 *   carries the goods (customer not answering so they try again later in the round, wrong
 *   entrance, "arrived" tapped too early). Forcing "failed" there would end an order that can
 *   still be delivered; the stop simply counts as unfinished again.
 * - Every unfinished status may be cancelled (by support), including arrived.
 * - Finished statuses are terminal.
 */
const NEXT_STATUSES: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  created: ["assigned", "cancelled"],
  assigned: ["created", "picked_up", "failed", "cancelled"],
  picked_up: ["arrived", "delivered", "failed", "cancelled"],
  arrived: ["picked_up", "delivered", "failed", "cancelled"],
  delivered: [],
  failed: [],
  cancelled: [],
};

/** The statuses an order may move to from `from`, e.g. to decide which buttons to offer. */
export function nextStatuses(from: OrderStatus): readonly OrderStatus[] {
  return NEXT_STATUSES[from];
}

export type StatusTransitionCheck = { ok: true; isNoop: boolean } | { ok: false; reason: string };

/**
 * Whether an order may move from `from` to `to`. Setting the status it already has is an
 * allowed no-op, so a retried request succeeds without recording a second change.
 */
export function checkStatusTransition(from: OrderStatus, to: OrderStatus): StatusTransitionCheck {
  if (from === to) return { ok: true, isNoop: true };
  if (isFinished(from)) return { ok: false, reason: `order is already ${ORDER_STATUS_WORDS[from]}` };
  if (NEXT_STATUSES[from].includes(to)) return { ok: true, isNoop: false };
  if (from === "created") return { ok: false, reason: "order has no driver yet" };
  if (from === "assigned") return { ok: false, reason: "order has not been picked up yet" };
  return {
    ok: false,
    reason: `order is ${ORDER_STATUS_WORDS[from]} and cannot go back to ${ORDER_STATUS_WORDS[to]}`,
  };
}
