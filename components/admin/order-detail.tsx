"use client";
import { adminFetch, errorMessage } from "@/lib/admin/admin-api";
import { describeOrderHistory } from "@/lib/admin/order-history";
import { usePolled } from "@/lib/admin/use-polled";
import { isFinished } from "@/lib/domain/order-status";
import { formatTime } from "@/lib/i18n/format";
import { ZAdminOrdersPage, ZCancelledOrder, ZOrderHistory } from "@/lib/schemas/admin-responses";
import { useState } from "react";
import { Button } from "../ui/button";
import { ConfirmDialog, Dialog } from "../ui/dialog";
import { OrderChoice } from "./order-choice";
import { OrderDelivery } from "./order-delivery";
import { RescheduleFlag } from "./reschedule-flag";
import { StatusBadge } from "./status-badge";
import { TrackingLinkAction } from "./tracking-link-action";
import { useAdminMessages } from "@/lib/admin/use-admin-messages";
import { useLocale } from "@/lib/i18n/locale-provider";

export interface OrderDetailProps {
  orderId: string;
  canDispatch: boolean;
  canCancel: boolean;
  driverNames: ReadonlyMap<string, string>;
  onClose(): void;
  onChanged(): void;
}

/**
 * One order in a side sheet (on screen wherever the table was scrolled): a summary, the actions
 * (a new tracking link, cancel — each confirmed) and its history in plain words.
 */
export function OrderDetail({ orderId, canDispatch, canCancel, driverNames, onClose, onChanged }: OrderDetailProps) {
  // The summary is the order's row in the list, found by id (the search matches id prefixes).
  const summary = usePolled(() => adminFetch(ZAdminOrdersPage, "GET", `/api/admin/orders?${new URLSearchParams({ q: orderId, pageSize: "5" })}`), 5_000, `summary-${orderId}`);
  const history = usePolled(() => adminFetch(ZOrderHistory, "GET", `/api/orders/${encodeURIComponent(orderId)}/events`), 5_000, orderId);
  const [error, setError] = useState<string | null>(null);
  const t = useAdminMessages();
  const o = t.orderDetail;
  const locale = useLocale();
  const order = summary.data?.orders.find((row) => row.id === orderId) ?? null;
  const lines = history.data ? describeOrderHistory(history.data.events, orderId, driverNames, locale) : [];

  const cancel = async () => {
    setError(null);
    try {
      await adminFetch(ZCancelledOrder, "POST", `/api/admin/orders/${encodeURIComponent(orderId)}/cancel`, {});
      void summary.reload();
      void history.reload();
      onChanged();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} variant="sheet" title={order ? order.customerName : o.fallbackTitle} data-testid="order-detail">
      {order ? (
        <dl className="admin-summary" data-testid="order-summary">
          <div>
            <dt>{o.status}</dt>
            <dd data-testid="order-summary-status">
              <StatusBadge status={order.status} /> {order.isLate && <span className="ui-badge ui-badge--danger">{t.orders.late}</span>} <RescheduleFlag reschedule={order.reschedule} />
            </dd>
          </div>
          <div>
            <dt>{o.customer}</dt>
            <dd>{order.customerName}</dd>
          </div>
          <div className="admin-summary__wide">
            <dt>{o.address}</dt>
            <dd>{order.address}</dd>
          </div>
          <div>
            <dt>{o.driver}</dt>
            <dd>{order.driverName ?? o.notAssigned}</dd>
          </div>
          <div>
            <dt>{o.stopsBefore}</dt>
            <dd>{order.stopsAway === null ? t.none : order.stopsAway === 0 ? o.nextStop : order.stopsAway}</dd>
          </div>
          <div>
            <dt>{o.eta}</dt>
            <dd data-testid="order-summary-eta">{order.etaAt ? formatTime(order.etaAt) : t.none}</dd>
          </div>
          <div>
            <dt>{o.due}</dt>
            <dd>{order.dueAt ? formatTime(order.dueAt) : o.noDue}</dd>
          </div>
          <div className="admin-summary__wide">
            <dt>{o.trackingLink}</dt>
            <dd>
              <span className="admin-muted">{o.trackingLinkNote}</span>
              {canDispatch && <TrackingLinkAction orderId={orderId} customerName={order.customerName} />}
            </dd>
          </div>
          <div className="admin-summary__wide">
            <dt>{o.orderId}</dt>
            <dd>
              <code>{order.id}</code>
            </dd>
          </div>
        </dl>
      ) : (
        <p aria-busy="true">{summary.error ?? t.loading}</p>
      )}
      <OrderChoice
        orderId={orderId}
        canDispatch={canDispatch}
        driverName={order?.driverName ?? null}
        onChanged={() => {
          void summary.reload();
          void history.reload();
          onChanged();
        }}
      />
      <OrderDelivery orderId={orderId} />
      <section aria-label={o.history}>
        <h3 className="admin-section-title">{o.history}</h3>
        {history.error && <p className="admin-error">{history.error}</p>}
        <ol className="admin-history">
          {lines.map((line) => (
            <li key={line.key} className={`admin-history__item admin-history__item--${line.tone}`} data-testid="order-event" data-type={line.type}>
              <time dateTime={line.at}>{formatTime(line.at)}</time>
              <span>{line.text}</span>
            </li>
          ))}
        </ol>
      </section>
      {order && canCancel && !isFinished(order.status) && (
        <div className="admin-danger-zone">
          <ConfirmDialog
            trigger={(open) => (
              <Button variant="danger" onClick={open} data-testid="cancel-order">
                {o.cancel}
              </Button>
            )}
            title={o.cancelTitle(order.customerName)}
            description={o.cancelBody(order.driverName)}
            confirmLabel={o.cancelConfirm}
            cancelLabel={o.cancelKeep}
            onConfirm={cancel}
          />
        </div>
      )}
      {error && (
        <p className="admin-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
