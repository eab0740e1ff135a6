"use client";

import type { TAlertsAnswer } from "@/lib/schemas/admin";

const time = (ms: number) => new Date(ms).toLocaleTimeString();

/** Each alert links to what it is about: the driver's detail or the order's history. */
export function AlertsPanel(props: { answer: TAlertsAnswer | null; error: string | null; onOpenDriver(driverId: string): void; onOpenOrder(orderId: string): void }) {
  const { answer, error } = props;
  const openDriver = (driverId: string) => (
    <button type="button" className="admin-link" onClick={() => props.onOpenDriver(driverId)} data-testid="alert-open-driver">
      driver
    </button>
  );
  const openOrder = (orderId: string) => (
    <button type="button" className="admin-link" onClick={() => props.onOpenOrder(orderId)} data-testid="alert-open-order">
      order
    </button>
  );
  return (
    <section className="card" aria-label="Alerts">
      <h2>Alerts</h2>
      {error && <p className="admin-error">{error}</p>}
      {answer && answer.alerts.length === 0 && <p>Nothing needs attention.</p>}
      <ul className="admin-alerts" data-testid="alerts">
        {answer?.alerts.map((alert) => (
          <li key={alert.key} data-testid="alert" data-kind={alert.kind}>
            {alert.kind === "driver_silent" && (
              <>
                <strong>{alert.driverName}</strong> is silent: {alert.lastFixAt ? `last fix ${time(alert.lastFixAt)}` : "no fix yet"}, {alert.openStops} stop(s) left
                {openDriver(alert.driverId)}
              </>
            )}
            {alert.kind === "delivery_failed" && (
              <>
                Delivery to <strong>{alert.customerName}</strong> failed at {time(alert.at)}
                {alert.driverName ? ` (${alert.driverName})` : ""}
                {alert.note ? `: ${alert.note}` : ""}
                {openOrder(alert.orderId)}
              </>
            )}
            {alert.kind === "order_late" && (
              <>
                Order for <strong>{alert.customerName}</strong>{" "}
                {alert.reason === "overdue"
                  ? `is late: due ${time(alert.dueAt)}`
                  : `will be late: due ${time(alert.dueAt)}, expected ${alert.etaAt !== null ? time(alert.etaAt) : "later"}`}
                {alert.driverName ? ` (${alert.driverName})` : " (no driver)"}
                {openOrder(alert.orderId)}
                {alert.driverId && openDriver(alert.driverId)}
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
