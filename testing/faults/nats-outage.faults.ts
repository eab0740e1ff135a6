/**
 * nats-server stopped for 10 s under load, then started again (same port, same store), with
 * the real server process (dist/server.mjs, PGlite under its DATA_DIR). While it is down,
 * ingest answers 503 + Retry-After (never 500, never a hang) and /readyz 503; clients retry;
 * afterwards every acknowledged fix is on LOCATIONS exactly once, and the relay's subscriptions
 * resume on their own (a watcher connected before the outage sees a status changed after it).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { jetstreamManager } from "@nats-io/jetstream";
import { io } from "socket.io-client";
import { EVENTS, SOCKET_PATH } from "../../lib/realtime/events";
import type { TOrderView } from "../../lib/schemas/order-view";
import { connectNats } from "../../server/platform/backbone/backbone";
import { startNatsServer } from "../../server/platform/backbone/nats-server-process";
import { STREAMS } from "../../server/platform/backbone/subjects";
import { waitFor } from "../test-app";
import { useFaultServer } from "./fault-server";
import { deviceClockFor, fixBatch, readWholeStream, RetryingClient, sleep, Tally } from "./fault-workload";

const DRIVERS = 10;
const BATCHES = 40;
const BATCH_SIZE = 5;
const OUTAGE_MS = 10_000;

const env = useFaultServer("nats-outage");

test("nats-server down 10 s: 503 + Retry-After meanwhile, nothing acknowledged lost, subscriptions resume", async () => {
  const admin = new RetryingClient(() => env.server.baseUrl);
  const drivers: { id: string; token: string; orderId: string; trackingToken: string }[] = [];
  for (let index = 0; index < DRIVERS; index++) {
    const driver = (await admin.send("POST", "/api/drivers", env.server.adminToken, { name: `Driver ${index}` })).body as { id: string; token: string };
    const order = (await admin.send("POST", "/api/orders", env.server.adminToken, { customerName: "C", address: "A", lat: 48.85, lng: 2.35, driverId: driver.id })).body as {
      id: string;
      trackingUrl: string;
    };
    await admin.send("PUT", `/api/drivers/${driver.id}/route`, env.server.adminToken, { orderIds: [order.id] });
    drivers.push({ id: driver.id, token: driver.token, orderId: order.id, trackingToken: order.trackingUrl.split("/track/")[1]! });
  }
  const watched = drivers[0]!;
  const socket = io(env.server.baseUrl, { path: SOCKET_PATH, transports: ["websocket"] });
  const views: TOrderView[] = [];
  socket.on(EVENTS.orderView, (view) => views.push(view));
  const watchAck = (await socket.timeout(10_000).emitWithAck(EVENTS.orderWatch, { token: watched.trackingToken })) as { data?: TOrderView };
  assert.ok(watchAck.data);

  const tally = new Tally(BATCHES * BATCH_SIZE + 1);
  const client = new RetryingClient(() => env.server.baseUrl);
  const startAt = deviceClockFor(BATCHES * BATCH_SIZE);
  const load = Promise.all(
    drivers.map(async (driver, index) => {
      for (let batch = 0; batch < BATCHES; batch++) {
        const fixes = fixBatch({ lat: 48.8 + index * 0.01, lng: 2.3 }, batch, BATCH_SIZE, startAt);
        await client.send("POST", "/api/driver/locations", driver.token, { fixes });
        for (const fix of fixes) tally.ack(driver.id, fix.seq);
        await sleep(150);
      }
    }),
  );

  await sleep(2_000);
  const stoppedAt = performance.now();
  const port = env.nats.server.port;
  await env.nats.server.stop();
  await sleep(1_000);
  const readyDuring = await fetch(`${env.server.baseUrl}/readyz`, { signal: AbortSignal.timeout(5_000) });
  assert.equal(readyDuring.status, 503, "/readyz says not ready while NATS is down");
  await sleep(OUTAGE_MS - 1_000);
  env.nats.server = await startNatsServer({ storeDir: env.nats.storeDir, port });
  const restartedAt = performance.now();
  await load;
  await waitFor(async () => (await fetch(`${env.server.baseUrl}/readyz`)).status === 200, 15_000, "/readyz to be 200 again");

  // What clients saw while NATS was down.
  const during = client.answers.filter((answer) => answer.sentAt >= stoppedAt && answer.sentAt < restartedAt);
  const refused = during.filter((answer) => answer.status === 503);
  assert.ok(refused.length > 0, "ingest answered 503 during the outage");
  assert.deepEqual(
    refused.filter((answer) => !answer.retryAfter),
    [],
    "every 503 carries Retry-After",
  );
  const unexpected = client.answers.filter((answer) => answer.status !== 202 && answer.status !== 503);
  assert.deepEqual(unexpected, [], "only 202 and 503, never a 500, a hang or a dropped connection");
  const slowest = Math.max(...during.map((answer) => answer.ms));
  assert.ok(slowest < 10_000, `no request hung (slowest ${Math.round(slowest)} ms)`);

  // Nothing acknowledged is lost or doubled.
  const nc = await connectNats(env.nats.server.url, "fault-check");
  const jsm = await jetstreamManager(nc);
  for (const message of await readWholeStream(nc, jsm, STREAMS.locations)) {
    if (!message.subject.endsWith(".location")) continue;
    tally.seen(message.data.driverId as string, message.data.seq as number);
  }
  await nc.close();
  const result = tally.result();
  assert.equal(result.acknowledged, DRIVERS * BATCHES * BATCH_SIZE);
  assert.deepEqual(result.lost, [], "every acknowledged fix is on the stream");
  assert.deepEqual(result.doubled, [], "none twice");

  // Subscriptions resumed on their own: the watcher from before the outage sees a change made after it.
  await client.send("POST", `/api/driver/orders/${watched.orderId}/status`, watched.token, { status: "picked_up" });
  await waitFor(() => views.some((view) => view.status === "picked_up"), 15_000, "the watcher to see picked_up");
  socket.close();
  console.log(
    `nats outage: ${Math.round(restartedAt - stoppedAt)} ms down; ${client.answers.length} ingest answers (${refused.length} × 503 during, slowest ${Math.round(slowest)} ms); ` +
      `${result.acknowledged} fixes acknowledged, ${result.lost.length} lost, ${result.doubled.length} doubled`,
  );
});
