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
  // One statement (Prisma's upsert with an empty update reads first): a repeated msgID changes nothing.
  await out.tx.$executeRaw`INSERT INTO order_events (id, order_id, type, data, occurred_at)
    VALUES (${msgId}, ${orderId}, ${type}, ${JSON.stringify(data)}::jsonb, ${new Date(at).toISOString()}::timestamp) ON CONFLICT (id) DO NOTHING`;
  await out.enqueue(subjects.orderEvents(orderId), event, msgId);
}
