"use client";

export type AlertItem =
  | { kind: "driver_silent"; key: string; driverId: string; driverName: string; lastFixAt: number | null; openStops: number }
  | { kind: "delivery_failed"; key: string; orderId: string; customerName: string; driverName: string | null; note: string | null; at: number };

export interface AlertsAnswer {
  alerts: AlertItem[];
  count: number;
}

const time = (ms: number) => new Date(ms).toLocaleTimeString();

export function AlertsPanel({ answer, error }: { answer: AlertsAnswer | null; error: string | null }) {
  return (
    <section className="card" aria-label="Alerts">
      <h2>Alerts</h2>
      {error && <p className="admin-error">{error}</p>}
      {answer && answer.alerts.length === 0 && <p>Nothing needs attention.</p>}
      <ul className="admin-alerts" data-testid="alerts">
        {answer?.alerts.map((alert) => (
          <li key={alert.key} data-testid="alert" data-kind={alert.kind}>
            {alert.kind === "driver_silent" ? (
              <>
                <strong>{alert.driverName}</strong> is silent: {alert.lastFixAt ? `last fix ${time(alert.lastFixAt)}` : "no fix yet"}, {alert.openStops} stop(s) left
              </>
            ) : (
              <>
                Delivery to <strong>{alert.customerName}</strong> failed at {time(alert.at)}
                {alert.driverName ? ` (${alert.driverName})` : ""}
                {alert.note ? `: ${alert.note}` : ""}
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
