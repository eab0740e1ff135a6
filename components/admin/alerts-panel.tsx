"use client";
import { useAcknowledgedAlerts } from "@/lib/admin/use-acknowledged-alerts";
import { formatTime } from "@/lib/i18n/format";
import { FAILURE_REASON_WORDS } from "@/lib/i18n/outcome-words";
import type { TAlert, TAlertsAnswer } from "@/lib/schemas/admin";
import type { FailureReason } from "@/lib/schemas/driver";
import { Button } from "../ui/button";
import { Card } from "../ui/card";

const stopsLeft = (count: number) => (count === 1 ? "1 stop left" : `${count} stops left`);
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short" });

/** "Wed 10 Dec, 10:00–12:00", or "no day named". */
function requestedWhen(alert: Extract<TAlert, { kind: "reschedule_requested" }>): string {
  if (!alert.preferredDate) return "no day named";
  const day = dayFormat.format(new Date(`${alert.preferredDate}T12:00:00`));
  return alert.windowStart && alert.windowEnd ? `${day}, ${alert.windowStart}–${alert.windowEnd}` : day;
}

/** Where the order is, for a request that waits for dispatch's answer. */
function requestContext(alert: Extract<TAlert, { kind: "reschedule_requested" }>): string {
  if (alert.status === "picked_up" || alert.status === "arrived") return `the parcel is on board${alert.driverName ? ` with ${alert.driverName}` : ""}`;
  if (alert.status === "failed") return "after a failed delivery";
  return alert.driverName ? `on ${alert.driverName}'s route` : "not on a route yet";
}

/** A failure's reason in words (dispatch reads English), then the driver's own note. */
function failureText(reason: FailureReason | null, note: string | null): string {
  return [reason ? FAILURE_REASON_WORDS.en[reason] : null, note ? `“${note}”` : null].filter(Boolean).join(" — ");
}

/** When the alert's cause happened, as the list shows it. */
function raisedAt(alert: TAlert): string {
  if (alert.kind === "driver_silent") return alert.lastFixAt === null ? "no fix yet" : `silent since ${formatTime(alert.lastFixAt)}`;
  if (alert.kind === "delivery_failed") return `failed at ${formatTime(alert.at)}`;
  if (alert.kind === "reschedule_requested") return `asked at ${formatTime(alert.at)}`;
  return `due ${formatTime(alert.dueAt)}`;
}

/** Each alert says what happened, when, and links by name to what it is about; it can be acknowledged. */
export function AlertsPanel(props: { answer: TAlertsAnswer | null; error: string | null; onOpenDriver(driverId: string): void; onOpenOrder(orderId: string): void }) {
  const { answer, error } = props;
  const { acknowledged, acknowledge, restore } = useAcknowledgedAlerts();
  const open = answer?.alerts.filter((alert) => !acknowledged.has(alert.key)) ?? [];
  const done = answer?.alerts.filter((alert) => acknowledged.has(alert.key)) ?? [];
  const openDriver = (driverId: string, name: string) => (
    <Button variant="link" onClick={() => props.onOpenDriver(driverId)} data-testid="alert-open-driver">
      Open {name}
    </Button>
  );
  const openOrder = (orderId: string, name: string) => (
    <Button variant="link" onClick={() => props.onOpenOrder(orderId)} data-testid="alert-open-order">
      Open order for {name}
    </Button>
  );
  const row = (alert: TAlert, isAcknowledged: boolean) => (
    <li key={alert.key} className={`admin-alert admin-alert--${alert.kind}${isAcknowledged ? " admin-alert--done" : ""}`} data-testid="alert" data-kind={alert.kind} data-acknowledged={isAcknowledged}>
      <div className="admin-alert__text">
        {alert.kind === "driver_silent" && (
          <p>
            <strong>{alert.driverName}</strong> has sent no position for a while with {stopsLeft(alert.openStops)}.
          </p>
        )}
        {alert.kind === "delivery_failed" && (
          <p>
            Delivery to <strong>{alert.customerName}</strong> failed{alert.driverName ? ` (${alert.driverName})` : ""}
            {failureText(alert.reason ?? null, alert.note) ? `: ${failureText(alert.reason ?? null, alert.note)}` : "."}
          </p>
        )}
        {alert.kind === "reschedule_requested" && (
          <p>
            <strong>{alert.customerName}</strong> won&apos;t be home and asks for another day ({requestedWhen(alert)}); {requestContext(alert)}. Open the order to accept it.
          </p>
        )}
        {alert.kind === "order_late" && (
          <p>
            Order for <strong>{alert.customerName}</strong>{" "}
            {alert.reason === "overdue" ? "is late" : `will be late: expected ${alert.etaAt !== null ? formatTime(alert.etaAt) : "later"}`}
            {alert.driverName ? ` (${alert.driverName})` : " (no driver yet)"}.
          </p>
        )}
        <p className="admin-alert__meta">
          <time>{raisedAt(alert)}</time>
          {alert.kind === "driver_silent" && openDriver(alert.driverId, alert.driverName)}
          {alert.kind === "delivery_failed" && openOrder(alert.orderId, alert.customerName)}
          {alert.kind === "reschedule_requested" && openOrder(alert.orderId, alert.customerName)}
          {alert.kind === "order_late" && openOrder(alert.orderId, alert.customerName)}
          {alert.kind === "order_late" && alert.driverId && openDriver(alert.driverId, alert.driverName ?? "driver")}
        </p>
      </div>
      {isAcknowledged ? (
        <Button size="sm" variant="ghost" onClick={() => restore(alert.key)}>
          Reopen
        </Button>
      ) : (
        <Button size="sm" onClick={() => acknowledge(alert.key)} data-testid="alert-acknowledge">
          Acknowledge
        </Button>
      )}
    </li>
  );
  return (
    <div className="admin-page">
      <Card title={`Alerts${open.length ? ` (${open.length})` : ""}`} aria-label="Alerts">
        {error && <p className="admin-error">{error}</p>}
        {answer && open.length === 0 && <p className="admin-empty">Nothing needs attention.</p>}
        <ul className="admin-alerts" data-testid="alerts">
          {open.map((alert) => row(alert, false))}
        </ul>
      </Card>
      {done.length > 0 && (
        <Card title={`Acknowledged (${done.length})`} level={3}>
          <ul className="admin-alerts">{done.map((alert) => row(alert, true))}</ul>
        </Card>
      )}
    </div>
  );
}
