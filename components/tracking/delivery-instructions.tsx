"use client";
import { useState, type FormEvent } from "react";
import { useMessages } from "@/lib/i18n/locale-provider";
import { saveInstructions } from "@/lib/realtime/customer-api";
import { MAX_INSTRUCTIONS_LENGTH } from "@/lib/schemas/customer";

type SaveState = "idle" | "saving" | "saved" | "failed";

/** Before delivery the customer can tell the driver how to deliver (stored on the order, sent to the driver app). */
export function DeliveryInstructions({ token, initial }: { token: string; initial: string | null }) {
  const messages = useMessages().tracking.instructions;
  const [text, setText] = useState(initial ?? "");
  const [state, setState] = useState<SaveState>("idle");
  const isTooLong = text.trim().length > MAX_INSTRUCTIONS_LENGTH;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isTooLong) return;
    setState("saving");
    const result = await saveInstructions(token, text);
    setState(result.ok ? "saved" : "failed");
  };

  return (
    <section className="card" aria-labelledby="instructions-heading" data-testid="instructions">
      <h2 id="instructions-heading" className="card__title">
        {messages.title}
      </h2>
      <form className="form" onSubmit={(event) => void onSubmit(event)}>
        <label htmlFor="instructions-text">{messages.label}</label>
        <textarea
          id="instructions-text"
          name="instructions"
          rows={3}
          maxLength={MAX_INSTRUCTIONS_LENGTH}
          value={text}
          aria-describedby="instructions-hint"
          onChange={(event) => {
            setText(event.target.value);
            setState("idle");
          }}
        />
        <p id="instructions-hint" className="form__hint">
          {isTooLong ? messages.tooLong(MAX_INSTRUCTIONS_LENGTH) : messages.hint(MAX_INSTRUCTIONS_LENGTH)}
        </p>
        <button type="submit" className="button" disabled={state === "saving" || isTooLong}>
          {state === "saving" ? messages.saving : messages.save}
        </button>
        <p className="form__status" role="status" aria-live="polite">
          {state === "saved" ? messages.saved : state === "failed" ? messages.failed : ""}
        </p>
      </form>
    </section>
  );
}
