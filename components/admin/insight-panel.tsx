"use client";
import { ZInsight } from "@/lib/schemas/insight";
import { adminFetch } from "@/lib/admin/admin-api";
import { usePolled } from "@/lib/admin/use-polled";

/** The browser's own "today", so the figures match the dispatcher's calendar, not the server's. */
function todayQuery(): string {
  const now = new Date();
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const to = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
}

const percent = (rate: number | null) => (rate === null ? "–" : `${Math.round(rate * 100)}%`);
const duration = (seconds: number | null) => (seconds === null ? "–" : seconds < 90 ? `${Math.round(seconds)} s` : `${(seconds / 60).toFixed(1)} min`);

export function InsightPanel() {
  const insight = usePolled(() => adminFetch(ZInsight, "GET", `/api/admin/insight?${todayQuery()}`), 10_000, "insight");
  const data = insight.data;
  return (
    <section className="card admin-insight" aria-label="Insight" data-testid="insight-panel">
      <h2>Today</h2>
      {insight.error && <p className="admin-error">{insight.error}</p>}
      {data && (
        <>
          <dl className="admin-figures">
            <div>
              <dt>Delivered</dt>
              <dd data-testid="insight-delivered">{data.delivered}</dd>
            </div>
            <div>
              <dt>Failed</dt>
              <dd data-testid="insight-failed">{data.failed}</dd>
            </div>
            <div>
              <dt>On time</dt>
              <dd data-testid="insight-on-time">{percent(data.onTime.rate)}</dd>
              {/* A second dd, not a bare element: a dl's groups hold only dt and dd (axe: definition-list). */}
              <dd className="admin-figures__note">
                <small>
                  {data.onTime.onTime} of {data.onTime.withDueAt} with a due time
                </small>
              </dd>
            </div>
            <div>
              <dt>Median ETA error</dt>
              <dd data-testid="insight-eta-error">{duration(data.etaError.medianSeconds)}</dd>
              <dd className="admin-figures__note">
                <small>last ETA shown before arrival, over {data.etaError.orders} delivered order(s)</small>
              </dd>
            </div>
          </dl>
          <table className="admin-table">
            <thead>
              <tr>
                <th>Driver</th>
                <th>Delivered</th>
                <th>Failed</th>
              </tr>
            </thead>
            <tbody>
              {data.perDriver.map((row) => (
                <tr key={row.driverId ?? "none"} data-testid="insight-driver" data-driver-id={row.driverId ?? ""}>
                  <td>{row.driverName ?? "no driver"}</td>
                  <td data-testid="insight-driver-delivered">{row.delivered}</td>
                  <td>{row.failed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
