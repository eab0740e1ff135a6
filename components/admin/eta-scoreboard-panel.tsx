"use client";
import { ZEtaScoreboard } from "@/lib/schemas/eta-scoreboard";
import { adminFetch } from "@/lib/admin/admin-api";
import { usePolled } from "@/lib/admin/use-polled";
import { Card } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { useAdminMessages } from "@/lib/admin/use-admin-messages";

/** The last 7 of the dispatcher's own calendar days, so rows are the dispatcher's days. */
function lastWeekQuery(): string {
  const now = new Date();
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 6);
  const to = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}&tzOffsetMinutes=${-now.getTimezoneOffset()}`;
}

function Score({ count, label, testId }: { count: { inside: number; total: number; rate: number | null }; label: string; testId: string }) {
  return (
    <Td label={label} data-testid={testId}>
      {count.rate === null ? "–" : `${Math.round(count.rate * 100)}%`}{" "}
      <small>
        ({count.inside}/{count.total})
      </small>
    </Td>
  );
}

/** How often drivers reached the door inside the window customers were shown, per day and driver. */
export function EtaScoreboardPanel() {
  const t = useAdminMessages();
  const c = t.scoreboard.columns;
  const board = usePolled(() => adminFetch(ZEtaScoreboard, "GET", `/api/admin/eta-scoreboard?${lastWeekQuery()}`), 30_000, "eta-scoreboard");
  const rows = board.data?.rows ?? [];
  return (
    <Card title={t.scoreboard.title} aria-label={t.scoreboard.title} data-testid="eta-scoreboard">
      <p>{t.scoreboard.intro}</p>
      {board.error && <p className="admin-error">{board.error}</p>}
      {board.data && rows.length === 0 && <p data-testid="eta-scoreboard-empty">{t.scoreboard.empty}</p>}
      {rows.length > 0 && (
        <Table>
          <thead>
            <tr>
              <th scope="col">{c.day}</th>
              <th scope="col">{c.driver}</th>
              <th scope="col">{c.arrivals}</th>
              <th scope="col">{c.minutes30}</th>
              <th scope="col">{c.minutes10}</th>
              <th scope="col">{c.stops3}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.day}-${row.driverId ?? "none"}`} data-testid="eta-scoreboard-row" data-driver-id={row.driverId ?? ""} data-day={row.day}>
                <Td label={c.day}>{row.day}</Td>
                <Td label={c.driver}>{row.driverName ?? t.scoreboard.noDriver}</Td>
                <Td label={c.arrivals} data-testid="eta-scoreboard-arrivals">
                  {row.arrivals}
                </Td>
                <Score count={row.minutes30} label={c.minutes30} testId="eta-scoreboard-30min" />
                <Score count={row.minutes10} label={c.minutes10} testId="eta-scoreboard-10min" />
                <Score count={row.stops3} label={c.stops3} testId="eta-scoreboard-3stops" />
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
