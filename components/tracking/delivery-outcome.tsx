"use client";
import { formatTime } from "@/lib/i18n/format";
import { useMessages } from "@/lib/i18n/locale-provider";
import type { TDeliveryProofSummary } from "@/lib/schemas/customer";
import { useIsHydrated } from "../use-is-hydrated";

export interface DeliveryOutcomeProps {
  status: "delivered" | "failed";
  /** ISO time the order was finished. */
  at: string;
  proof: TDeliveryProofSummary | null;
  /** The note of the status change: shown when there is no proof record to show it. */
  note: string | null;
}

/** When the order was delivered (or failed), and the driver's proof of delivery when there is one. */
export function DeliveryOutcome({ status, at, proof, note }: DeliveryOutcomeProps) {
  const messages = useMessages().tracking;
  const isHydrated = useIsHydrated();
  const time = isHydrated ? formatTime(at) : "";
  const shownNote = proof?.note ?? note;
  return (
    <section className="card" aria-labelledby="outcome-heading" data-testid="delivery-outcome">
      <h2 id="outcome-heading" className="tracking__outcome">
        <time dateTime={at} data-testid="finished-at">
          {status === "delivered" ? messages.deliveredAt(time) : messages.failedAt(time)}
        </time>
      </h2>
      {status === "failed" && note && <p>{messages.failedReason(note)}</p>}
      {status === "delivered" && (proof?.photoUrl || proof?.signatureUrl || shownNote) && (
        <div className="proof" data-testid="delivery-proof">
          <h3 className="card__title">{messages.proof.title}</h3>
          {/* Proof images are served to this link's holder only, straight from the API. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          {proof?.photoUrl && <img className="proof__photo" src={proof.photoUrl} alt={messages.proof.photo} />}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          {proof?.signatureUrl && <img className="proof__signature" src={proof.signatureUrl} alt={messages.proof.signature} />}
          {shownNote && (
            <p className="proof__note">
              {messages.proof.noteLabel}: {shownNote}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
