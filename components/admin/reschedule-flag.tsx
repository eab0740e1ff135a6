"use client";
import type { TAdminOrderRow } from "@/lib/schemas/admin-responses";
import { useAdminMessages } from "@/lib/admin/use-admin-messages";
import { useLocale } from "@/lib/i18n/locale-provider";

/**
 * The customer's request for another day on an order's row: "New day asked" while it waits for
 * dispatch (it is also an alert), "Moved to Wed 10 Dec" once accepted.
 */
export function RescheduleFlag({ reschedule }: { reschedule: TAdminOrderRow["reschedule"] }) {
  const t = useAdminMessages();
  const locale = useLocale();
  if (!reschedule) return null;
  const day = reschedule.preferredDate ? new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "short" }).format(new Date(`${reschedule.preferredDate}T12:00:00`)) : null;
  return reschedule.state === "requested" ? (
    <span className="ui-badge ui-badge--warn admin-reschedule" data-testid="order-row-reschedule" data-state="requested" title={t.rescheduleFlag.askedTitle}>
      {t.rescheduleFlag.asked(day)}
    </span>
  ) : (
    <span className="ui-badge ui-badge--info admin-reschedule" data-testid="order-row-reschedule" data-state="accepted">
      {t.rescheduleFlag.moved(day)}
    </span>
  );
}
