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
  const order = summary.data?.orders.find((row) => row.id === orderId) ?? null;
  const lines = history.data ? describeOrderHistory(history.data.events, orderId, driverNames) : [];

  const cancel = async () => {
    setError(null);
    try {
      await adminFetch(ZCancelledOrder, "POST", `/api/admin/orders/${encodeURIComponent(orderId)}/cancel`, {});
      summary.reload();
      history.reload();
      onChanged();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} variant="sheet" title={order ? order.customerName : "Order"} data-testid="order-detail">
      {order ? (
        <dl className="admin-summary" data-testid="order-summary">
          <div>
            <dt>Status</dt>
            <dd data-testid="order-summary-status">
              <StatusBadge status={order.status} /> {order.isLate && <span className="ui-badge ui-badge--danger">Late</span>} <RescheduleFlag reschedule={order.reschedule} />
            </dd>
          </div>
          <div>
            <dt>Customer</dt>
            <dd>{order.customerName}</dd>
          </div>
          <div className="admin-summary__wide">
            <dt>Address</dt>
            <dd>{order.address}</dd>
          </div>
          <div>
            <dt>Driver</dt>
            <dd>{order.driverName ?? "Not assigned"}</dd>
          </div>
          <div>
            <dt>Stops before it</dt>
            <dd>{order.stopsAway === null ? "—" : order.stopsAway === 0 ? "Next stop" : order.stopsAway}</dd>
          </div>
          <div>
            <dt>ETA</dt>
            <dd data-testid="order-summary-eta">{order.etaAt ? formatTime(order.etaAt) : "—"}</dd>
          </div>
          <div>
            <dt>Due</dt>
            <dd>{order.dueAt ? formatTime(order.dueAt) : "No promised time"}</dd>
          </div>
          <div className="admin-summary__wide">
            <dt>Tracking link</dt>
            <dd>
              <span className="admin-muted">Sent with the order; only a replacement can be shown.</span>
              {canDispatch && <TrackingLinkAction orderId={orderId} customerName={order.customerName} />}
            </dd>
          </div>
          <div className="admin-summary__wide">
            <dt>Order id</dt>
            <dd>
              <code>{order.id}</code>
            </dd>
          </div>
        </dl>
      ) : (
        <p aria-busy="true">{summary.error ?? "Loading…"}</p>
      )}
      <OrderChoice
        orderId={orderId}
        canDispatch={canDispatch}
        driverName={order?.driverName ?? null}
        onChanged={() => {
          summary.reload();
          history.reload();
          onChanged();
        }}
      />
      <OrderDelivery orderId={orderId} />
      <section aria-label="History">
        <h3 className="admin-section-title">History</h3>
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
                Cancel this order
              </Button>
            )}
            title={`Cancel the order for ${order.customerName}?`}
            description={`The order leaves ${order.driverName ? `${order.driverName}'s route` : "the pool"} and cannot be reopened; the customer's tracking page shows "Cancelled".`}
            confirmLabel="Cancel the order"
            cancelLabel="Keep it"
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
