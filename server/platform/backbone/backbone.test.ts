/**
 * The event backbone on a nats-server of the test's own: streams are created idempotently,
 * msgIDs deduplicate, and the connection survives a server restart on its own.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Backbone } from "./backbone";
import { publishJson } from "./publish";
import { dropLegacyViews } from "./drop-legacy-views";
import { ensureStreams, streamConfigs } from "./streams";
import { STREAMS, subjects } from "./subjects";
import { startTestBackbone, type TestNats } from "../../../testing/test-nats";
import { waitFor } from "../../../testing/test-app";

let backbone: Backbone & { nats: TestNats };

before(async () => {
  backbone = await startTestBackbone();
});

after(async () => {
  await backbone?.close();
});

async function configs() {
  const result: Record<string, unknown> = {};
  for (const { name } of streamConfigs(1)) {
    const { config } = await backbone.jsm.streams.info(name);
    result[name] = config;
  }
  return result;
}

describe("backbone", () => {
  test("the three streams exist with their subjects and limits", async () => {
    const all = await configs();
    assert.deepEqual(Object.keys(all).sort(), [STREAMS.locations, STREAMS.orders, STREAMS.orderViews].sort());
    const views = (await backbone.jsm.streams.info(STREAMS.orderViews)).config;
    assert.deepEqual(views.subjects, [subjects.allOrderViews]);
    assert.equal(views.max_msgs_per_subject, 1, "one view kept per order");
    const locations = (await backbone.jsm.streams.info(STREAMS.locations)).config;
    assert.deepEqual(locations.subjects, [subjects.allTrackerInput]);
    assert.ok(locations.duplicate_window >= 60 * 1e9, "a dedupe window of minutes for phones resending");
  });

  test("views of the old epoch-millisecond versions are purged once; views versioned by stream sequence are kept", async () => {
    const view = (orderId: string, version: number) => JSON.stringify({ orderId, version });
    await backbone.js.publish(subjects.orderView("legacy-a"), view("legacy-a", 1_764_500_000_000));
    await backbone.js.publish(subjects.orderView("legacy-b"), view("legacy-b", 1_764_500_000_123));
    assert.equal(await dropLegacyViews(backbone.jsm), true);
    assert.equal((await backbone.jsm.streams.info(STREAMS.orderViews)).state.messages, 0);
    await backbone.js.publish(subjects.orderView("current"), view("current", 42));
    assert.equal(await dropLegacyViews(backbone.jsm), false);
    assert.equal((await backbone.jsm.streams.info(STREAMS.orderViews)).state.messages, 1);
  });

  test("ensureStreams twice is idempotent: same configs, data kept", async () => {
    await publishJson(backbone.js, subjects.orderEvents("idem"), { n: 1 }, "idem-1");
    const first = await configs();
    const messagesBefore = (await backbone.jsm.streams.info(STREAMS.orders)).state.messages;
    await ensureStreams(backbone.jsm, 1);
    await ensureStreams(backbone.jsm, 1);
    assert.deepEqual(await configs(), first);
    assert.equal((await backbone.jsm.streams.info(STREAMS.orders)).state.messages, messagesBefore, "updating a stream keeps its messages");
  });

  test("ensureStreams restores a drifted setting", async () => {
    const current = (await backbone.jsm.streams.info(STREAMS.orderViews)).config;
    await backbone.jsm.streams.update(STREAMS.orderViews, { ...current, max_msgs_per_subject: 5 });
    assert.equal((await backbone.jsm.streams.info(STREAMS.orderViews)).config.max_msgs_per_subject, 5);
    await ensureStreams(backbone.jsm, 1);
    assert.equal((await backbone.jsm.streams.info(STREAMS.orderViews)).config.max_msgs_per_subject, 1);
  });

  test("a msgID is stored once: the second publish is acknowledged as a duplicate", async () => {
    const subject = subjects.driverLocation("dedupe");
    const first = await publishJson(backbone.js, subject, { n: 1 }, "dedupe:s1");
    assert.equal(first.duplicate, false);
    const count = (await backbone.jsm.streams.info(STREAMS.locations)).state.messages;
    const second = await publishJson(backbone.js, subject, { n: 1, resent: true }, "dedupe:s1");
    assert.equal(second.duplicate, true);
    assert.equal(second.seq, first.seq, "the ack names the original message");
    assert.equal((await backbone.jsm.streams.info(STREAMS.locations)).state.messages, count);
    const stored = await backbone.jsm.streams.getMessage(STREAMS.locations, { last_by_subj: subject });
    assert.deepEqual(stored?.json(), { n: 1 }, "the original is kept");
    const third = await publishJson(backbone.js, subject, { n: 2 }, "dedupe:s2");
    assert.equal(third.duplicate, false);
    assert.equal(third.seq, first.seq + 1);
  });

  test("after the server restarts, the connection comes back by itself and publishing works", async () => {
    const before = await publishJson(backbone.js, subjects.orderEvents("restart"), { n: "before" }, "restart-before");
    const statuses: string[] = [];
    void (async () => {
      for await (const status of backbone.nc.status()) statuses.push(status.type);
    })();

    await backbone.nats.restart();
    // No reconnect call: the client retries forever on its own.
    const after = await waitFor(() => publishJson(backbone.js, subjects.orderEvents("restart"), { n: "after" }, "restart-after").catch(() => null), 30_000, "a publish to succeed after the restart");
    // (A try that timed out may have been stored on reconnect: its retry is then a duplicate
    // naming the same message, so only the sequence is asserted.)
    assert.equal(after.seq, before.seq + 1, "the stream survived the restart on disk");
    assert.ok(statuses.includes("reconnect"), `the client reported a reconnect: ${statuses.join(", ")}`);
    assert.equal(backbone.nc.isClosed(), false);

    // Core pub/sub works again too (the relay relies on it).
    const subscription = backbone.nc.subscribe("restart.ping", { max: 1 });
    const received = (async () => {
      for await (const message of subscription) return message.string();
      return null;
    })();
    await backbone.nc.flush();
    backbone.nc.publish("restart.ping", "pong");
    assert.equal(await received, "pong");

    // Dedupe state survived as well: a resend of the pre-restart message is still a duplicate.
    const resent = await publishJson(backbone.js, subjects.orderEvents("restart"), { n: "before" }, "restart-before");
    assert.equal(resent.duplicate, true);
  });
});
