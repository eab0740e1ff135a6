"use client";
import { formatTime } from "@/lib/i18n/format";
import { ZCreatedWebhook, ZOkAnswer } from "@/lib/schemas/admin-responses";
import { ZWebhookSummary } from "@/lib/schemas/webhooks";
const ZWebhookSummaryList = ZWebhookSummary.array();
import { useState, type FormEvent } from "react";
import { adminFetch, errorMessage } from "@/lib/admin/admin-api";
import { usePolled } from "@/lib/admin/use-polled";

/** Registered webhooks with their newest delivery attempts; admins may add and remove them. */
export function WebhooksPanel({ canManage }: { canManage: boolean }) {
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
      webhooks.reload();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  const onDelete = async (id: string) => {
    await adminFetch(ZOkAnswer, "DELETE", `/api/admin/webhooks/${id}`).catch((failure: unknown) => setError(errorMessage(failure)));
    webhooks.reload();
  };

  return (
    <section className="card" aria-label="Webhooks" data-testid="webhooks-panel">
      <h2>Webhooks</h2>
      <p>
        Every order event is POSTed as a CloudEvent (JSON), signed by Standard Webhooks (<code>webhook-signature</code>); failures are retried with backoff.
      </p>
      {webhooks.data?.length === 0 && <p>No webhooks yet.</p>}
      {webhooks.data?.map((webhook) => (
        <article key={webhook.id} className="admin-webhook" data-testid="webhook" data-webhook-id={webhook.id}>
          <header className="admin-driver__head">
            <code>{webhook.url}</code>
            {canManage && (
              <button type="button" onClick={() => void onDelete(webhook.id)}>
                Remove
              </button>
            )}
          </header>
          <table className="admin-table">
            <tbody>
              {webhook.recentDeliveries.map((delivery) => (
                <tr key={delivery.id} data-testid="webhook-delivery" data-success={String(delivery.isSuccess)}>
                  <td>{formatTime(delivery.at)}</td>
                  <td>{delivery.eventType}</td>
                  <td>try {delivery.attempt}</td>
                  <td className={delivery.isSuccess ? undefined : "admin-late"}>{delivery.statusCode ?? delivery.error ?? "?"}</td>
                  <td>{delivery.durationMs} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
        </article>
      ))}
      {canManage && (
        <form className="admin-form" onSubmit={(event) => void onCreate(event)} aria-label="New webhook">
          <label>
            URL
            <input type="url" required placeholder="https://example.com/lastmile" value={form.url} onChange={(event) => setForm({ ...form, url: event.target.value })} />
          </label>
          <label>
            Secret (optional, whsec_ + base64 of 24–64 bytes; generated when empty)
            <input value={form.secret} placeholder="whsec_…" autoComplete="off" onChange={(event) => setForm({ ...form, secret: event.target.value })} />
          </label>
          <button type="submit">Add webhook</button>
        </form>
      )}
      {created && (
        <p className="admin-token" data-testid="webhook-secret">
          Secret for {created.url} (shown once): <code>{created.secret}</code>
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
