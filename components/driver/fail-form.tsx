"use client";
import { useState, type FormEvent } from "react";
import { FAILURE_REASONS, type FailureReason, type TDriverStatusRequest } from "@/lib/schemas/driver";

const REASON_LABELS: Readonly<Record<FailureReason, string>> = {
  customer_absent: "Customer not at home",
  address_not_found: "Address not found",
  refused: "Customer refused",
  damaged: "Parcel damaged",
  no_access: "No access to the building",
  other: "Other",
};

export function FailForm({ onSubmit, onCancel }: { onSubmit(body: TDriverStatusRequest): void; onCancel(): void }) {
  const [reason, setReason] = useState<FailureReason>("customer_absent");
  const [note, setNote] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ status: "failed", reason, ...(note.trim() ? { note: note.trim() } : {}) });
  };
  return (
    <form className="stop-form" onSubmit={submit} data-testid="fail-form">
      <label>
        Reason
        <select value={reason} onChange={(event) => setReason(event.target.value as FailureReason)} data-testid="fail-reason">
          {FAILURE_REASONS.map((value) => (
            <option key={value} value={value}>
              {REASON_LABELS[value]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Details
        <input value={note} onChange={(event) => setNote(event.target.value)} maxLength={1000} />
      </label>
      <div className="stop-actions">
        <button type="submit" className="button button--danger">
          Confirm failed
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
