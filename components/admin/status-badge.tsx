import type { OrderStatus } from "@/lib/domain/order-status";

/** How the dashboard names a status: words a person uses, not the API's enum. */
export const STATUS_LABELS: Readonly<Record<OrderStatus, string>> = {
  created: "Waiting for a driver",
  assigned: "Assigned",
  picked_up: "Picked up",
  arrived: "At the door",
  delivered: "Delivered",
  failed: "Failed",
  cancelled: "Cancelled",
};

export const STATUS_TONES: Readonly<Record<OrderStatus, "info" | "live" | "warn" | "danger" | "">> = {
  created: "",
  assigned: "info",
  picked_up: "info",
  arrived: "warn",
  delivered: "live",
  failed: "danger",
  cancelled: "danger",
};

export function StatusBadge({ status }: { status: OrderStatus }) {
  return <span className={`ui-badge${STATUS_TONES[status] ? ` ui-badge--${STATUS_TONES[status]}` : ""}`}>{STATUS_LABELS[status]}</span>;
}
