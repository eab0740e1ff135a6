"use client";
import { useMessages } from "@/lib/i18n/locale-provider";
import type { TDeliveryProofSummary } from "@/lib/schemas/customer";
import { Card } from "../ui/card";

export interface DeliveryOutcomeProps {
  status: "delivered" | "failed";
  proof: TDeliveryProofSummary | null;
  /** The note of the status change: the driver's note, or a failure's reason. */
  note: string | null;
}

/**
 * After the order is finished: the driver's proof (photo and signature, each captioned) with the
 * note, or the note alone under its own title; for a failure, the reason and what happens next.
 * The time is in the page's headline, not repeated here.
 */
export function DeliveryOutcome({ status, proof, note }: DeliveryOutcomeProps) {
  const messages = useMessages().tracking;
  const shownNote = proof?.note ?? note;
  if (status === "failed") {
    return (
      <Card title={messages.proof.failedTitle} tone="warning" data-testid="delivery-outcome">
        {note && <p className="proof__note">{note}</p>}
        <p>{messages.failedNext}</p>
      </Card>
    );
  }
  const hasImages = Boolean(proof?.photoUrl || proof?.signatureUrl);
  if (!hasImages && !shownNote) return null;
  return (
    <Card title={hasImages ? messages.proof.title : messages.proof.noteTitle} data-testid="delivery-outcome">
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
        {shownNote && (hasImages ? <p className="proof__note">{messages.proof.noteLabel}: {shownNote}</p> : <p className="proof__note">{shownNote}</p>)}
      </div>
    </Card>
  );
}
