import { randomUUID } from "node:crypto";
import type { TOrderEvent } from "../../lib/schemas/events";
import { subjects } from "../backbone/subjects";
import type { OutboxWriter } from "../outbox/outbox-writer";

/**
 * Records an order event inside the caller's transaction: the `order_events` projection row
 * and an outbox row for `orders.<id>.events` with msgID = `msgId`. Nothing is published
 * before COMMIT, so a rolled-back change leaves no event (server/outbox publishes after it).
 */
export async function recordOrderEvent(out: OutboxWriter, event: TOrderEvent, msgId: string = randomUUID()): Promise<void> {
  const { orderId, type, at, ...data } = event;
  await out.tx.orderEvent.upsert({
    where: { id: msgId },
    create: { id: msgId, orderId, type, data, occurredAt: new Date(at) },
    update: {},
  });
  await out.enqueue(subjects.orderEvents(orderId), event, msgId);
}
