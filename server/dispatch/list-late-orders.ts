import { FINISHED_STATUSES } from "../../lib/domain/order-status";
import { lateReason, type LateReason } from "../../lib/domain/lateness";
import type { CoreDeps } from "../deps";
import { lastPublishedView } from "../views/get-order-view";

export interface LateOrder {
  orderId: string;
  customerName: string;
  driverId: string | null;
  driverName: string | null;
  /** ms epoch of the promised time. */
  dueAt: number;
  /** ms epoch of the tracker's best estimate, when it was needed and known. */
  etaAt: number | null;
  reason: LateReason;
}

/** The most urgent promised orders looked at per call; the table's "late only" filter has the rest. */
const MAX_CANDIDATES = 500;

/**
 * Unfinished orders past their promised time, or predicted to miss it (lib/domain/lateness.ts),
 * soonest due first. Only orders still before their time ask the tracker's current view for
 * the ETA (last value on ORDER_VIEWS): an overdue order is late whatever the ETA says.
 */
export async function listLateOrders(deps: Pick<CoreDeps, "prisma" | "jsm">, nowMs: number): Promise<LateOrder[]> {
  const open = await deps.prisma.order.findMany({
    where: { dueAt: { not: null }, status: { notIn: [...FINISHED_STATUSES] } },
    include: { driver: { select: { name: true } } },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    take: MAX_CANDIDATES,
  });
  const late = await Promise.all(
    open.map(async (order): Promise<LateOrder | null> => {
      const dueAt = order.dueAt!.getTime();
      const needsEta = nowMs <= dueAt && order.driverId !== null;
      const view = needsEta ? await lastPublishedView(deps.jsm, order.id) : null;
      const etaAt = view?.eta ? Date.parse(view.eta.at) : null;
      const reason = lateReason({ status: order.status, dueAt, etaAt }, nowMs);
      if (!reason) return null;
      return { orderId: order.id, customerName: order.customerName, driverId: order.driverId, driverName: order.driver?.name ?? null, dueAt, etaAt, reason };
    }),
  );
  return late.filter((order): order is LateOrder => order !== null);
}
