"use client";
import type { TAdminOrderRow } from "@/lib/schemas/admin-responses";

const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short" });

/**
 * The customer's request for another day on an order's row: "New day asked" while it waits for
 * dispatch (it is also an alert), "Moved to Wed 10 Dec" once accepted.
 */
export function RescheduleFlag({ reschedule }: { reschedule: TAdminOrderRow["reschedule"] }) {
  if (!reschedule) return null;
  const day = reschedule.preferredDate ? dayFormat.format(new Date(`${reschedule.preferredDate}T12:00:00`)) : null;
  return reschedule.state === "requested" ? (
    <span className="ui-badge ui-badge--warn admin-reschedule" data-testid="order-row-reschedule" data-state="requested" title="The customer asked for another day: open the order to accept it">
      New day asked{day ? `: ${day}` : ""}
    </span>
  ) : (
    <span className="ui-badge ui-badge--info admin-reschedule" data-testid="order-row-reschedule" data-state="accepted">
      {day ? `Moved to ${day}` : "Moved: day to agree"}
    </span>
  );
}
