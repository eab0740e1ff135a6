"use client";
import { ZInsight } from "@/lib/schemas/insight";
import { ZEtaScoreboard } from "@/lib/schemas/eta-scoreboard";
import { adminFetch } from "@/lib/admin/admin-api";
import { usePolled } from "@/lib/admin/use-polled";
import { useAdminMessages } from "@/lib/admin/use-admin-messages";
import { etaHeadline } from "@/lib/domain/eta-headline";

/** The browser's own "today", so the figures match the dispatcher's calendar, not the server's. */
function todayRange(): { from: Date; to: Date } {
  const now = new Date();
  return { from: new Date(now.getFullYear(), now.getMonth(), now.getDate()), to: new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1) };
}

function todayQuery(): string {
  const { from, to } = todayRange();
  return `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
}

const percent = (rate: number | null) => (rate === null ? "–" : `${Math.round(rate * 100)} %`);
const duration = (seconds: number | null) => (seconds === null ? "–" : seconds < 90 ? `${Math.round(seconds)} s` : `${(seconds / 60).toFixed(1)} min`);

/**
 * Today at a glance. The headline is what customers live by: the share of arrivals inside the
 * window they were shown 3 stops and 10 minutes before (the ETA scoreboard's figures, pooled for
 * today); the median error of the last ETA before arrival stands beside it, smaller.
 */
export function InsightPanel() {
  const t = useAdminMessages();
  const insight = usePolled(() => adminFetch(ZInsight, "GET", `/api/admin/insight?${todayQuery()}`), 10_000, "insight");
  const board = usePolled(() => adminFetch(ZEtaScoreboard, "GET", `/api/admin/eta-scoreboard?${todayQuery()}&tzOffsetMinutes=${-new Date().getTimezoneOffset()}`), 30_000, "insight-eta");
  const data = insight.data;
  const headline = board.data ? etaHeadline(board.data.rows) : null;
  return (
    <section className="card admin-insight" aria-label={t.insight.title} data-testid="insight-panel">
      <h2>{t.insight.title}</h2>
      {(insight.error ?? board.error) && <p className="admin-error">{insight.error ?? board.error}</p>}
      {headline && (
        <div className="admin-headline" data-testid="insight-headline">
          <p className="admin-headline__label">{t.insight.headline}</p>
          <p className="admin-headline__value" data-testid="insight-window-rate">
            {percent(headline.rate)}
          </p>
          <p className="admin-muted" data-testid="insight-window-detail">
            {headline.total === 0 ? t.insight.headlineNone : t.insight.headlineDetail(headline.inside, headline.total)}
          </p>
        </div>
      )}
      {data && (
        <>
          <dl className="admin-figures">
            <div>
              <dt>{t.insight.medianError}</dt>
              <dd>
                <span data-testid="insight-eta-error">{duration(data.etaError.medianSeconds)}</span> <small>{t.insight.medianErrorDetail(data.etaError.orders)}</small>
              </dd>
            </div>
            <div>
              <dt>{t.insight.delivered}</dt>
              <dd data-testid="insight-delivered">{data.delivered}</dd>
            </div>
            <div>
              <dt>{t.insight.failed}</dt>
              <dd data-testid="insight-failed">{data.failed}</dd>
            </div>
            <div>
              <dt>{t.insight.onTime}</dt>
              <dd>
                <span data-testid="insight-on-time">{percent(data.onTime.rate)}</span> <small>{t.insight.onTimeDetail(data.onTime.onTime, data.onTime.withDueAt)}</small>
              </dd>
            </div>
          </dl>
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">{t.insight.driver}</th>
                <th scope="col">{t.insight.delivered}</th>
                <th scope="col">{t.insight.failed}</th>
              </tr>
            </thead>
            <tbody>
              {data.perDriver.map((row) => (
                <tr key={row.driverId ?? "none"} data-testid="insight-driver" data-driver-id={row.driverId ?? ""}>
                  <td>{row.driverName ?? t.insight.noDriver}</td>
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
