"use client";
import { ZAdminOrderDelivery } from "@/lib/schemas/order-admin";
import { adminFetch } from "@/lib/admin/admin-api";
import { usePolled } from "@/lib/admin/use-polled";
import { formatTime } from "@/lib/i18n/format";
import { deliveredToLine } from "@/lib/i18n/outcome-words";
import { useAdminMessages } from "@/lib/admin/use-admin-messages";
import { useLocale } from "@/lib/i18n/locale-provider";

/** How the delivery ended: where the parcel was left, the driver's proof (photo, signature, note) and the customer's rating. */
export function OrderDelivery({ orderId }: { orderId: string }) {
  const t = useAdminMessages();
  const locale = useLocale();
  const delivery = usePolled(() => adminFetch(ZAdminOrderDelivery, "GET", `/api/admin/orders/${encodeURIComponent(orderId)}/delivery`), 10_000, orderId);
  const { proof, feedback, deliveredTo = null } = delivery.data ?? { proof: null, feedback: null };
  if (delivery.error) return <p className="admin-error">{delivery.error}</p>;
  if (!proof && !feedback && !deliveredTo) return null;
  return (
    <div className="admin-delivery" data-testid="order-delivery">
      {deliveredTo && <p data-testid="order-delivered-to">{deliveredToLine(locale, deliveredTo, "staff")}</p>}
      {proof && (
        <figure data-testid="order-proof">
          {/* eslint-disable-next-line @next/next/no-img-element -- a cookie-authorised private image: next/image's optimiser would fetch it without the cookie */}
          {proof.photoUrl && <img src={proof.photoUrl} alt={t.delivery.photo} data-testid="order-proof-photo" />}
          {/* eslint-disable-next-line @next/next/no-img-element -- as above */}
          {proof.signatureUrl && <img src={proof.signatureUrl} alt={t.delivery.signature} data-testid="order-proof-signature" />}
          <figcaption>
            Proof left {formatTime(proof.createdAt)}
            {proof.note && <> · “{proof.note}”</>}
          </figcaption>
        </figure>
      )}
      {feedback && (
        <p data-testid="order-rating">
          {t.delivery.rating}{" "}
          <strong aria-label={t.delivery.ratingLabel(feedback.rating)}>
            {"★".repeat(feedback.rating)}
            {"☆".repeat(5 - feedback.rating)}
          </strong>
          {feedback.comment && <> · “{feedback.comment}”</>}
        </p>
      )}
    </div>
  );
}
