"use client";
import { useState } from "react";
import { adminFetch, errorMessage } from "@/lib/admin/admin-api";
import { usePolled } from "@/lib/admin/use-polled";
import { isOrderStatus, type OrderStatus } from "@/lib/domain/order-status";
import { formatTime } from "@/lib/i18n/format";
import { ZAdminOrderChoice, type TDeliveryChoice } from "@/lib/schemas/delivery-choice";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/dialog";

function describe(choice: TDeliveryChoice): string {
  switch (choice.kind) {
    case "door":
      return "Leave it at the door";
    case "neighbour":
      return `Leave it with a neighbour: ${choice.neighbourName ?? "?"}, ${choice.neighbourDoor ?? "?"}`;
    case "safe_place":
      return "Leave it in a safe place";
    case "reschedule": {
      const when = choice.preferredDate ? `${choice.preferredDate}${choice.windowStart && choice.windowEnd ? `, ${choice.windowStart}–${choice.windowEnd}` : ""}` : "no day named";
      return `Won't be home: reschedule (${when}) · ${choice.rescheduleState === "accepted" ? "accepted" : "waiting for dispatch"}`;
    }
  }
}

const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short" });

/** "due Wed 10 Dec by 12:00", or "" when the customer named no day. */
function dueWords(choice: TDeliveryChoice): string {
  if (!choice.preferredDate) return "";
  const day = dayFormat.format(new Date(`${choice.preferredDate}T12:00:00`));
  return `, due ${day}${choice.windowEnd ? ` by ${choice.windowEnd}` : ""}`;
}

/** What accepting does, by where the order is (lib/domain/delivery-choice.ts checkCanAcceptReschedule). */
function acceptEffect(status: OrderStatus, choice: TDeliveryChoice, driverName: string | null): string {
  const due = dueWords(choice);
  const driver = driverName ?? "The driver";
  if (status === "picked_up" || status === "arrived") {
    return `${driver} has the parcel on board: it leaves today's route now (the customers after it move up) and ${driverName ?? "the driver"}'s app lists it under "Bring back to the depot". Once handed in there, it waits for a driver${due}. The customer's page shows the new day and no ETA for today.`;
  }
  if (status === "failed") return `The failed delivery is reopened: the order waits for a driver again${due}. The customer's page shows the new day.`;
  return `The order leaves ${driverName ? `${driverName}'s route` : "today's work"} and waits for a driver again${due}. The customer's page shows the new day.`;
}

/**
 * The customer's delivery choice on the order detail, and the decision on a request for another
 * day, at any status before the order is finished: the dialog says what accepting does there.
 */
export function OrderChoice({ orderId, canDispatch, driverName, onChanged }: { orderId: string; canDispatch: boolean; driverName: string | null; onChanged(): void }) {
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
      current.reload();
      onChanged();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <section aria-label="Customer's choice" className="admin-choice" data-testid="order-choice" data-kind={choice.kind} data-reschedule={choice.rescheduleState ?? undefined}>
      <h3 className="admin-section-title">Customer&apos;s choice</h3>
      <p>
        {describe(choice)} <span className="admin-muted">· {formatTime(choice.chosenAt)}</span>
      </p>
      {choice.note && <p>{choice.kind === "safe_place" ? "Where" : "Note"}: “{choice.note}”</p>}
      {isBringingBack && <p data-testid="order-choice-bring-back">On board: {driverName ?? "the driver"} brings it back to the depot, then it waits for a driver for the new day.</p>}
      {canAccept && status !== undefined && isOrderStatus(status) && (
        <ConfirmDialog
          trigger={(open) => (
            <Button onClick={open} data-testid="accept-reschedule">
              Accept the new day
            </Button>
          )}
          title="Accept the customer's new day?"
          description={acceptEffect(status, choice, driverName)}
          confirmLabel="Accept"
          tone="primary"
          cancelLabel="Not now"
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
