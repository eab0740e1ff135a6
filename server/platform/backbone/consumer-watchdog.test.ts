/**
 * The watchdog on real nats-servers: an ordered consumer deleted out from under it, one that
 * delivers nothing more while its stream grows, one on an idle stream, one lost with a server
 * restart, and one whose cluster node is killed (nats.js then reports missed heartbeats, or
 * nothing, forever, and its iterator never ends).
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages, type JetStreamClient, type JetStreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { connectNats } from "./backbone";
import { watchConsumer } from "./consumer-watchdog";
import { startTestNats, type TestNats } from "../../../testing/test-nats";
import { startTestNatsCluster } from "../../../testing/test-nats-cluster";

const STREAM = "WATCHDOG";
const FAST = { checkMs: 50, stallMs: 300, probeTimeoutMs: 2_000 };
let nats: TestNats;
let nc: NatsConnection;
let js: JetStreamClient;
let jsm: JetStreamManager;

before(async () => {
  nats = await startTestNats({ monitoring: false });
  nc = await connectNats(nats.server.url, "watchdog-test");
  js = jetstream(nc);
  jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name: STREAM, subjects: ["watchdog.>"] });
});

after(async () => {
  await nc?.close();
  await nats?.stop();
});

/** An ordered consumer of `filter` from the start, its iterator read until `readLimit` messages. */
async function watched(client: { js: JetStreamClient; jsm: JetStreamManager }, stream: string, filter: string, options: { readLimit?: number; expires?: number; connection?: NatsConnection } = {}) {
  const consumer = await client.js.consumers.get(stream, { filter_subjects: filter, deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: 1 });
  const messages: ConsumerMessages = await consumer.consume({ max_messages: 100, expires: options.expires ?? 2_000 });
  let delivered = 0;
  let read = 0;
  const reasons: string[] = [];
  let markStalled: (reason: string) => void = () => undefined;
  const stalled = new Promise<string>((resolve) => (markStalled = resolve));
  const watchdog = watchConsumer({
    messages,
    connection: options.connection,
    consumerInfo: () => consumer.info(),
    lastStoredSeq: async () => (await client.jsm.streams.getMessage(stream, { last_by_subj: filter }))?.seq ?? 0,
    deliveredSeq: () => delivered,
    onStall: (reason) => {
      reasons.push(reason);
      markStalled(reason);
    },
    timing: FAST,
  });
  const reading = (async () => {
    for await (const message of messages) {
      delivered = message.seq;
      if (++read >= (options.readLimit ?? Infinity)) break;
    }
  })();
  const close = async () => {
    watchdog.stop();
    await messages.close();
  };
  return { consumer, stalled, reasons, delivered: () => delivered, reading, close };
}

test("a consumer deleted out from under it is given up at once", async () => {
  await js.publish("watchdog.deleted", "1");
  const watch = await watched({ js, jsm }, STREAM, "watchdog.deleted");
  await waitUntil(() => watch.delivered() > 0);
  await jsm.consumers.delete(STREAM, (await watch.consumer.info(true)).name);
  assert.match(await watch.stalled, /consumer (deleted|not found)/);
  await watch.close();
});

test("deliveries that stop while the stream holds more are a stall", async () => {
  await js.publish("watchdog.stuck", "1");
  // Stops reading after one message: deliveries end as they do from a consumer stuck on a dead node.
  const watch = await watched({ js, jsm }, STREAM, "watchdog.stuck", { readLimit: 1 });
  await watch.reading;
  const published = await js.publish("watchdog.stuck", "2");
  assert.match(await watch.stalled, new RegExp(`nothing delivered for \\d+ ms while the stream holds up to ${published.seq}`));
  await watch.close();
});

test("an idle consumer, or one that keeps delivering, is not a stall", async () => {
  const watch = await watched({ js, jsm }, STREAM, "watchdog.alive");
  // Many check periods and stall windows: nothing pending, then a steady trickle.
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, FAST.stallMs / 2));
  for (let i = 0; i < 10; i++) {
    const { seq } = await js.publish("watchdog.alive", String(i));
    await waitUntil(() => watch.delivered() === seq);
    await new Promise((resolve) => setTimeout(resolve, FAST.stallMs / 2));
  }
  assert.deepEqual(watch.reasons, []);
  await watch.close();
  await watch.reading;
});

test("a reconnect to a server that lost the consumer is a stall", async () => {
  await js.publish("watchdog.restart", "1");
  const watch = await watched({ js, jsm }, STREAM, "watchdog.restart", { connection: nc });
  await waitUntil(() => watch.delivered() > 0);
  // An ordered consumer lives in memory: the restarted server no longer has it.
  await nats.restart();
  assert.match(await watch.stalled, /reconnected, and the consumer does not answer|consumer not found/);
  await watch.close();
});

test("a consumer whose cluster node is killed is given up (missed heartbeats or a reconnect, then no answer)", async () => {
  const cluster = await startTestNatsCluster(3);
  const client = await connectNats(cluster.url, "watchdog-cluster-test");
  try {
    const clusterJsm = await jetstreamManager(client);
    const clusterJs = jetstream(client);
    await clusterJsm.streams.add({ name: STREAM, subjects: ["watchdog.>"], num_replicas: 3 });
    await clusterJs.publish("watchdog.node", "1");
    const watch = await watched({ js: clusterJs, jsm: clusterJsm }, STREAM, "watchdog.node", { expires: 1_000, connection: client });
    await waitUntil(() => watch.delivered() > 0);
    const host = (await watch.consumer.info()).cluster?.leader;
    const node = cluster.nodes.find((candidate) => candidate.name === host);
    assert.ok(node, `the consumer's node is known (${host})`);
    await node.kill();
    // Missed heartbeats tell when this connection was on another node, the reconnect when it was
    // on that one; a message left undelivered would tell either way.
    await waitUntil(
      async () =>
        (await clusterJs.publish("watchdog.node", "2").then(
          () => true,
          () => false,
        )) || watch.reasons.length > 0,
    );
    assert.match(await watch.stalled, /(heartbeats missed|reconnected), and the consumer does not answer|consumer (deleted|not found)|nothing delivered/);
    await watch.close();
  } finally {
    await client.close();
    await cluster.stop();
  }
});

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
