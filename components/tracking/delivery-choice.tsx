"use client";
import { useState, type FormEvent } from "react";
import {
  checkChoiceForm,
  DELIVERY_CHOICE_KINDS,
  fieldOfChoiceError,
  MAX_RESCHEDULE_DAYS_AHEAD,
  type ChoiceField,
  type ChoiceFieldError,
  type ChoiceForm,
  type DeliveryChoiceKind,
} from "@/lib/domain/delivery-choice";
import { useMessages } from "@/lib/i18n/locale-provider";
import type { Messages } from "@/lib/i18n/messages";
import { saveDeliveryChoice, saveInstructions } from "@/lib/realtime/customer-api";
import { MAX_INSTRUCTIONS_LENGTH } from "@/lib/domain/customer-limits";
import { MAX_CHOICE_NOTE_LENGTH, MAX_NEIGHBOUR_FIELD_LENGTH } from "@/lib/domain/delivery-choice";
import type { TDeliveryChoice, TDeliveryChoiceRequest } from "@/lib/schemas/delivery-choice";
import { FormField } from "../ui/form-field";
import { useIsHydrated } from "../use-is-hydrated";
import "./delivery-choice.css";

type SaveState = { phase: "idle" | "saving" | "saved" | "nothing" } | { phase: "invalid"; count: number } | { phase: "failed"; code: string };

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

/** The form as the API takes it: only the chosen kind's fields, empty optional ones left out. The note goes separately. */
function toRequest(kind: DeliveryChoiceKind, form: ChoiceForm): TDeliveryChoiceRequest {
  const optional = (value: string) => (value.trim() !== "" ? value : undefined);
  switch (kind) {
    case "door":
      return { kind };
    case "neighbour":
      return { kind, neighbourName: form.neighbourName, neighbourDoor: form.neighbourDoor };
    case "safe_place":
      return { kind, note: form.safePlace };
    case "reschedule":
      return { kind, preferredDate: optional(form.preferredDate), windowStart: optional(form.windowStart), windowEnd: optional(form.windowEnd) };
  }
}

function initialForm(choice: TDeliveryChoice | null, note: string | null): ChoiceForm {
  return {
    kind: choice?.kind ?? null,
    neighbourName: choice?.neighbourName ?? "",
    neighbourDoor: choice?.neighbourDoor ?? "",
    safePlace: choice?.kind === "safe_place" ? (choice.note ?? "") : "",
    preferredDate: choice?.preferredDate ?? "",
    windowStart: choice?.windowStart ?? "",
    windowEnd: choice?.windowEnd ?? "",
    note: note ?? "",
  };
}

/** Whether the form's choice differs from the saved one (a retry of the same choice sends nothing). */
function isChoiceChanged(form: ChoiceForm, saved: TDeliveryChoice | null): boolean {
  if (form.kind === null) return false;
  const before = initialForm(saved, null);
  const fields: Exclude<keyof ChoiceForm, "kind">[] =
    form.kind === "neighbour" ? ["neighbourName", "neighbourDoor"] : form.kind === "safe_place" ? ["safePlace"] : form.kind === "reschedule" ? ["preferredDate", "windowStart", "windowEnd"] : [];
  return saved === null || saved.kind !== form.kind || fields.some((field) => form[field].trim() !== before[field].trim());
}

export interface DeliveryChoiceProps {
  token: string;
  /** open: before delivery, every choice and the note; failed: after a failed delivery, another day only. */
  mode: "open" | "failed";
  initial: TDeliveryChoice | null;
  /** The order's note for the driver (its instructions). */
  initialNote: string | null;
  onChoiceSaved(choice: TDeliveryChoice): void;
  onNoteSaved(note: string | null): void;
}

/**
 * Before delivery the customer picks where the parcel goes if they are out (door, a neighbour, a
 * safe place) or asks for another day, and leaves ONE note for the driver (gate code, floor…);
 * the driver's stop and dispatch see both. Nothing is pre-selected: what shows as chosen is what
 * was saved. Each field says what is wrong with it, in the error colour, before anything is sent.
 * After a failed delivery the card only asks for another day.
 */
export function DeliveryChoice({ token, mode, initial, initialNote, onChoiceSaved, onNoteSaved }: DeliveryChoiceProps) {
  const messages = useMessages().tracking.choice;
  const isHydrated = useIsHydrated();
  const isFailedMode = mode === "failed";
  const [saved, setSaved] = useState(initial);
  const [savedNote, setSavedNote] = useState(initialNote ?? "");
  const [form, setForm] = useState<ChoiceForm>(() => ({ ...initialForm(initial, initialNote), ...(isFailedMode ? { kind: "reschedule" as const } : {}) }));
  const [errors, setErrors] = useState<ChoiceFieldError[]>([]);
  const [state, setState] = useState<SaveState>({ phase: "idle" });

  const errorOf = (field: ChoiceField) => {
    const error = errors.find((candidate) => candidate.field === field);
    if (!error) return undefined;
    const max = field === "note" ? MAX_INSTRUCTIONS_LENGTH : field === "neighbourName" || field === "neighbourDoor" ? MAX_NEIGHBOUR_FIELD_LENGTH : MAX_CHOICE_NOTE_LENGTH;
    return messages.fieldError(field, error.problem, max);
  };
  const change = (patch: Partial<ChoiceForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    // Editing a field clears what was said about it.
    setErrors((current) => current.filter((error) => !(Object.keys(patch) as string[]).includes(error.field)));
    setState({ phase: "idle" });
  };
  const field = (name: Exclude<keyof ChoiceForm, "kind">) => ({
    name,
    value: form[name],
    onChange: (event: { target: { value: string } }) => change({ [name]: event.target.value }),
  });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = checkChoiceForm(form, new Date(), MAX_INSTRUCTIONS_LENGTH);
    const isNoteChanged = !isFailedMode && form.note.trim() !== savedNote.trim();
    const isChanged = isChoiceChanged(form, saved);
    if (problems.length > 0) {
      setErrors(problems);
      setState({ phase: "invalid", count: problems.length });
      return;
    }
    if (!isChanged && !isNoteChanged) {
      setErrors(form.kind === null ? [{ field: "kind", problem: "required" }] : []);
      setState({ phase: form.kind === null ? "nothing" : "saved" });
      return;
    }
    setErrors([]);
    setState({ phase: "saving" });
    const [choiceResult, noteResult] = await Promise.all([
      isChanged && form.kind !== null ? saveDeliveryChoice(token, toRequest(form.kind, form)) : null,
      isNoteChanged ? saveInstructions(token, form.note.trim()) : null,
    ]);
    if (choiceResult?.ok) {
      setSaved(choiceResult.data);
      onChoiceSaved(choiceResult.data);
    }
    if (noteResult?.ok) {
      setSavedNote(noteResult.data.instructions ?? "");
      onNoteSaved(noteResult.data.instructions);
    }
    const failure = [choiceResult, noteResult].find((result) => result !== null && !result.ok);
    if (!failure || failure.ok) {
      setState({ phase: "saved" });
      return;
    }
    // A refusal about one field is said at that field; anything else above the button.
    const failedField = fieldOfChoiceError(failure.code);
    if (failedField) {
      setErrors([{ field: failedField, problem: failure.code as ChoiceFieldError["problem"] }]);
      setState({ phase: "invalid", count: 1 });
    } else {
      setState({ phase: "failed", code: failure.code });
    }
  };

  const statusText =
    state.phase === "saved"
      ? isFailedMode
        ? messages.failedSaved
        : messages.saved
      : state.phase === "nothing"
        ? messages.nothingToSave
        : state.phase === "invalid"
          ? messages.checkFields(state.count)
          : state.phase === "failed"
            ? (messages.errors[state.code] ?? messages.failed)
            : "";
  const isError = state.phase === "nothing" || state.phase === "invalid" || state.phase === "failed";
  const showsCurrent = saved && (!isFailedMode || saved.kind === "reschedule");
  return (
    <section className="card" aria-labelledby="choice-heading" data-testid="delivery-choice" data-mode={mode}>
      <h2 id="choice-heading" className="card__title">
        {isFailedMode ? messages.failedTitle : messages.title}
      </h2>
      {showsCurrent ? (
        <p className="choice__current" data-testid="choice-current" data-kind={saved.kind} data-reschedule={saved.rescheduleState ?? undefined}>
          {describe(saved, messages)}
        </p>
      ) : (
        <p className="choice__current choice__current--none" data-testid="choice-none">
          {isFailedMode ? messages.failedIntro : messages.nothingChosen}
        </p>
      )}
      <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        {!isFailedMode && (
          <fieldset className="choice__kinds" aria-invalid={errorOf("kind") ? true : undefined} aria-describedby={errorOf("kind") ? "choice-kind-error" : undefined}>
            <legend>{messages.legend}</legend>
            {DELIVERY_CHOICE_KINDS.map((option) => (
              <label key={option} className="choice__kind">
                <input type="radio" name="kind" value={option} checked={form.kind === option} onChange={() => change({ kind: option })} data-testid={`choice-${option}`} />
                {messages.kinds[option]}
              </label>
            ))}
            {errorOf("kind") && (
              <span className="ui-field__error" id="choice-kind-error" role="alert">
                {errorOf("kind")}
              </span>
            )}
          </fieldset>
        )}
        {form.kind === "neighbour" && (
          <>
            <FormField label={messages.neighbourName} error={errorOf("neighbourName")}>
              <input {...field("neighbourName")} autoComplete="off" />
            </FormField>
            <FormField label={messages.neighbourDoor} error={errorOf("neighbourDoor")}>
              <input {...field("neighbourDoor")} autoComplete="off" />
            </FormField>
          </>
        )}
        {form.kind === "safe_place" && (
          <FormField label={messages.safePlace} error={errorOf("safePlace")}>
            <input {...field("safePlace")} autoComplete="off" />
          </FormField>
        )}
        {form.kind === "reschedule" && (
          <div className="choice__when">
            <FormField label={messages.rescheduleDay} error={errorOf("preferredDate")}>
              <input type="date" {...field("preferredDate")} min={isHydrated ? localDay(0) : undefined} max={isHydrated ? localDay(MAX_RESCHEDULE_DAYS_AHEAD) : undefined} />
            </FormField>
            <FormField label={messages.rescheduleFrom} error={errorOf("windowStart")}>
              <input type="time" {...field("windowStart")} />
            </FormField>
            <FormField label={messages.rescheduleTo} error={errorOf("windowEnd")}>
              <input type="time" {...field("windowEnd")} />
            </FormField>
          </div>
        )}
        {!isFailedMode && (
          <FormField label={messages.note} hint={messages.noteHint(MAX_INSTRUCTIONS_LENGTH)} error={errorOf("note")}>
            <textarea {...field("note")} rows={2} data-testid="choice-note" />
          </FormField>
        )}
        <button type="submit" className="button" disabled={state.phase === "saving"} data-testid="choice-save">
          {state.phase === "saving" ? messages.saving : isFailedMode ? messages.failedSave : messages.save}
        </button>
        <p className={`form__status${isError ? " form__status--error" : ""}`} role="status" aria-live="polite" data-testid="choice-status" data-state={state.phase}>
          {statusText}
        </p>
      </form>
    </section>
  );
}
