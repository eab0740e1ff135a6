import type { PubAck } from "@nats-io/jetstream";
import type { JetStreamPublisher } from "./turn-publisher";

/**
 * Publishes JSON to JetStream and resolves once the stream has stored it. `msgId` makes
 * retries harmless: JetStream drops a second message with the same id within the stream's
 * duplicate window (the ack then says `duplicate: true`).
 */
export async function publishJson(js: JetStreamPublisher, subject: string, payload: unknown, msgId: string): Promise<PubAck> {
  return js.publish(subject, JSON.stringify(payload), { msgID: msgId, timeout: 5_000 });
}
