/**
 * Issue 20, item 6: the child nats-server's read-only `integration` user (NATS_INTEGRATION_PASSWORD).
 * On a real nats-server: it may subscribe to every channel the AsyncAPI document describes (and,
 * by its permissions, to nothing else) and read ORDERS through a
 * durable consumer of its own; it may not publish on the app's subjects, touch the streams, delete
 * consumers, or read or acknowledge the app's own durable consumers.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type JetStreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { EVENT_CHANNELS } from "../../edge/api/asyncapi-document";
import { startBackbone, type Backbone } from "./backbone";
import { integrationPermissions, NATS_INTEGRATION_USER, startNatsServer, type NatsServerProcess } from "./nats-server-process";
import { APP_DURABLES, STREAMS, subscriptionOf } from "./subjects";

const password = "test-integration-Zq8vN3kR7wLp2XyT5mB";
const dirs: string[] = [];
let server: NatsServerProcess;
let app: Backbone;
let nc: NatsConnection;
let jsm: JetStreamManager;
/** Every permission error the integration connection was told about. */
const violations: string[] = [];

const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "lastmile-nats-integration-"));
  dirs.push(dir);
  return dir;
};
const local = (port: number) => `nats://127.0.0.1:${port}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForViolation(subject: string): Promise<void> {
  const deadline = Date.now() + 3_000;
  while (!violations.some((message) => message.includes(`"${subject}"`))) {
    if (Date.now() > deadline) throw new Error(`no permissions violation for ${subject}; got ${violations.join(" | ")}`);
    await sleep(20);
  }
}

/** A concrete subject of a documented channel: partition "3", ids "o-1" (order), "d-1" (driver). */
const exampleSubject = (address: string) => address.replace(/\{([^}]+)\}/g, (_, name: string) => (name === "partition" ? "3" : `${name[0]}-1`));
const DOCUMENTED = EVENT_CHANNELS.map((channel) => ({ id: channel.id, subscription: subscriptionOf(channel.address), example: exampleSubject(channel.address) }));

const messageCount = async (stream: string) => (await app.jsm.streams.info(stream)).state.messages;

before(async () => {
  const storeDir = tempDir();
  server = await startNatsServer({ storeDir, integrationPassword: password });
  app = await startBackbone({ natsUrl: server.url, dataDir: storeDir });
  // The app's own durable consumers exist, as in a running app.
  for (const name of [APP_DURABLES.webhooks, APP_DURABLES.notifications]) {
    await app.jsm.consumers.add(STREAMS.orders, { durable_name: name, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All });
  }
  nc = await connect({ servers: local(server.port), user: NATS_INTEGRATION_USER, pass: password, reconnect: false });
  void (async () => {
    for await (const status of nc.status()) if (status.type === "error") violations.push(String(status.error.message));
  })();
  jsm = await jetstreamManager(nc, { checkAPI: false });
});
after(async () => {
  await nc.close();
  await app.close();
  await server.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("who may connect", () => {
  test("the integration user needs its password, and exists only when NATS_INTEGRATION_PASSWORD is set", async () => {
    await assert.rejects(connect({ servers: local(server.port), user: NATS_INTEGRATION_USER, pass: "wrong-password-0123456789", reconnect: false, timeout: 3_000 }), /auth/i);
    const without = await startNatsServer({ storeDir: tempDir() });
    try {
      await assert.rejects(connect({ servers: local(without.port), user: NATS_INTEGRATION_USER, pass: password, reconnect: false, timeout: 3_000 }), /auth/i);
    } finally {
      await without.stop();
    }
  });
});

describe("what it may read", () => {
  test("its subscribe permissions are the AsyncAPI document's channels, and its own inboxes", () => {
    assert.deepEqual(integrationPermissions().subscribe.allow.toSorted(), [...DOCUMENTED.map((channel) => channel.subscription), "_INBOX.>"].toSorted());
    assert.ok(
      DOCUMENTED.some((channel) => channel.id === "unroutedOrders"),
      "the channel that once disagreed is there",
    );
  });

  test("it receives what the app publishes on each channel the AsyncAPI document describes", async () => {
    const subjects = DOCUMENTED.map((channel) => channel.subscription);
    assert.equal(subjects.length, 5);
    const received = new Map<string, string[]>();
    for (const subject of subjects) {
      received.set(subject, []);
      nc.subscribe(subject, {
        callback: (error, message) => {
          if (error) violations.push(error.message);
          else received.get(subject)!.push(message.subject);
        },
      });
    }
    await nc.flush();
    const published = DOCUMENTED.map((channel) => channel.example);
    for (const subject of published) await app.js.publish(subject, JSON.stringify({ probe: subject }), { msgID: `probe:${subject}` });
    const deadline = Date.now() + 3_000;
    while ([...received.values()].some((list) => list.length === 0) && Date.now() < deadline) await sleep(20);
    assert.deepEqual(
      subjects.map((subject) => received.get(subject)),
      published.map((subject) => [subject]),
    );
    assert.deepEqual(violations, [], "no subscription was refused");
  });

  test("a durable consumer of its own on ORDERS: create, info, next and ack work", async () => {
    await app.js.publish("orders.o-2.events", JSON.stringify({ type: "order.created", orderId: "o-2" }), { msgID: "probe:o-2" });
    await jsm.consumers.add(STREAMS.orders, { durable_name: "erp", filter_subject: "orders.*.events", ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All });
    const consumer = await jetstream(nc).consumers.get(STREAMS.orders, "erp");
    const first = await consumer.next({ expires: 2_000 });
    assert.equal(first?.subject, "orders.o-1.events");
    assert.equal(await first!.ackAck(), true);
    const info = await consumer.info();
    assert.equal(info.ack_floor.stream_seq, first!.seq, "the server recorded the acknowledgement");
  });

  test("subjects it was not given are not delivered (the processes' own nudges, everything)", async () => {
    const got: string[] = [];
    const errors: string[] = [];
    const callback = (error: Error | null, message: { subject: string }) => {
      if (error) errors.push(error.message);
      else got.push(message.subject);
    };
    nc.subscribe("lastmile.>", { callback });
    nc.subscribe(">", { callback });
    await waitForViolation("lastmile.>");
    await waitForViolation(">");
    app.nc.publish("lastmile.outbox.nudge", "");
    await app.js.publish("drivers.2.d-9.location", JSON.stringify({ probe: true }), { msgID: "probe:not-subscribed" });
    await sleep(300);
    assert.deepEqual(got, []);
    assert.ok(errors.length >= 1 && errors.every((message) => /permissions violation/i.test(message)), errors.join(" | "));
  });
});

describe("what it may not do", () => {
  test("publishing on the app's subjects is refused and nothing is stored", async () => {
    const before = { orders: await messageCount(STREAMS.orders), locations: await messageCount(STREAMS.locations), views: await messageCount(STREAMS.orderViews) };
    for (const subject of DOCUMENTED.map((channel) => channel.example)) {
      nc.publish(subject, JSON.stringify({ forged: true }));
      await waitForViolation(subject);
    }
    await nc.flush();
    assert.deepEqual({ orders: await messageCount(STREAMS.orders), locations: await messageCount(STREAMS.locations), views: await messageCount(STREAMS.orderViews) }, before);
  });

  test("streams cannot be deleted, purged, created or changed", async () => {
    const before = await messageCount(STREAMS.orders);
    await assert.rejects(jsm.streams.delete(STREAMS.orders), /permissions violation/i);
    await assert.rejects(jsm.streams.purge(STREAMS.orders), /permissions violation/i);
    await assert.rejects(jsm.streams.add({ name: "MINE", subjects: ["mine.>"] }), /permissions violation/i);
    const config = (await app.jsm.streams.info(STREAMS.orders)).config;
    await assert.rejects(jsm.streams.update(STREAMS.orders, { ...config, max_age: 1_000_000_000 }), /permissions violation/i);
    assert.equal(await messageCount(STREAMS.orders), before, "ORDERS is whole");
    assert.equal((await app.jsm.streams.info(STREAMS.orders)).config.max_age, config.max_age);
    assert.equal(await app.jsm.streams.info("MINE").catch(() => null), null);
  });

  test("consumers cannot be deleted, and the app's own durable consumers cannot be taken over", async () => {
    await assert.rejects(jsm.consumers.delete(STREAMS.orders, "erp"), /permissions violation/i);
    await assert.rejects(jsm.consumers.delete(STREAMS.orders, APP_DURABLES.webhooks), /permissions violation/i);
    await assert.rejects(jsm.consumers.add(STREAMS.orders, { durable_name: APP_DURABLES.webhooks, ack_policy: AckPolicy.Explicit }), /permissions violation/i);
    // Taking the next message of the app's webhook consumer, or acknowledging one, is refused.
    nc.publish(`$JS.API.CONSUMER.MSG.NEXT.${STREAMS.orders}.${APP_DURABLES.webhooks}`, JSON.stringify({ batch: 1 }), { reply: `_INBOX.steal` });
    await waitForViolation(`$JS.API.CONSUMER.MSG.NEXT.${STREAMS.orders}.${APP_DURABLES.webhooks}`);
    const ack = `$JS.ACK.${STREAMS.orders}.${APP_DURABLES.notifications}.1.1.1.${Date.now()}000000.0`;
    nc.publish(ack, "+ACK");
    await waitForViolation(ack);
    for (const name of [APP_DURABLES.webhooks, APP_DURABLES.notifications]) {
      const info = await app.jsm.consumers.info(STREAMS.orders, name);
      assert.equal(info.delivered.stream_seq, 0, `${name}: nothing was delivered to anyone`);
      assert.equal(info.ack_floor.stream_seq, 0, `${name}: nothing acknowledged`);
    }
    assert.ok(!nc.isClosed(), "refusals do not cut the connection");
  });
});
