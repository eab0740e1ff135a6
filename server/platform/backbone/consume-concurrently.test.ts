/**
 * consumeConcurrently on a real nats-server: one key's messages are handled in stream order while
 * other keys run beside them, never more than `concurrency` at once; a handler's throw reaches
 * onError with the message, and stop() waits for the messages in hand.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { connectNats } from "./backbone";
import { consumeConcurrently } from "./consume-concurrently";
import { ensureDurableConsumer } from "./durable-consumer";
import { startTestNats, type TestNats } from "../../../testing/test-nats";

const STREAM = "CONCURRENT";
let nats: TestNats;
let nc: NatsConnection;
let js: JetStreamClient;
let jsm: JetStreamManager;

before(async () => {
  nats = await startTestNats({ monitoring: false });
  nc = await connectNats(nats.server.url, "consume-concurrently-test");
  js = jetstream(nc);
  jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name: STREAM, subjects: ["work.>"] });
});
after(async () => {
  await nc?.close();
  await nats?.stop();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("one key in order, keys side by side, at most `concurrency` at once; a throw goes to onError", async () => {
  await ensureDurableConsumer(jsm, STREAM, "ordered");
  const keys = ["a", "b", "c", "d", "e", "f"];
  const perKey = 5;
  const handled = new Map<string, number[]>();
  const failed: number[] = [];
  let running = 0;
  let mostRunning = 0;
  const consumer = await consumeConcurrently(
    js,
    STREAM,
    "ordered",
    async (message) => {
      running++;
      mostRunning = Math.max(mostRunning, running);
      const { key, index } = message.json<{ key: string; index: number }>();
      // Later messages of a key finish sooner: only the key's queue keeps them in order.
      await pause(5 + (perKey - index) * 3);
      running--;
      if (key === "f" && index === 2) throw new Error("the database is down");
      handled.set(key, [...(handled.get(key) ?? []), index]);
      message.ack();
    },
    {
      concurrency: 3,
      keyOf: (message) => message.subject.split(".")[1]!,
      onError(message, error) {
        assert.match(String(error), /database is down/);
        failed.push(message.seq);
        message.term();
      },
    },
  );
  for (let index = 0; index < perKey; index++) for (const key of keys) await js.publish(`work.${key}`, JSON.stringify({ key, index }));
  const deadline = Date.now() + 10_000;
  while ([...handled.values()].flat().length + failed.length < keys.length * perKey && Date.now() < deadline) await pause(20);
  await consumer.stop();

  for (const key of keys) assert.deepEqual(handled.get(key), key === "f" ? [0, 1, 3, 4] : [0, 1, 2, 3, 4], `key ${key} in stream order`);
  assert.equal(failed.length, 1);
  assert.ok(mostRunning <= 3, `at most 3 at once (${mostRunning})`);
  assert.ok(mostRunning >= 2, `keys ran side by side (${mostRunning})`);
});

test("stop() waits for the messages in hand", async () => {
  await ensureDurableConsumer(jsm, STREAM, "stopping");
  let finished = 0;
  let started = 0;
  const consumer = await consumeConcurrently(
    js,
    STREAM,
    "stopping",
    async (message) => {
      started++;
      await pause(200);
      finished++;
      message.ack();
    },
    { concurrency: 4, onError: () => assert.fail("no handler throws here") },
  );
  for (let index = 0; index < 4; index++) await js.publish("work.stop", JSON.stringify({ index }));
  while (started < 4) await pause(10);
  await consumer.stop();
  assert.equal(finished, started);
});
