"use client";
import { formatTime } from "@/lib/i18n/format";
import { ZDriverMessage, ZDriverMessageList } from "@/lib/schemas/driver-messages";
import { useState, type FormEvent } from "react";
import { adminFetch, errorMessage } from "@/lib/admin/admin-api";
import { usePolled } from "@/lib/admin/use-polled";
import { MAX_DRIVER_MESSAGE_LENGTH } from "@/lib/schemas/driver-messages";
import { useAdminMessages } from "@/lib/admin/use-admin-messages";

const timeOf = (iso: string) => formatTime(iso);

/** The conversation with one driver, with read receipts; staff with "message" can write. */
export function DriverMessages({ driverId, canMessage }: { driverId: string; canMessage: boolean }) {
  const t = useAdminMessages();
  const path = `/api/admin/drivers/${encodeURIComponent(driverId)}/messages`;
  const conversation = usePolled(() => adminFetch(ZDriverMessageList, "GET", path), 5_000, driverId);
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setIsBusy(true);
    setError(null);
    try {
      await adminFetch(ZDriverMessage, "POST", path, { body: draft });
      setDraft("");
      void conversation.reload();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setIsBusy(false);
    }
  };

  const messages = conversation.data ?? [];
  return (
    <section className="admin-messages" aria-label={t.messages.title} data-testid="driver-messages">
      <h3>{t.messages.title}</h3>
      {messages.length === 0 ? <p>{conversation.error ?? t.messages.none}</p> : null}
      <ol>
        {messages.map((message) => (
          <li key={message.id} data-testid="driver-message" data-message-id={message.id}>
            <span>{message.body}</span>
            <small>
              {message.author.staffId ? message.author.name : t.messages.dispatch} · {timeOf(message.createdAt)} ·{" "}
              <span data-testid="message-receipt">{message.readAt ? t.messages.read(timeOf(message.readAt)) : t.messages.sent}</span>
            </small>
          </li>
        ))}
      </ol>
      {canMessage && (
        <form aria-label={t.messages.form} onSubmit={(event) => void onSubmit(event)}>
          <label>
            {t.messages.label}
            <textarea value={draft} maxLength={MAX_DRIVER_MESSAGE_LENGTH} rows={2} required onChange={(event) => setDraft(event.target.value)} data-testid="message-input" />
          </label>
          <button type="submit" disabled={isBusy || draft.trim() === ""} data-testid="send-message">
            {t.messages.send}
          </button>
        </form>
      )}
      {error && <p className="admin-error">{error}</p>}
    </section>
  );
}
