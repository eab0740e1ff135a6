"use client";
import { formatTime } from "@/lib/i18n/format";
import { ZCreatedWebhook, ZOkAnswer } from "@/lib/schemas/admin-responses";
import { ZWebhookSummary } from "@/lib/schemas/webhooks";
const ZWebhookSummaryList = ZWebhookSummary.array();
import { useState, type FormEvent } from "react";
import { adminFetch, errorMessage } from "@/lib/admin/admin-api";
import { usePolled } from "@/lib/admin/use-polled";
import { useAdminMessages } from "@/lib/admin/use-admin-messages";

/** Registered webhooks with their newest delivery attempts; admins may add and remove them. */
export function WebhooksPanel({ canManage }: { canManage: boolean }) {
  const t = useAdminMessages();
  const w = t.webhooks;
  const webhooks = usePolled(() => adminFetch(ZWebhookSummaryList, "GET", "/api/admin/webhooks"), 3_000, "webhooks");
  const [form, setForm] = useState({ url: "", secret: "" });
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);

  const onCreate = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const answer = await adminFetch(ZCreatedWebhook, "POST", "/api/admin/webhooks", form.secret ? form : { url: form.url });
      setCreated(answer);
      setForm({ url: "", secret: "" });
      void webhooks.reload();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  const onDelete = async (id: string) => {
    await adminFetch(ZOkAnswer, "DELETE", `/api/admin/webhooks/${id}`).catch((failure: unknown) => setError(errorMessage(failure)));
    void webhooks.reload();
  };

  return (
    <section className="card" aria-label={w.title} data-testid="webhooks-panel">
      <h2>{w.title}</h2>
      <p>{w.intro}</p>
      {webhooks.data?.length === 0 && <p>{w.none}</p>}
      {webhooks.data?.map((webhook) => (
        <article key={webhook.id} className="admin-webhook" data-testid="webhook" data-webhook-id={webhook.id}>
          <header className="admin-driver__head">
            <code>{webhook.url}</code>
            {canManage && (
              <button type="button" onClick={() => void onDelete(webhook.id)}>
                {w.remove}
              </button>
            )}
          </header>
          <table className="admin-table">
            <tbody>
              {webhook.recentDeliveries.map((delivery) => (
                <tr key={delivery.id} data-testid="webhook-delivery" data-success={String(delivery.isSuccess)}>
                  <td>{formatTime(delivery.at)}</td>
                  <td>{delivery.eventType}</td>
                  <td>{w.attempt(delivery.attempt)}</td>
                  <td className={delivery.isSuccess ? undefined : "admin-late"}>{delivery.statusCode ?? delivery.error ?? "?"}</td>
                  <td>{delivery.durationMs} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
        </article>
      ))}
      {canManage && (
        <form className="admin-form" onSubmit={(event) => void onCreate(event)} aria-label={w.formLabel}>
          <label>
            {w.url}
            <input type="url" required placeholder="https://example.com/lastmile" value={form.url} onChange={(event) => setForm({ ...form, url: event.target.value })} />
          </label>
          <label>
            {w.secret}
            <input value={form.secret} placeholder="whsec_…" autoComplete="off" onChange={(event) => setForm({ ...form, secret: event.target.value })} />
          </label>
          <button type="submit">{w.add}</button>
        </form>
      )}
      {created && (
        <p className="admin-token" data-testid="webhook-secret">
          {w.secretShown(created.url)} <code>{created.secret}</code>
        </p>
      )}
      {error && (
        <p className="admin-error" data-testid="webhook-error">
          {error}
        </p>
      )}
    </section>
  );
}
