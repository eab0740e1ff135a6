"use client";
import type { OrderStatus } from "@/lib/domain/order-status";
import { useAdminMessages } from "@/lib/admin/use-admin-messages";

/** How the dashboard names a status: words a person uses, not the API's enum (lib/i18n/admin-messages.ts `status`). */
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
  const t = useAdminMessages();
  return <span className={`ui-badge${STATUS_TONES[status] ? ` ui-badge--${STATUS_TONES[status]}` : ""}`}>{t.status[status]}</span>;
}
