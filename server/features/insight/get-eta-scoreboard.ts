/**
 * The ETA scoreboard from `eta_predictions`: each order the driver reached in the period (its
 * predictions settled with `actual_at`), scored by lib/domain/eta-scoreboard.ts.
 */
import { buildEtaScoreboard, type ScoredArrival } from "../../../lib/domain/eta-scoreboard";
import type { TEtaScoreboard } from "../../../lib/schemas/eta-scoreboard";
import type { CoreDeps } from "../../deps";

export async function getEtaScoreboard(deps: Pick<CoreDeps, "prisma">, period: { from: Date; to: Date }, tzOffsetMinutes: number): Promise<TEtaScoreboard> {
  const predictions = await deps.prisma.etaPrediction.findMany({
    where: { actualAt: { gte: period.from, lt: period.to } },
    select: {
      id: true,
      orderId: true,
      predictedAt: true,
      earliestAt: true,
      latestAt: true,
      stopsAway: true,
      actualAt: true,
      order: { select: { driverId: true, driver: { select: { name: true } } } },
    },
  });
  const arrivals = new Map<string, ScoredArrival & { predictions: ScoredArrival["predictions"][number][] }>();
  for (const row of predictions) {
    if (!row.actualAt) continue;
    let arrival = arrivals.get(row.orderId);
    if (!arrival) {
      arrival = { driverId: row.order.driverId, driverName: row.order.driver?.name ?? null, actualAt: row.actualAt.getTime(), predictions: [] };
      arrivals.set(row.orderId, arrival);
    }
    arrival.predictions.push({
      predictedAt: row.predictedAt.getTime(),
      earliestAt: row.earliestAt.getTime(),
      latestAt: row.latestAt.getTime(),
      stopsAway: row.stopsAway,
      // `eta:<order>:<version>` (the tracker's): the version orders predictions made in the same ms.
      seq: Number(row.id.slice(row.id.lastIndexOf(":") + 1)) || 0,
    });
  }
  return { from: period.from.toISOString(), to: period.to.toISOString(), rows: buildEtaScoreboard([...arrivals.values()], tzOffsetMinutes) };
}
