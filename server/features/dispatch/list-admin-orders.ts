import { FINISHED_STATUSES, isFinished, type OrderStatus } from "../../../lib/domain/order-status";
import { isOrderLate } from "../../../lib/domain/lateness";
import type { TAdminOrdersQuery } from "../../../lib/schemas/admin";
import type { TAdminOrderRow, TAdminOrdersPage } from "../../../lib/schemas/admin-responses";
import type { Prisma } from "../../../generated/prisma/client";
import type { CoreDeps } from "../../deps";
import { toOrderBase } from "../orders/order-response";
import { readStopsAway } from "../orders/read-stops-away";
import { lastPublishedViews } from "../../pipeline/views/last-published-views";

/** `etaAt`: the tracker's last published ETA (ISO) for an unfinished order, null when it has none. */
export type AdminOrdersPage = TAdminOrdersPage;

/** The customer's request for another day, flagged while the order is open (a failed one may be tried again). */
function rescheduleFlag(status: OrderStatus, choice: { kind: string; rescheduleState: string | null; preferredDate: string | null } | null): TAdminOrderRow["reschedule"] {
  if (!choice || choice.kind !== "reschedule" || status === "delivered" || status === "cancelled") return null;
  if (choice.rescheduleState !== "requested" && choice.rescheduleState !== "accepted") return null;
  return { state: choice.rescheduleState, preferredDate: choice.preferredDate };
}

/** One page of orders for the dashboard table, filtered and searched in the database. */
export async function listAdminOrders(deps: Pick<CoreDeps, "prisma" | "jsm">, query: TAdminOrdersQuery, nowMs = Date.now()): Promise<AdminOrdersPage> {
  const now = new Date(nowMs);
  const where: Prisma.OrderWhereInput = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.driverId ? { driverId: query.driverId } : {}),
    ...(query.isLate === true ? { dueAt: { lt: now }, status: { notIn: [...FINISHED_STATUSES] } } : {}),
    ...(query.isLate === false ? { OR: [{ dueAt: null }, { dueAt: { gte: now } }, { status: { in: [...FINISHED_STATUSES] } }] } : {}),
  };
  if (query.q) {
    const search: Prisma.OrderWhereInput = {
      OR: [{ id: { startsWith: query.q } }, { customerName: { contains: query.q, mode: "insensitive" } }, { address: { contains: query.q, mode: "insensitive" } }],
    };
    where.AND = [search];
  }
  const [total, orders] = await Promise.all([
    deps.prisma.order.count({ where }),
    deps.prisma.order.findMany({
      where,
      include: { stop: true, driver: { select: { name: true } }, deliveryChoice: { select: { kind: true, rescheduleState: true, preferredDate: true } } },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
  ]);
  const driverIds = [...new Set(orders.flatMap((order) => (order.stop ? [order.stop.driverId] : [])))];
  // Only unfinished orders can have an ETA worth showing: no stream reads for the rest.
  const views = await lastPublishedViews(
    deps.jsm,
    orders.filter((order) => !isFinished(order.status)).map((order) => order.id),
  );
  const stopsAway = await readStopsAway(deps.prisma, driverIds);
  return {
    total,
    page: query.page,
    pageSize: query.pageSize,
    orders: orders.map((order) => ({
      ...toOrderBase(order),
      driverName: order.driver?.name ?? null,
      stopsAway: stopsAway.get(order.id) ?? null,
      dueAt: order.dueAt?.toISOString() ?? null,
      isLate: isOrderLate({ status: order.status, dueAt: order.dueAt?.getTime() ?? null }, nowMs),
      etaAt: !isFinished(order.status) ? (views.get(order.id)?.eta?.at ?? null) : null,
      reschedule: rescheduleFlag(order.status, order.deliveryChoice),
    })),
  };
}
