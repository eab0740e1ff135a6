"use client";
import { useState } from "react";
import { adminFetch, errorMessage } from "@/lib/admin/admin-api";
import type { TRegeneratedTrackingLink } from "@/lib/schemas/order-admin";

/**
 * Replaces the customer's tracking link (sent to the wrong person, or leaked). The new link is
 * shown once, here: only its hash is stored, so it cannot be shown again later.
 */
export function TrackingLinkAction({ orderId }: { orderId: string }) {
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const onRegenerate = async () => {
    if (!window.confirm("Replace this order's tracking link? The customer's current link stops working at once.")) return;
    setIsBusy(true);
    setError(null);
    try {
      const answer = await adminFetch<TRegeneratedTrackingLink>("POST", `/api/admin/orders/${encodeURIComponent(orderId)}/tracking-link`);
      setLink(new URL(answer.trackingUrl, window.location.origin).toString());
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setIsBusy(false);
    }
  };
  return (
    <div className="admin-token">
      <button type="button" onClick={() => void onRegenerate()} disabled={isBusy} data-testid="regenerate-tracking-link">
        New tracking link
      </button>
      {link && (
        <p>
          Send the customer this link (shown once): <code data-testid="new-tracking-link">{link}</code>
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
