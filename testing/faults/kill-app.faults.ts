/**
 * `kill -9` of the real server process (dist/server.mjs, the default deployment: PGlite under
 * DATA_DIR in the process, nats-server of the test's own) while 5,000 fixes and 300 status
 * changes stream in, clients retrying as the driver app does; then a restart on the same port
 * and DATA_DIR. Every acknowledged update must be on the streams exactly once, and in the
 * database exactly once (status events in order_events, orders' final status, each driver's
 * last fix in driver_locations), with the outbox drained.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { PGlite } from "@electric-sql/pglite";
import { jetstreamManager } from "@nats-io/jetstream";
import { connectNats } from "../../server/platform/backbone/backbone";
import { STREAMS } from "../../server/platform/backbone/subjects";
import { startServerProcess } from "../server-process";
import { waitFor } from "../test-app";
import { toTimelineEntry } from "../../lib/domain/order-timeline";
import { ZOrderEvent } from "../../lib/schemas/events";
import { useFaultServer } from "./fault-server";
import { deviceClockFor, fixBatch, PageWatcher, readWholeStream, RetryingClient, sleep, Tally, waitForTrackerCaughtUp } from "./fault-workload";

const sameSet = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((value) => b.includes(value));

const DRIVERS = 20;
const ORDERS_PER_DRIVER = 5;
const BATCHES = 25;
const BATCH_SIZE = 10;
/** Each order picked up, later arrived at, then delivered before the driver arrives at the next (one door at a time). */
const STATUSES = ["picked_up", "arrived", "delivered"] as const;
/** The batch at which a stop's step is sent: picked_up of stop s at 2 + 2s, arrived at 13 + 2s, delivered at 14 + 2s. */
const STEP_START = [2, 13, 14] as const;

const env = useFaultServer("kill");

test("kill -9 under 5,000 fixes and 300 status changes: every acknowledged update on the streams and in the database exactly once", { timeout: 240_000 }, async () => {
  const client = new RetryingClient(() => env.server.baseUrl);
  const drivers: { id: string; token: string; orderIds: string[]; firstToken: string }[] = [];
  for (let index = 0; index < DRIVERS; index++) {
    const driver = (await client.send("POST", "/api/drivers", env.server.adminToken, { name: `Driver ${index}` })).body as { id: string; token: string };
    const orderIds: string[] = [];
    let firstToken = "";
    for (let stop = 0; stop < ORDERS_PER_DRIVER; stop++) {
      const order = (await client.send("POST", "/api/orders", env.server.adminToken, { customerName: "C", address: "A", lat: 48.85, lng: 2.35 + stop * 0.01, driverId: driver.id })).body as {
        id: string;
        trackingUrl: string;
      };
      orderIds.push(order.id);
      if (stop === 0) firstToken = order.trackingUrl.split("/track/")[1]!;
    }
    await client.send("PUT", `/api/drivers/${driver.id}/route`, env.server.adminToken, { orderIds });
    drivers.push({ id: driver.id, token: driver.token, orderIds, firstToken });
  }

  // A tracking page open on each driver's first stop, through the kill and the restart.
  const pages = drivers.map((driver) => ({ orderId: driver.orderIds[0]!, page: new PageWatcher(env.server.baseUrl, driver.firstToken) }));
  await waitFor(() => pages.every(({ page }) => page.latest !== null), 15_000, "every page to have its order's view");
  const fixes = new Tally(BATCHES * BATCH_SIZE + 1);
  const statuses = new Tally(STATUSES.length);
  let fixesAcked = 0;
  const startAt = deviceClockFor(BATCHES * BATCH_SIZE);
  const load = Promise.all(
    drivers.map(async (driver, index) => {
      for (let batch = 0; batch < BATCHES; batch++) {
        const sent = fixBatch({ lat: 48.8 + index * 0.01, lng: 2.3 }, batch, BATCH_SIZE, startAt);
        await client.send("POST", "/api/driver/locations", driver.token, { fixes: sent });
        for (const fix of sent) fixes.ack(driver.id, fix.seq);
        fixesAcked += sent.length;
        // Status changes spread over the run: each order picked up, later arrived, then delivered.
        for (const [step, status] of STATUSES.entries()) {
          const offset = batch - STEP_START[step]!;
          const orderId = offset >= 0 && offset % 2 === 0 ? driver.orderIds[offset / 2] : undefined;
          if (orderId === undefined) continue;
          await client.send("POST", `/api/driver/orders/${orderId}/status`, driver.token, { status });
          statuses.ack(orderId, step);
        }
        await sleep(20);
      }
    }),
  );

  // Kill when about 40 % of the fixes are acknowledged; restart on the same port and DATA_DIR.
  await waitFor(() => fixesAcked >= 2_000, 120_000, "40 % of the fixes to be acknowledged");
  const port = env.server.port;
  const killedAt = performance.now();
  env.server.child.kill("SIGKILL");
  await env.server.exited;
  const ackedAtKill = fixesAcked;
  env.server = await startServerProcess({ dataDir: env.dataDir, natsUrl: env.nats.server.url, adminToken: env.server.adminToken, port });
  const restartMs = Math.round(performance.now() - killedAt);
  await load;
  // Every fix applied (and the progress events it makes published) before the streams are read.
  await waitForTrackerCaughtUp(env.server.baseUrl, env.server.adminToken);

  // The streams.
  const nc = await connectNats(env.nats.server.url, "fault-check");
  const jsm = await jetstreamManager(nc);
  for (const message of await readWholeStream(nc, jsm, STREAMS.locations)) {
    if (message.subject.endsWith(".location")) fixes.seen(message.data.driverId as string, message.data.seq as number);
  }
  const orderStream = new Tally(STATUSES.length);
  /** The timeline each page must show: every entry its order's events make, by stream sequence. */
  const expectedEntries = new Map<string, number[]>(pages.map(({ orderId }) => [orderId, []]));
  for (const message of await readWholeStream(nc, jsm, STREAMS.orders)) {
    const event = ZOrderEvent.safeParse(message.data);
    if (event.success && toTimelineEntry(event.data, message.seq)) expectedEntries.get(event.data.orderId)?.push(message.seq);
    const step = STATUSES.indexOf(message.data.to as (typeof STATUSES)[number]);
    if (message.data.type === "order.status_changed" && step >= 0) orderStream.seen(message.data.orderId as string, step);
  }
  await nc.close();
  for (const driver of drivers) for (const orderId of driver.orderIds) for (let step = 0; step < STATUSES.length; step++) orderStream.ack(orderId, step);

  // The database, read after a graceful stop (the projections' last batch written).
  // Every page ends on the right state with no missed timeline entry.
  await waitFor(
    () => pages.every(({ orderId, page }) => page.latest?.status === "delivered" && sameSet([...page.entries.keys()], expectedEntries.get(orderId) ?? [])),
    20_000,
    "every page to show delivered and its whole timeline",
  ).catch((error: unknown) => {
    const wrong = pages.filter(({ orderId, page }) => page.latest?.status !== "delivered" || !sameSet([...page.entries.keys()], expectedEntries.get(orderId) ?? []));
    throw new Error(
      `${String(error)}: ${wrong.map(({ orderId, page }) => `${orderId} ${page.latest?.status} [${[...page.entries.keys()].sort((a, b) => a - b).join(",")}] vs [${(expectedEntries.get(orderId) ?? []).join(",")}]`).join("; ")}`,
    );
  });
  const reconnected = pages.filter(({ page }) => page.connects >= 2).length;
  const entriesChecked = pages.reduce((total, { page }) => total + page.entries.size, 0);
  for (const { page } of pages) page.close();

  // A graceful stop: the tracker's last projection batch is written.
  env.server.child.kill("SIGTERM");
  assert.equal((await env.server.exited).code, 0);
  const db = await PGlite.create({ dataDir: path.join(env.dataDir, "pglite") });
  const database = new Tally(STATUSES.length);
  try {
    const events = await db.query<{ order_id: string; to: string }>(`SELECT order_id, data->>'to' AS to FROM order_events WHERE type = 'order.status_changed'`);
    for (const row of events.rows) {
      const step = STATUSES.indexOf(row.to as (typeof STATUSES)[number]);
      if (step >= 0) database.seen(row.order_id, step);
    }
    for (const driver of drivers) for (const orderId of driver.orderIds) for (let step = 0; step < STATUSES.length; step++) database.ack(orderId, step);
    const orders = await db.query<{ status: string; n: number }>(`SELECT status::text AS status, count(*)::int AS n FROM orders GROUP BY status`);
    assert.deepEqual(orders.rows, [{ status: "delivered", n: DRIVERS * ORDERS_PER_DRIVER }], "every order ends delivered");
    const last = await db.query<{ driver_id: string; seq: string }>(`SELECT driver_id, seq::text AS seq FROM driver_locations`);
    assert.equal(last.rows.length, DRIVERS);
    assert.deepEqual(
      last.rows.filter((row) => Number(row.seq) !== BATCHES * BATCH_SIZE),
      [],
      "each driver's last fix is projected",
    );
    const outbox = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox`);
    assert.equal(outbox.rows[0]?.n, 0, "the outbox is drained");
  } finally {
    await db.close();
  }

  const fixResult = fixes.result();
  const statusResult = statuses.result();
  const streamResult = orderStream.result();
  const databaseResult = database.result();
  assert.equal(fixResult.acknowledged, DRIVERS * BATCHES * BATCH_SIZE);
  assert.deepEqual(fixResult.lost, [], "every acknowledged fix is on LOCATIONS");
  assert.deepEqual(fixResult.doubled, [], "no fix twice on LOCATIONS");
  assert.equal(statusResult.acknowledged, DRIVERS * ORDERS_PER_DRIVER * STATUSES.length);
  assert.deepEqual(streamResult.lost, [], "every status change is on ORDERS");
  assert.deepEqual(streamResult.doubled, [], "no status change twice on ORDERS");
  assert.deepEqual(databaseResult.lost, [], "every status change is in order_events");
  assert.deepEqual(databaseResult.doubled, [], "no status change twice in order_events");
  const errors = client.answers.filter((answer) => answer.status === "network-error").length;
  const unavailable = client.answers.filter((answer) => answer.status === 503).length;
  assert.equal(client.answers.filter((answer) => answer.status === "hang" || answer.status === 500).length, 0, "no hang, no 500");
  console.log(
    `kill -9 at ${ackedAtKill} fixes acknowledged; back in ${restartMs} ms; clients saw ${errors} connection errors and ${unavailable} × 503; ` +
      `checked ${fixResult.acknowledged} fixes + ${statusResult.acknowledged} status changes on the streams and ${databaseResult.acknowledged} in the database: ` +
      `${fixResult.lost.length + streamResult.lost.length + databaseResult.lost.length} lost, ${fixResult.doubled.length + streamResult.doubled.length + databaseResult.doubled.length} doubled; ` +
      `${pages.length} tracking pages (${reconnected} reconnected to the new process) end on delivered with all ${entriesChecked} timeline entries`,
  );
});
