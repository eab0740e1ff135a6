"use client";
import { useState, type FormEvent } from "react";
import { DELIVERY_CHOICE_KINDS, MAX_RESCHEDULE_DAYS_AHEAD, type DeliveryChoiceKind } from "@/lib/domain/delivery-choice";
import { useMessages } from "@/lib/i18n/locale-provider";
import type { Messages } from "@/lib/i18n/messages";
import { saveDeliveryChoice } from "@/lib/realtime/customer-api";
import { MAX_CHOICE_NOTE_LENGTH, MAX_NEIGHBOUR_FIELD_LENGTH, type TDeliveryChoice, type TDeliveryChoiceRequest } from "@/lib/schemas/delivery-choice";
import { FormField } from "../ui/form-field";
import { useIsHydrated } from "../use-is-hydrated";

type SaveState = { phase: "idle" | "saving" | "saved" } | { phase: "failed"; code: string };

/** YYYY-MM-DD of a local day `offset` days from today (the date input's bounds). */
function localDay(offset: number): string {
  const now = new Date();
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, "0")}-${String(day.getDate()).padStart(2, "0")}`;
}

/** The saved choice in one sentence, with a reschedule's state (requested or accepted by the sender). */
function describe(choice: TDeliveryChoice, messages: Messages["tracking"]["choice"]): string {
  switch (choice.kind) {
    case "door":
      return messages.current.door;
    case "neighbour":
      return messages.current.neighbour(choice.neighbourName ?? "", choice.neighbourDoor ?? "");
    case "safe_place":
      return messages.current.safePlace(choice.note ?? "");
    case "reschedule": {
      const day = choice.preferredDate ? messages.formatDay(choice.preferredDate) : null;
      const when = day && choice.windowStart && choice.windowEnd ? `${day}, ${messages.window(choice.windowStart, choice.windowEnd)}` : day;
      return choice.rescheduleState === "accepted" ? messages.rescheduleAccepted(when) : messages.rescheduleRequested(when);
    }
  }
}

/** The form's fields as the API takes them: only the chosen kind's, empty optional ones left out. */
function toRequest(kind: DeliveryChoiceKind, fields: Record<string, string>): TDeliveryChoiceRequest {
  const optional = (value: string | undefined) => (value && value.trim() !== "" ? value : undefined);
  switch (kind) {
    case "door":
      return { kind, note: optional(fields.note) };
    case "neighbour":
      return { kind, neighbourName: fields.neighbourName ?? "", neighbourDoor: fields.neighbourDoor ?? "", note: optional(fields.note) };
    case "safe_place":
      return { kind, note: fields.note ?? "" };
    case "reschedule":
      return { kind, preferredDate: optional(fields.preferredDate), windowStart: optional(fields.windowStart), windowEnd: optional(fields.windowEnd), note: optional(fields.note) };
  }
}

/**
 * Before delivery the customer picks where the parcel goes if they are out (door, a neighbour, a
 * safe place) or asks for another day; the driver's stop and dispatch see it. A reschedule shows
 * whether the sender has accepted it (`initial` comes back from the server when it does).
 */
export function DeliveryChoice({ token, initial }: { token: string; initial: TDeliveryChoice | null }) {
  const messages = useMessages().tracking.choice;
  const isHydrated = useIsHydrated();
  const [saved, setSaved] = useState(initial);
  const [kind, setKind] = useState<DeliveryChoiceKind>(initial?.kind ?? "door");
  const [fields, setFields] = useState<Record<string, string>>({
    note: initial?.note ?? "",
    neighbourName: initial?.neighbourName ?? "",
    neighbourDoor: initial?.neighbourDoor ?? "",
    preferredDate: initial?.preferredDate ?? "",
    windowStart: initial?.windowStart ?? "",
    windowEnd: initial?.windowEnd ?? "",
  });
  const [state, setState] = useState<SaveState>({ phase: "idle" });

  const field = (name: string) => ({
    name,
    value: fields[name] ?? "",
    onChange: (event: { target: { value: string } }) => {
      setFields((current) => ({ ...current, [name]: event.target.value }));
      setState({ phase: "idle" });
    },
  });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setState({ phase: "saving" });
    const result = await saveDeliveryChoice(token, toRequest(kind, fields));
    if (result.ok) {
      setSaved(result.data);
      setState({ phase: "saved" });
    } else {
      setState({ phase: "failed", code: result.code });
    }
  };

  const noteHint = messages.noteHint(MAX_CHOICE_NOTE_LENGTH);
  return (
    <section className="card" aria-labelledby="choice-heading" data-testid="delivery-choice">
      <h2 id="choice-heading" className="card__title">
        {messages.title}
      </h2>
      {saved && (
        <p className="choice__current" data-testid="choice-current" data-kind={saved.kind} data-reschedule={saved.rescheduleState ?? undefined}>
          {describe(saved, messages)}
        </p>
      )}
      <form className="form" onSubmit={(event) => void onSubmit(event)}>
        <fieldset className="choice__kinds">
          <legend>{messages.legend}</legend>
          {DELIVERY_CHOICE_KINDS.map((option) => (
            <label key={option} className="choice__kind">
              <input type="radio" name="kind" value={option} checked={kind === option} onChange={() => setKind(option)} data-testid={`choice-${option}`} />
              {messages.kinds[option]}
            </label>
          ))}
        </fieldset>
        {kind === "neighbour" && (
          <>
            <FormField label={messages.neighbourName}>
              <input {...field("neighbourName")} required maxLength={MAX_NEIGHBOUR_FIELD_LENGTH} autoComplete="off" />
            </FormField>
            <FormField label={messages.neighbourDoor}>
              <input {...field("neighbourDoor")} required maxLength={MAX_NEIGHBOUR_FIELD_LENGTH} autoComplete="off" />
            </FormField>
          </>
        )}
        {kind === "reschedule" && (
          <div className="choice__when">
            <FormField label={messages.rescheduleDay}>
              <input type="date" {...field("preferredDate")} min={isHydrated ? localDay(0) : undefined} max={isHydrated ? localDay(MAX_RESCHEDULE_DAYS_AHEAD) : undefined} />
            </FormField>
            <FormField label={messages.rescheduleFrom}>
              <input type="time" {...field("windowStart")} />
            </FormField>
            <FormField label={messages.rescheduleTo}>
              <input type="time" {...field("windowEnd")} />
            </FormField>
          </div>
        )}
        <FormField label={kind === "safe_place" ? messages.safePlace : kind === "reschedule" ? messages.rescheduleNote : messages.doorNote} hint={noteHint}>
          <textarea {...field("note")} rows={2} maxLength={MAX_CHOICE_NOTE_LENGTH} required={kind === "safe_place"} />
        </FormField>
        <button type="submit" className="button" disabled={state.phase === "saving"} data-testid="choice-save">
          {state.phase === "saving" ? messages.saving : messages.save}
        </button>
        <p className="form__status" role="status" aria-live="polite">
          {state.phase === "saved" ? messages.saved : state.phase === "failed" ? (messages.errors[state.code] ?? messages.failed) : ""}
        </p>
      </form>
    </section>
  );
}
