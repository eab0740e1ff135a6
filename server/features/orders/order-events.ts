import { randomUUID } from "node:crypto";
import type { TOrderEvent } from "../../../lib/schemas/events";
import { subjects } from "../../platform/backbone/subjects";
import type { OutboxWriter } from "../../pipeline/outbox/outbox-writer";

/**
 * Records an order event inside the caller's transaction: the `order_events` projection row
 * and an outbox row for `orders.<id>.events` with msgID = `msgId`. Nothing is published
 * before COMMIT, so a rolled-back change leaves no event (server/pipeline/outbox publishes after it).
 */
export async function recordOrderEvent(out: OutboxWriter, event: TOrderEvent, msgId: string = randomUUID()): Promise<void> {
  const { orderId, type, at, ...data } = event;
  // One statement for both rows (a round trip less on every order change; Prisma's upsert with an
  // empty update would read first): a repeated msgID changes neither.
  await out.tx.$executeRaw`WITH projection AS (
      INSERT INTO order_events (id, order_id, type, data, occurred_at)
      VALUES (${msgId}, ${orderId}, ${type}, ${JSON.stringify(data)}::jsonb, ${new Date(at).toISOString()}::timestamp) ON CONFLICT (id) DO NOTHING)
    INSERT INTO outbox (id, subject, payload) VALUES (${msgId}, ${subjects.orderEvents(orderId)}, ${JSON.stringify(event)}) ON CONFLICT (id) DO NOTHING`;
  out.enqueued(msgId);
}
