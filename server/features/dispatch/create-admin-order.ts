import type { TAdminCreateOrderRequest } from "../../../lib/schemas/admin";
import type { CoreDeps } from "../../deps";
import { createOrder, type CreatedOrder } from "../orders/create-order";

/** The dashboard's order form: the contract's createOrder plus an optional promised time. */
export async function createAdminOrder(deps: Pick<CoreDeps, "prisma" | "outbox">, input: TAdminCreateOrderRequest): Promise<CreatedOrder & { dueAt: string | null }> {
  const { dueAt, ...order } = input;
  const created = await createOrder(deps, order);
  // The due time is master data (not an event the tracker needs): set after the order exists.
  if (dueAt) await deps.prisma.order.update({ where: { id: created.id }, data: { dueAt } });
  return { ...created, dueAt: dueAt?.toISOString() ?? null };
}
