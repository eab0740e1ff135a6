/**
 * The dashboard's insight panel, computed from the database for a period (the page's "today"):
 * deliveries, on-time rate against `due_at`, median ETA error from `eta_predictions`, and
 * deliveries per driver. Delivered/failed orders are counted by when they finished.
 */
import { median, onTimeRate } from "../../../lib/domain/insight-stats";
import type { TInsight } from "../../../lib/schemas/insight";
import type { CoreDeps } from "../../deps";

export async function getInsight(deps: Pick<CoreDeps, "prisma">, period: { from: Date; to: Date }): Promise<TInsight> {
  const finished = await deps.prisma.order.findMany({
    where: { status: { in: ["delivered", "failed"] }, finishedAt: { gte: period.from, lt: period.to } },
    select: { id: true, status: true, finishedAt: true, dueAt: true, driverId: true, driver: { select: { name: true } } },
  });
  const delivered = finished.filter((order) => order.status === "delivered");

  // Each delivered order's last prediction made before the driver reached the door (actual_at):
  // the ETA the customer was looking at when the driver arrived.
  const predictions = delivered.length
    ? await deps.prisma.etaPrediction.findMany({
        where: { orderId: { in: delivered.map((order) => order.id) }, actualAt: { not: null }, errorSeconds: { not: null } },
        orderBy: { predictedAt: "asc" },
        select: { orderId: true, predictedAt: true, actualAt: true, errorSeconds: true },
      })
    : [];
  const lastErrorByOrder = new Map<string, number>();
  for (const prediction of predictions) {
    if (prediction.actualAt && prediction.predictedAt <= prediction.actualAt && prediction.errorSeconds !== null) {
      lastErrorByOrder.set(prediction.orderId, Math.abs(prediction.errorSeconds));
    }
  }

  const perDriver = new Map<string | null, { driverId: string | null; driverName: string | null; delivered: number; failed: number }>();
  for (const order of finished) {
    const row = perDriver.get(order.driverId) ?? { driverId: order.driverId, driverName: order.driver?.name ?? null, delivered: 0, failed: 0 };
    if (order.status === "delivered") row.delivered++;
    else row.failed++;
    perDriver.set(order.driverId, row);
  }

  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    delivered: delivered.length,
    failed: finished.length - delivered.length,
    onTime: onTimeRate(delivered.map((order) => ({ finishedAt: order.finishedAt!.getTime(), dueAt: order.dueAt?.getTime() ?? null }))),
    etaError: { medianSeconds: median([...lastErrorByOrder.values()]), orders: lastErrorByOrder.size },
    perDriver: [...perDriver.values()].sort((a, b) => b.delivered - a.delivered || (a.driverName ?? "").localeCompare(b.driverName ?? "")),
  };
}

/** The server's own calendar day around `now`, when the page did not send its own. */
export function localDay(now: Date): { from: Date; to: Date } {
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const to = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return { from, to };
}
