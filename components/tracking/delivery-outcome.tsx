"use client";
import { useLocale, useMessages } from "@/lib/i18n/locale-provider";
import { deliveredToLine, failureOf, FAILURE_REASON_WORDS } from "@/lib/i18n/outcome-words";
import type { TDeliveryProofSummary } from "@/lib/schemas/customer";
import type { FailureReason, TDeliveredTo } from "@/lib/schemas/driver";
import { Card } from "../ui/card";

export interface DeliveryOutcomeProps {
  status: "delivered" | "failed";
  proof: TDeliveryProofSummary | null;
  /** The note of the status change: the driver's own words (older orders: a failure's reason in English). */
  note: string | null;
  /** A failure's reason as a code, said in the page's language. */
  reason?: FailureReason | null;
  /** Where the parcel was left: the customer, the door, a neighbour, a safe place. */
  deliveredTo?: TDeliveredTo | null;
}

/**
 * After the order is finished: the driver's proof (photo and signature, each captioned) with the
 * note, or the note alone under its own title; for a failure, the reason and what happens next.
 * The time is in the page's headline, not repeated here.
 */
export function DeliveryOutcome({ status, proof, note, reason = null, deliveredTo = null }: DeliveryOutcomeProps) {
  const messages = useMessages().tracking;
  const locale = useLocale();
  const shownNote = proof?.note ?? note;
  if (status === "failed") {
    const failure = failureOf(reason, note);
    return (
      <Card title={messages.proof.failedTitle} tone="warning" data-testid="delivery-outcome">
        {failure.reason && (
          <p className="proof__note" data-testid="failure-reason">
            {FAILURE_REASON_WORDS[locale][failure.reason]}
          </p>
        )}
        {failure.note && <p className="proof__note">{failure.note}</p>}
        <p>{messages.failedNext}</p>
      </Card>
    );
  }
  const hasImages = Boolean(proof?.photoUrl || proof?.signatureUrl);
  if (!hasImages && !shownNote && !deliveredTo) return null;
  return (
    <Card title={hasImages ? messages.proof.title : shownNote ? messages.proof.noteTitle : messages.proof.title} data-testid="delivery-outcome">
      {deliveredTo && (
        <p className="proof__where" data-testid="delivered-to">
          {deliveredToLine(locale, deliveredTo, "customer")}
        </p>
      )}
      <div className="proof" data-testid="delivery-proof">
        {/* Proof images are served to this link's holder only, straight from the API. */}
        {proof?.photoUrl && (
          <figure className="proof__figure">
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img className="proof__photo" src={proof.photoUrl} alt={messages.proof.photo} />
            <figcaption>{messages.proof.photoCaption}</figcaption>
          </figure>
        )}
        {proof?.signatureUrl && (
          <figure className="proof__figure">
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img className="proof__signature" src={proof.signatureUrl} alt={messages.proof.signature} />
            <figcaption>{messages.proof.signatureCaption}</figcaption>
          </figure>
        )}
        {shownNote &&
          (hasImages ? (
            <p className="proof__note">
              {messages.proof.noteLabel}: {shownNote}
            </p>
          ) : (
            <p className="proof__note">{shownNote}</p>
          ))}
      </div>
    </Card>
  );
}
