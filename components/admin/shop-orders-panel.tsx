"use client";
import { useState, type FormEvent } from "react";
import { adminFetch, errorMessage } from "@/lib/admin/admin-api";
import { useAdminMessages } from "@/lib/admin/use-admin-messages";
import { usePolled } from "@/lib/admin/use-polled";
import { formatTime } from "@/lib/i18n/format";
import { useLocale } from "@/lib/i18n/locale-provider";
import { shopOrdersMessages } from "@/lib/i18n/shop-orders-messages";
import { ZPendingShopOrderList, ZShopWebhookAnswer, type TPendingShopOrder } from "@/lib/schemas/integrations";
import { LocationPicker } from "./location-picker";

/**
 * Shop orders waiting for a location (docs/integrations.md): dispatch clicks the map or types the
 * coordinates, and the order is created. Shows nothing while the list is empty.
 */
export function ShopOrdersPanel(props: { canDispatch: boolean; tileUrl: string; tileAttribution: string }) {
  const t = shopOrdersMessages[useLocale()];
  const pending = usePolled(() => adminFetch(ZPendingShopOrderList, "GET", "/api/admin/shop-orders"), 5_000, "shop-orders");
  const [openId, setOpenId] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (!pending.data?.length && !done) return null;
  return (
    <section className="card" aria-label={t.title(pending.data?.length ?? 0)} data-testid="shop-orders-panel">
      <h2>{t.title(pending.data?.length ?? 0)}</h2>
      <p>{t.intro}</p>
      {done && (
        <p role="status" data-testid="shop-order-created">
          {done}
        </p>
      )}
      <ul className="admin-shop-orders">
        {pending.data?.map((order) => (
          <li key={order.id} data-testid="shop-order" data-shop-order-id={order.id}>
            <strong>{order.orderNumber ?? order.id.slice(0, 8)}</strong> · {order.customerName} · {order.address}
            <br />
            <small>
              {t.from(order.source, order.shop)} · {t.received(formatTime(order.receivedAt))}
            </small>
            {props.canDispatch && openId !== order.id && (
              <button type="button" onClick={() => setOpenId(order.id)} data-testid="shop-order-place">
                {t.place}
              </button>
            )}
            {props.canDispatch && openId === order.id && (
              <PlaceForm
                order={order}
                tileUrl={props.tileUrl}
                tileAttribution={props.tileAttribution}
                onClose={() => setOpenId(null)}
                onCreated={() => {
                  setOpenId(null);
                  setDone(t.created(order.orderNumber));
                  void pending.reload();
                }}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function PlaceForm(props: { order: TPendingShopOrder; tileUrl: string; tileAttribution: string; onClose(): void; onCreated(): void }) {
  const t = shopOrdersMessages[useLocale()];
  const words = useAdminMessages();
  const [at, setAt] = useState({ lat: "", lng: "" });
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setIsBusy(true);
    setError(null);
    try {
      await adminFetch(ZShopWebhookAnswer, "POST", `/api/admin/shop-orders/${encodeURIComponent(props.order.id)}/location`, { lat: Number(at.lat), lng: Number(at.lng) });
      props.onCreated();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setIsBusy(false);
    }
  };
  return (
    <form className="admin-form" onSubmit={(event) => void onSubmit(event)} aria-label={t.place}>
      <LocationPicker
        lat={at.lat}
        lng={at.lng}
        onPick={(lat, lng) => setAt({ lat, lng })}
        tileUrl={props.tileUrl}
        tileAttribution={props.tileAttribution}
        label={words.newOrder.pickerLabel}
        tilesUnavailableText={words.fleet.tilesUnavailable}
      />
      <small>{t.mapHint}</small>
      <label>
        {t.lat}
        <input inputMode="decimal" required value={at.lat} onChange={(event) => setAt({ ...at, lat: event.target.value })} data-testid="shop-order-lat" />
      </label>
      <label>
        {t.lng}
        <input inputMode="decimal" required value={at.lng} onChange={(event) => setAt({ ...at, lng: event.target.value })} data-testid="shop-order-lng" />
      </label>
      {error && (
        <p role="alert" className="admin-error">
          {error}
        </p>
      )}
      <button type="submit" disabled={isBusy} data-testid="shop-order-create">
        {isBusy ? t.creating : t.create}
      </button>
      <button type="button" onClick={props.onClose}>
        {t.cancel}
      </button>
    </form>
  );
}
