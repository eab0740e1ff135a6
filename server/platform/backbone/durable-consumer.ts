import { AckPolicy, DeliverPolicy, type JetStreamManager } from "@nats-io/jetstream";

/** A minute to handle a message (a slow webhook or mail server) before JetStream redelivers it. */
const ACK_WAIT_NS = 60 * 1_000_000_000;

/**
 * Creates, unless it exists, a durable consumer shared by every process (each message goes to one
 * of them, acknowledged explicitly) that starts with what happens from now on: history is read
 * from the stream, not replayed to receivers that were not there.
 */
export async function ensureDurableConsumer(jsm: JetStreamManager, stream: string, name: string, filterSubject?: string): Promise<void> {
  const existing = await jsm.consumers.info(stream, name).catch(() => null);
  if (existing) return;
  await jsm.consumers.add(stream, {
    durable_name: name,
    ...(filterSubject ? { filter_subject: filterSubject } : {}),
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.New,
    ack_wait: ACK_WAIT_NS,
    max_ack_pending: 1_000,
  });
}
