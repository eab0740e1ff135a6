"use client";
import { useState } from "react";
import { adminFetch, errorMessage } from "@/lib/admin/admin-api";
import { usePolled } from "@/lib/admin/use-polled";
import { isFinished, isOrderStatus } from "@/lib/domain/order-status";
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

/**
 * The customer's delivery choice on the order detail, and the decision on a reschedule request:
 * accepting takes the order off its driver's route and makes it due in the requested window.
 */
export function OrderChoice({ orderId, canDispatch, driverName, onChanged }: { orderId: string; canDispatch: boolean; driverName: string | null; onChanged(): void }) {
  const current = usePolled(() => adminFetch(ZAdminOrderChoice, "GET", `/api/admin/orders/${encodeURIComponent(orderId)}/choice`), 5_000, `choice-${orderId}`);
  const [error, setError] = useState<string | null>(null);
  if (current.error) return <p className="admin-error">{current.error}</p>;
  const choice = current.data?.choice ?? null;
  if (!choice) return null;
  const status = current.data?.status;
  const isOpen = status !== undefined && isOrderStatus(status) && !isFinished(status);
  const canAccept = canDispatch && isOpen && choice.kind === "reschedule" && choice.rescheduleState === "requested";

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
      {choice.note && <p>Note: “{choice.note}”</p>}
      {canAccept && (
        <ConfirmDialog
          trigger={(open) => (
            <Button onClick={open} data-testid="accept-reschedule">
              Accept the reschedule
            </Button>
          )}
          title="Accept the customer's reschedule?"
          description={`The order leaves ${driverName ? `${driverName}'s route` : "today's work"} and waits for a driver again${choice.preferredDate ? `, due ${choice.preferredDate}${choice.windowEnd ? ` by ${choice.windowEnd}` : ""}` : ""}. The customer's page shows it as confirmed.`}
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
