"use client";
import { useMessages } from "@/lib/i18n/locale-provider";
import type { TDeliveryChoice } from "@/lib/schemas/delivery-choice";

const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short" });

/** The customer's delivery choice on a stop: where to leave the parcel, or that they asked for another day. */
export function DeliveryChoiceNote({ choice }: { choice: TDeliveryChoice }) {
  const t = useMessages().driver.choice;
  const headline =
    choice.kind === "door"
      ? t.door
      : choice.kind === "neighbour"
        ? t.neighbour(choice.neighbourName ?? "", choice.neighbourDoor ?? "")
        : choice.kind === "safe_place"
          ? `${t.safePlace}: ${choice.note ?? ""}`
          : t.reschedule;
  const day = choice.preferredDate ? dayFormat.format(new Date(`${choice.preferredDate}T12:00:00`)) : null;
  const when = choice.kind === "reschedule" ? t.rescheduleWhen(day, choice.windowStart, choice.windowEnd) : null;
  return (
    <div className={`stop-card__choice stop-card__choice--${choice.kind}`} data-testid="stop-choice" data-kind={choice.kind} data-reschedule={choice.rescheduleState ?? undefined}>
      <p className="stop-card__choice-headline">{headline}</p>
      {choice.kind === "reschedule" ? (
        <p>
          {when ? `${when} · ` : ""}
          {choice.rescheduleState === "accepted" ? t.rescheduleAccepted : t.rescheduleRequested}
        </p>
      ) : null}
      {/* A safe place's note is where it is (in the headline); other kinds' notes come from before the one note box. */}
      {choice.note && choice.kind !== "safe_place" ? (
        <p>
          {t.note}: “{choice.note}”
        </p>
      ) : null}
    </div>
  );
}
