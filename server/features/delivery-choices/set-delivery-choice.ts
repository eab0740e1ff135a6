import { checkCanChoose, checkRescheduleWish } from "../../../lib/domain/delivery-choice";
import type { TDeliveryChoice, TDeliveryChoiceRequest } from "../../../lib/schemas/delivery-choice";
import { subjects } from "../../platform/backbone/subjects";
import type { CoreDeps } from "../../deps";
import { InvalidInput, OrderStateConflict, TrackingLinkNotFound } from "../../platform/domain-errors";
import { commitAndPublish } from "../../pipeline/outbox/commit-and-publish";
import { recordOrderEvent } from "../orders/order-events";
import { findOrderIdByToken } from "../../pipeline/views/get-order-view";
import { DELIVERY_CHOICE_FIELDS, toDeliveryChoice } from "./to-delivery-choice";

/** The request as the columns store it: fields a kind does not use are null. */
function toColumns(input: TDeliveryChoiceRequest) {
  const note = input.note ? input.note : null;
  return {
    kind: input.kind,
    neighbourName: input.kind === "neighbour" ? input.neighbourName : null,
    neighbourDoor: input.kind === "neighbour" ? input.neighbourDoor : null,
    note,
    preferredDate: input.kind === "reschedule" ? (input.preferredDate ?? null) : null,
    windowStart: input.kind === "reschedule" ? (input.windowStart ?? null) : null,
    windowEnd: input.kind === "reschedule" ? (input.windowEnd ?? null) : null,
    rescheduleState: input.kind === "reschedule" ? "requested" : null,
  };
}

/**
 * The customer chooses how their order is delivered (a new choice replaces the last one): stored
 * in `delivery_choices` and published as `order.delivery_choice_set` in the same transaction, so
 * the driver's stop and dispatch's history agree. Only before the order is finished. The same
 * choice sent again (a retry) records nothing new; an accepted reschedule asked again stays accepted.
 * After a failed delivery only a request for another day is taken (dispatch may then reopen it).
 */
export async function setDeliveryChoice(deps: Pick<CoreDeps, "prisma" | "outbox">, token: string, input: TDeliveryChoiceRequest, now = new Date()): Promise<TDeliveryChoice> {
  if (input.kind === "reschedule") {
    const wish = checkRescheduleWish(input, now);
    if (!wish.ok) throw new InvalidInput(wish.code, wish.reason);
  }
  const orderId = await findOrderIdByToken(deps.prisma, token);
  if (!orderId) throw new TrackingLinkNotFound();
  const columns = toColumns(input);
  return commitAndPublish(
    deps,
    async (out) => {
      const { tx } = out;
      await tx.$queryRaw`SELECT id FROM orders WHERE id = ${orderId} FOR UPDATE`;
      const order = await tx.order.findUnique({ where: { id: orderId }, select: { status: true, deliveryChoice: { select: DELIVERY_CHOICE_FIELDS } } });
      if (!order) throw new TrackingLinkNotFound();
      const check = checkCanChoose(order.status, input.kind);
      if (!check.ok) throw new OrderStateConflict(check.code, check.reason);
      const current = order.deliveryChoice;
      const isSame = current !== null && (Object.keys(columns) as (keyof typeof columns)[]).every((key) => key === "rescheduleState" || current[key] === columns[key]);
      if (current && isSame) {
        await out.awaitPending([subjects.orderEvents(orderId)]);
        return toDeliveryChoice(current)!;
      }
      const data = { ...columns, chosenAt: now, acceptedAt: null };
      const saved = await tx.deliveryChoice.upsert({ where: { orderId }, create: { orderId, ...data }, update: data, select: DELIVERY_CHOICE_FIELDS });
      const { rescheduleState: _state, ...published } = columns;
      await recordOrderEvent(out, { type: "order.delivery_choice_set", orderId, at: now.getTime(), ...published, by: "customer" });
      return toDeliveryChoice(saved)!;
    },
    { timeout: 20_000 },
  );
}
