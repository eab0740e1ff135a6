import { notFound } from "../http/api-error";
import type { CoreDeps } from "../deps";

const TYPE_RANK: Record<string, number> = { "order.created": 0, "order.status_changed": 1, "order.route_changed": 2 };

export interface OrderHistoryEntry {
  id: string;
  type: string;
  at: string;
  data: unknown;
}

/** An order's history from the `order_events` projection of the ORDERS stream, oldest first. */
export async function listOrderEvents(deps: Pick<CoreDeps, "prisma">, orderId: string): Promise<{ orderId: string; events: OrderHistoryEntry[] }> {
  const order = await deps.prisma.order.findUnique({ where: { id: orderId }, select: { id: true } });
  if (!order) throw notFound(`no order with id ${orderId}`);
  const events = await deps.prisma.orderEvent.findMany({ where: { orderId }, orderBy: [{ occurredAt: "asc" }, { id: "asc" }] });
  // Events of one request share a millisecond; the projection has no stream sequence, so order
  // ties the way every writer records them: created, then status, then route.
  events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (TYPE_RANK[a.type] ?? 9) - (TYPE_RANK[b.type] ?? 9));
  return { orderId, events: events.map((event) => ({ id: event.id, type: event.type, at: event.occurredAt.toISOString(), data: event.data })) };
}
