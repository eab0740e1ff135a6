/**
 * Lastmile order events, read by an outside system: a DURABLE JetStream consumer of the ORDERS
 * stream (subjects `orders.<orderId>.events`), connected as the read-only `integration` user.
 * Prints one JSON line per event and acknowledges it after; stopped and started again, it goes
 * on after the last event it acknowledged (the server keeps its place under CONSUMER_NAME), so
 * nothing is missed. An event handled but not yet acknowledged when the process died comes again:
 * handle events idempotently (the `seq` is unique per event).
 *
 *   NATS_URL=nats://127.0.0.1:4222 NATS_USER=integration NATS_PASSWORD=… npx tsx consumer.ts
 *
 * Environment: NATS_URL, NATS_USER (default integration), NATS_PASSWORD, CONSUMER_NAME (default
 * order-events-example), START (where a NEW consumer begins: `new` (default), `all` for the
 * stream's whole history, or an ISO time). Needs @nats-io/transport-node and @nats-io/jetstream.
 */
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type ConsumerConfig } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";

const STREAM = "ORDERS";
const SUBJECT = "orders.*.events";

function startOf(start: string | undefined): Partial<ConsumerConfig> {
  if (!start || start === "new") return { deliver_policy: DeliverPolicy.New };
  if (start === "all") return { deliver_policy: DeliverPolicy.All };
  const time = new Date(start);
  if (Number.isNaN(time.getTime())) throw new Error(`START must be new, all or an ISO time, not ${start}`);
  return { deliver_policy: DeliverPolicy.StartTime, opt_start_time: time.toISOString() };
}

const name = process.env.CONSUMER_NAME ?? "order-events-example";
const nc = await connect({
  servers: process.env.NATS_URL ?? "nats://127.0.0.1:4222",
  user: process.env.NATS_USER ?? "integration",
  pass: process.env.NATS_PASSWORD,
  name: `lastmile-example:${name}`,
  maxReconnectAttempts: -1,
});
// The integration user may not read account info: skip the client's API check.
const jsm = await jetstreamManager(nc, { checkAPI: false });
const js = jetstream(nc);

// Created once; afterwards the server remembers what was acknowledged.
const existing = await jsm.consumers.info(STREAM, name).catch(() => null);
if (!existing) {
  await jsm.consumers.add(STREAM, { durable_name: name, filter_subject: SUBJECT, ack_policy: AckPolicy.Explicit, ...startOf(process.env.START) });
}

const consumer = await js.consumers.get(STREAM, name);
const messages = await consumer.consume({ max_messages: 100 });
const stop = () => void messages.close();
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
console.error(`[consumer] reading ${STREAM} ${SUBJECT} as ${name}`);

for await (const message of messages) {
  let event: { type?: string; orderId?: string; at?: number } = {};
  try {
    event = message.json();
  } catch {
    // Not JSON: still acknowledged below, it would never parse.
  }
  // Your work goes here. This example prints one line per event.
  console.log(JSON.stringify({ seq: message.seq, subject: message.subject, type: event.type, orderId: event.orderId, at: event.at }));
  // ackAck: wait until the server has recorded it, so a stop right after cannot lose the place.
  await message.ackAck();
}
await nc.drain();
