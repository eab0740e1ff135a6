import { randomUUID } from "node:crypto";
import type { JetStreamClient } from "@nats-io/jetstream";
import type { TOrderEvent } from "../../lib/schemas/events";
import { subjects } from "../backbone/subjects";
import { publishJson } from "../backbone/publish";
import { unavailable } from "../http/api-error";
import type { Tx } from "../deps";

/**
 * Records an order event: publishes it to JetStream (the source of truth) and projects it into
 * `order_events` inside the caller's transaction. Called before COMMIT, so when NATS is down
 * the transaction rolls back and the client gets a 503 to retry: DB and stream never disagree
 * in the common failure.
 */
export async function recordOrderEvent(tx: Tx, js: JetStreamClient, event: TOrderEvent, msgId: string = randomUUID()): Promise<void> {
  try {
    await publishJson(js, subjects.orderEvents(event.orderId), event, msgId);
  } catch (error) {
    throw unavailable(`could not store the event on the backbone: ${(error as Error).message}`);
  }
  const { orderId, type, at, ...data } = event;
  await tx.orderEvent.upsert({
    where: { id: msgId },
    create: { id: msgId, orderId, type, data, occurredAt: new Date(at) },
    update: {},
  });
}
