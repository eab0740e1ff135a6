"use client";
import { useState } from "react";
import { adminFetch, errorMessage } from "@/lib/admin/admin-api";
import { ZRegeneratedTrackingLink } from "@/lib/schemas/order-admin";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/dialog";
import { useAdminMessages } from "@/lib/admin/use-admin-messages";

/**
 * Replaces the customer's tracking link (sent to the wrong person, or leaked). The new link is
 * shown once, here: only its hash is stored, so it cannot be shown again later.
 */
export function TrackingLinkAction({ orderId, customerName }: { orderId: string; customerName: string }) {
  const t = useAdminMessages();
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onRegenerate = async () => {
    setError(null);
    try {
      const answer = await adminFetch(ZRegeneratedTrackingLink, "POST", `/api/admin/orders/${encodeURIComponent(orderId)}/tracking-link`);
      setLink(new URL(answer.trackingUrl, window.location.origin).toString());
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  return (
    <div className="admin-token">
      <ConfirmDialog
        trigger={(open) => (
          <Button size="sm" onClick={open} data-testid="regenerate-tracking-link">
            {t.trackingLink.replace}
          </Button>
        )}
        title={t.trackingLink.title(customerName)}
        description={t.trackingLink.description}
        confirmLabel={t.trackingLink.confirm}
        onConfirm={onRegenerate}
      />
      {link && (
        <p>
          {t.trackingLink.sendThis} <code data-testid="new-tracking-link">{link}</code>
        </p>
      )}
      {error && (
        <p className="admin-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
