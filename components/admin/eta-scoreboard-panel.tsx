"use client";
import { ZEtaScoreboard } from "@/lib/schemas/eta-scoreboard";
import { adminFetch } from "@/lib/admin/admin-api";
import { usePolled } from "@/lib/admin/use-polled";
import { Card } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";

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
      {count.rate === null ? "–" : `${Math.round(count.rate * 100)}%`} <small>({count.inside}/{count.total})</small>
    </Td>
  );
}

/** How often drivers reached the door inside the window customers were shown, per day and driver. */
export function EtaScoreboardPanel() {
  const board = usePolled(() => adminFetch(ZEtaScoreboard, "GET", `/api/admin/eta-scoreboard?${lastWeekQuery()}`), 30_000, "eta-scoreboard");
  const rows = board.data?.rows ?? [];
  return (
    <Card title="ETA scoreboard" aria-label="ETA scoreboard" data-testid="eta-scoreboard">
      <p>Arrivals inside the window the customer was shown 30 min, 10 min and 3 stops before, over the last 7 days.</p>
      {board.error && <p className="admin-error">{board.error}</p>}
      {board.data && rows.length === 0 && <p data-testid="eta-scoreboard-empty">No arrivals with a shown ETA yet.</p>}
      {rows.length > 0 && (
        <Table>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Driver</th>
              <th scope="col">Arrivals</th>
              <th scope="col">30 min before</th>
              <th scope="col">10 min before</th>
              <th scope="col">3 stops before</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.day}-${row.driverId ?? "none"}`} data-testid="eta-scoreboard-row" data-driver-id={row.driverId ?? ""} data-day={row.day}>
                <Td label="Day">{row.day}</Td>
                <Td label="Driver">{row.driverName ?? "no driver"}</Td>
                <Td label="Arrivals" data-testid="eta-scoreboard-arrivals">
                  {row.arrivals}
                </Td>
                <Score count={row.minutes30} label="30 min before" testId="eta-scoreboard-30min" />
                <Score count={row.minutes10} label="10 min before" testId="eta-scoreboard-10min" />
                <Score count={row.stops3} label="3 stops before" testId="eta-scoreboard-3stops" />
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
