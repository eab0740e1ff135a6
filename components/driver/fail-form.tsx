"use client";
import { useState, type FormEvent } from "react";
import { useMessages } from "@/lib/i18n/locale-provider";
import { FAILURE_REASONS, type FailureReason, type TDriverStatusRequest } from "@/lib/schemas/driver";
import { Button } from "../ui/button";
import { FormField } from "../ui/form-field";

export function FailForm({ onSubmit, onCancel }: { onSubmit(body: TDriverStatusRequest): void; onCancel(): void }) {
  const t = useMessages().driver.fail;
  const [reason, setReason] = useState<FailureReason>("customer_absent");
  const [note, setNote] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ status: "failed", reason, ...(note.trim() ? { note: note.trim() } : {}) });
  };
  return (
    <form className="stop-form" onSubmit={submit} data-testid="fail-form">
      <FormField label={t.reason}>
        <select value={reason} onChange={(event) => setReason(event.target.value as FailureReason)} data-testid="fail-reason">
          {FAILURE_REASONS.map((value) => (
            <option key={value} value={value}>
              {t.reasons[value]}
            </option>
          ))}
        </select>
      </FormField>
      <FormField label={t.details}>
        <input value={note} onChange={(event) => setNote(event.target.value)} maxLength={1000} />
      </FormField>
      <div className="stop-actions">
        <Button type="submit" variant="danger" size="lg">
          {t.confirm}
        </Button>
        <Button size="lg" onClick={onCancel}>
          {t.cancel}
        </Button>
      </div>
    </form>
  );
}
