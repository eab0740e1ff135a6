import { FINISHED_STATUSES } from "../../../lib/domain/order-status";
import { lateReason } from "../../../lib/domain/lateness";
import type { TLateOrder } from "../../../lib/schemas/admin";
import type { CoreDeps } from "../../deps";
import { lastPublishedViews } from "../../pipeline/views/last-published-views";

/** The most urgent promised orders looked at per call; the table's "late only" filter has the rest. */
const MAX_CANDIDATES = 500;

/**
 * Unfinished orders past their promised time, or predicted to miss it (lib/domain/lateness.ts),
 * soonest due first. Only orders still before their time ask the tracker's current view for
 * the ETA (last value on ORDER_VIEWS): an overdue order is late whatever the ETA says.
 */
export async function listLateOrders(deps: Pick<CoreDeps, "prisma" | "jsm">, nowMs: number): Promise<TLateOrder[]> {
  const open = await deps.prisma.order.findMany({
    where: { dueAt: { not: null }, status: { notIn: [...FINISHED_STATUSES] } },
    include: { driver: { select: { name: true } } },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    take: MAX_CANDIDATES,
  });
  const needsEta = (order: (typeof open)[number]) => nowMs <= order.dueAt!.getTime() && order.driverId !== null;
  const views = await lastPublishedViews(
    deps.jsm,
    open.filter(needsEta).map((order) => order.id),
  );
  const late = open.map((order): TLateOrder | null => {
    const dueAt = order.dueAt!.getTime();
    const eta = views.get(order.id)?.eta;
    const etaAt = eta ? Date.parse(eta.at) : null;
    const reason = lateReason({ status: order.status, dueAt, etaAt }, nowMs);
    if (!reason) return null;
    return { orderId: order.id, customerName: order.customerName, driverId: order.driverId, driverName: order.driver?.name ?? null, dueAt, etaAt, reason };
  });
  return late.filter((order): order is TLateOrder => order !== null);
}
