"use client";
import { useState } from "react";
import { adminFetch, errorMessage } from "@/lib/admin/admin-api";
import { usePolled } from "@/lib/admin/use-polled";
import { isOrderStatus, type OrderStatus } from "@/lib/domain/order-status";
import { formatTime } from "@/lib/i18n/format";
import { ZAdminOrderChoice, type TDeliveryChoice } from "@/lib/schemas/delivery-choice";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/dialog";
import { useAdminMessages } from "@/lib/admin/use-admin-messages";
import type { AdminMessages } from "@/lib/i18n/admin-messages";
import { useLocale } from "@/lib/i18n/locale-provider";
import type { Locale } from "@/lib/i18n/locales";

function describe(choice: TDeliveryChoice, t: AdminMessages): string {
  switch (choice.kind) {
    case "door":
      return t.choice.door;
    case "neighbour":
      return t.choice.neighbour(choice.neighbourName ?? "?", choice.neighbourDoor ?? "?");
    case "safe_place":
      return t.choice.safePlace;
    case "reschedule": {
      const when = choice.preferredDate ? `${choice.preferredDate}${choice.windowStart && choice.windowEnd ? `, ${choice.windowStart}–${choice.windowEnd}` : ""}` : t.choice.noDay;
      return t.choice.reschedule(when, choice.rescheduleState === "accepted");
    }
  }
}

/** "due Wed 10 Dec by 12:00", or "" when the customer named no day. */
function dueWords(choice: TDeliveryChoice, t: AdminMessages, locale: Locale): string {
  if (!choice.preferredDate) return "";
  const day = new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "short" }).format(new Date(`${choice.preferredDate}T12:00:00`));
  return t.choice.due(day, choice.windowEnd ?? null);
}

/** What accepting does, by where the order is (lib/domain/delivery-choice.ts checkCanAcceptReschedule). */
function acceptEffect(status: OrderStatus, choice: TDeliveryChoice, driverName: string | null, t: AdminMessages, locale: Locale): string {
  const due = dueWords(choice, t, locale);
  if (status === "picked_up" || status === "arrived") return t.choice.effectOnBoard(driverName, due);
  if (status === "failed") return t.choice.effectFailed(due);
  return t.choice.effectOpen(driverName, due);
}

/**
 * The customer's delivery choice on the order detail, and the decision on a request for another
 * day, at any status before the order is finished: the dialog says what accepting does there.
 */
export function OrderChoice({ orderId, canDispatch, driverName, onChanged }: { orderId: string; canDispatch: boolean; driverName: string | null; onChanged(): void }) {
  const t = useAdminMessages();
  const locale = useLocale();
  const current = usePolled(() => adminFetch(ZAdminOrderChoice, "GET", `/api/admin/orders/${encodeURIComponent(orderId)}/choice`), 5_000, `choice-${orderId}`);
  const [error, setError] = useState<string | null>(null);
  if (current.error) return <p className="admin-error">{current.error}</p>;
  const choice = current.data?.choice ?? null;
  if (!choice) return null;
  const status = current.data?.status;
  const isOpen = status !== undefined && isOrderStatus(status) && status !== "delivered" && status !== "cancelled";
  const canAccept = canDispatch && isOpen && choice.kind === "reschedule" && choice.rescheduleState === "requested";
  const isBringingBack = status === "picked_up" && choice.kind === "reschedule" && choice.rescheduleState === "accepted";

  const accept = async () => {
    setError(null);
    try {
      await adminFetch(ZAdminOrderChoice, "POST", `/api/admin/orders/${encodeURIComponent(orderId)}/reschedule/accept`, {});
      void current.reload();
      onChanged();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <section aria-label={t.choice.title} className="admin-choice" data-testid="order-choice" data-kind={choice.kind} data-reschedule={choice.rescheduleState ?? undefined}>
      <h3 className="admin-section-title">{t.choice.title}</h3>
      <p>
        {describe(choice, t)} <span className="admin-muted">· {formatTime(choice.chosenAt)}</span>
      </p>
      {choice.note && (
        <p>
          {choice.kind === "safe_place" ? t.choice.where : t.choice.note}: “{choice.note}”
        </p>
      )}
      {isBringingBack && <p data-testid="order-choice-bring-back">{t.choice.bringBack(driverName)}</p>}
      {canAccept && status !== undefined && isOrderStatus(status) && (
        <ConfirmDialog
          trigger={(open) => (
            <Button onClick={open} data-testid="accept-reschedule">
              {t.choice.accept}
            </Button>
          )}
          title={t.choice.acceptTitle}
          description={acceptEffect(status, choice, driverName, t, locale)}
          confirmLabel={t.choice.acceptConfirm}
          tone="primary"
          cancelLabel={t.choice.notNow}
          onConfirm={accept}
        />
      )}
      {error && (
        <p className="admin-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
