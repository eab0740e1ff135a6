import type { TAdminOrderChoice } from "../../../lib/schemas/delivery-choice";
import type { CoreDeps } from "../../deps";
import { OrderNotFound } from "../../platform/domain-errors";
import { DELIVERY_CHOICE_FIELDS, toDeliveryChoice } from "./to-delivery-choice";

/** Dispatch's view of the customer's choice for an order, with what a reschedule decision needs. */
export async function getOrderChoice(deps: Pick<CoreDeps, "prisma">, orderId: string): Promise<TAdminOrderChoice> {
  const order = await deps.prisma.order.findUnique({ where: { id: orderId }, select: { status: true, dueAt: true, deliveryChoice: { select: DELIVERY_CHOICE_FIELDS } } });
  if (!order) throw new OrderNotFound(orderId);
  return { orderId, status: order.status, dueAt: order.dueAt?.toISOString() ?? null, choice: toDeliveryChoice(order.deliveryChoice) };
}
