/**
 * The database stopped for 10 s (`pg_ctl stop -m fast` on a PostgreSQL of the test's own), then
 * started again, under the real server process (dist/server.mjs, DATABASE_URL). Meanwhile live
 * tracking keeps flowing from the stream (fixes acknowledged, a watcher connected before sees
 * the driver move), and what needs the database answers 503 + Retry-After — an admin read, a
 * staff session (not 401), a status change, a driver token never seen before (not 401).
 * Afterwards the status change a client kept retrying lands once, and the projections catch up
 * (each driver's last fix in driver_locations) with nothing lost or doubled.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { jetstreamManager } from "@nats-io/jetstream";
import pg from "pg";
import { io } from "socket.io-client";
import { EVENTS, SOCKET_PATH } from "../../lib/realtime/events";
import type { TOrderView } from "../../lib/schemas/order-view";
import { connectNats } from "../../server/platform/backbone/backbone";
import { STREAMS } from "../../server/platform/backbone/subjects";
import { startOwnPostgres, type OwnPostgres } from "../own-postgres";
import { startServerProcess, type ServerProcess } from "../server-process";
import { waitFor } from "../test-app";
import { startTestNats, type TestNats } from "../test-nats";
import { deviceClockFor, fixBatch, readWholeStream, RetryingClient, sleep, Tally } from "./fault-workload";

const DRIVERS = 3;
const BATCH_SIZE = 5;
const OUTAGE_MS = 10_000;

let postgres: OwnPostgres | string;
let nats: TestNats | undefined;
let server: ServerProcess | undefined;
const dataDir = mkdtempSync(path.join(tmpdir(), "lastmile-db-outage-"));

before(async () => {
  postgres = await startOwnPostgres();
  if (typeof postgres === "string") return;
  nats = await startTestNats({ monitoring: false });
  server = await startServerProcess({ dataDir, natsUrl: nats.server.url, databaseUrl: postgres.url });
});
after(async () => {
  server?.child.kill("SIGKILL");
  await server?.exited;
  await nats?.stop();
  if (typeof postgres === "object") await postgres.destroy();
  rmSync(dataDir, { recursive: true, force: true });
});

async function raw(method: string, urlPath: string, headers: Record<string, string>, body?: unknown) {
  const response = await fetch(`${server!.baseUrl}${urlPath}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    code: (JSON.parse(text || "{}") as { error?: { code?: string } }).error?.code,
    setCookie: response.headers.get("set-cookie"),
    text,
  };
}

test("database down 10 s: tracking flows, database calls answer 503 (not 401), projections catch up", { timeout: 180_000 }, async (t) => {
  if (typeof postgres === "string") return t.skip(postgres);
  const own = postgres;
  const app = server!;
  const client = new RetryingClient(() => app.baseUrl);
  const admin = { authorization: `Bearer ${app.adminToken}` };

  const session = await raw("POST", "/api/admin/session", {}, { adminToken: app.adminToken });
  assert.equal(session.status, 201);
  const cookie = session.setCookie!.split(";")[0]!;

  const drivers: { id: string; token: string; orderId: string; trackingToken: string; lastSeq: number }[] = [];
  for (let index = 0; index < DRIVERS; index++) {
    const driver = (await client.send("POST", "/api/drivers", app.adminToken, { name: `Driver ${index}` })).body as { id: string; token: string };
    const order = (await client.send("POST", "/api/orders", app.adminToken, { customerName: "C", address: "A", lat: 48.86, lng: 2.35, driverId: driver.id })).body as {
      id: string;
      trackingUrl: string;
    };
    await client.send("PUT", `/api/drivers/${driver.id}/route`, app.adminToken, { orderIds: [order.id] });
    await client.send("POST", `/api/driver/orders/${order.id}/status`, driver.token, { status: "picked_up" });
    drivers.push({ id: driver.id, token: driver.token, orderId: order.id, trackingToken: order.trackingUrl.split("/track/")[1]!, lastSeq: 0 });
  }
  const stranger = (await client.send("POST", "/api/drivers", app.adminToken, { name: "Never seen" })).body as { token: string };

  const watched = drivers[0]!;
  const socket = io(app.baseUrl, { path: SOCKET_PATH, transports: ["websocket"] });
  const views: { view: TOrderView; at: number }[] = [];
  socket.on(EVENTS.orderView, (view) => views.push({ view, at: performance.now() }));
  assert.ok(((await socket.timeout(10_000).emitWithAck(EVENTS.orderWatch, { token: watched.trackingToken })) as { data?: unknown }).data);

  // Fixes all along: before, during and after the outage.
  const fixes = new Tally(10_000);
  let isRunning = true;
  const ingest = new RetryingClient(() => app.baseUrl);
  const startAt = deviceClockFor(1_000);
  const load = Promise.all(
    drivers.map(async (driver, index) => {
      for (let batch = 0; isRunning; batch++) {
        const sent = fixBatch({ lat: 48.85 + index * 0.001, lng: 2.35 }, batch, BATCH_SIZE, startAt);
        await ingest.send("POST", "/api/driver/locations", driver.token, { fixes: sent });
        for (const fix of sent) fixes.ack(driver.id, fix.seq);
        driver.lastSeq = sent.at(-1)!.seq;
        await sleep(200);
      }
    }),
  );
  await sleep(2_000);

  await own.stop();
  const stoppedAt = performance.now();
  await sleep(500);
  // What needs the database says so, with a retry hint.
  const probes = {
    adminRead: await raw("GET", "/api/orders", admin),
    staffSession: await raw("GET", "/api/admin/session", { cookie }),
    unknownDriver: await raw("POST", "/api/driver/locations", { authorization: `Bearer ${stranger.token}` }, { fixes: fixBatch({ lat: 48.8, lng: 2.3 }, 0, 1, startAt) }),
    statusChange: await raw("POST", `/api/driver/orders/${drivers[1]!.orderId}/status`, { authorization: `Bearer ${drivers[1]!.token}` }, { status: "arrived" }),
    readiness: await raw("GET", "/readyz", {}),
  };
  for (const [name, probe] of Object.entries(probes)) {
    assert.equal(probe.status, 503, `${name}: 503 while the database is down (got ${probe.status} ${probe.text})`);
    if (name !== "readiness") {
      assert.equal(probe.code, "database_unavailable", `${name}: ${probe.text}`);
      assert.ok(probe.retryAfter, `${name}: Retry-After`);
    }
  }
  // A client keeps retrying a status change through the outage, as the driver app does.
  const retried = client.send("POST", `/api/driver/orders/${drivers[2]!.orderId}/status`, drivers[2]!.token, { status: "arrived" });

  await sleep(Math.max(0, OUTAGE_MS - (performance.now() - stoppedAt)));
  const duringViews = views.filter((entry) => entry.at > stoppedAt && entry.view.driver !== null);
  const duringIngest = ingest.answers.filter((answer) => answer.sentAt > stoppedAt);
  await own.start();
  const restartedAt = performance.now();

  assert.ok(duringViews.length >= 3, `the watcher saw the driver move while the database was down (${duringViews.length} views)`);
  assert.ok(new Set(duringViews.map((entry) => `${entry.view.driver?.lat},${entry.view.driver?.lng}`)).size >= 2, "with new positions");
  assert.ok(
    duringIngest.length > 0 && duringIngest.every((answer) => answer.status === 202),
    `known drivers' fixes kept being acknowledged: ${JSON.stringify(duringIngest.filter((answer) => answer.status !== 202))}`,
  );

  await waitFor(async () => (await raw("GET", "/readyz", {})).status === 200, 20_000, "/readyz 200 again");
  assert.equal((await retried).status, 200, "the retried status change lands");
  assert.equal((await raw("GET", "/api/admin/session", { cookie })).status, 200, "the staff session works again");
  assert.equal((await raw("POST", `/api/driver/orders/${drivers[1]!.orderId}/status`, { authorization: `Bearer ${drivers[1]!.token}` }, { status: "arrived" })).status, 200);
  await sleep(1_500);
  isRunning = false;
  await load;

  // Nothing lost or doubled: the stream, the status events and the projections.
  const nc = await connectNats(nats!.server.url, "fault-check");
  const jsm = await jetstreamManager(nc);
  const statusesOnStream = new Tally(2);
  for (const message of await readWholeStream(nc, jsm, STREAMS.locations)) {
    if (message.subject.endsWith(".location")) fixes.seen(message.data.driverId as string, message.data.seq as number);
  }
  for (const message of await readWholeStream(nc, jsm, STREAMS.orders)) {
    if (message.data.type === "order.status_changed") statusesOnStream.seen(message.data.orderId as string, message.data.to === "arrived" ? 1 : 0);
  }
  await nc.close();
  const fixResult = fixes.result();
  assert.deepEqual(fixResult.lost, []);
  assert.deepEqual(fixResult.doubled, []);

  const db = new pg.Client({ connectionString: own.url });
  await db.connect();
  try {
    const statusesInDatabase = new Tally(2);
    for (const row of (await db.query<{ order_id: string; to: string }>(`SELECT order_id, data->>'to' AS to FROM order_events WHERE type = 'order.status_changed'`)).rows) {
      statusesInDatabase.seen(row.order_id, row.to === "arrived" ? 1 : 0);
    }
    for (const tally of [statusesInDatabase, statusesOnStream]) {
      for (const driver of drivers) tally.ack(driver.orderId, 0);
      tally.ack(drivers[1]!.orderId, 1);
      tally.ack(drivers[2]!.orderId, 1);
      const result = tally.result();
      assert.deepEqual(result.lost, [], "every status change recorded");
      assert.deepEqual(result.doubled, [], "none twice");
    }
    // The projections catch up: each driver's last acknowledged fix.
    await waitFor(
      async () => {
        const rows = (await db.query<{ driver_id: string; seq: string }>(`SELECT driver_id, seq::text AS seq FROM driver_locations`)).rows;
        return drivers.every((driver) => rows.some((row) => row.driver_id === driver.id && Number(row.seq) === driver.lastSeq));
      },
      15_000,
      "driver_locations at each driver's last fix",
    );
  } finally {
    await db.end();
  }
  socket.close();
  console.log(
    `database outage: ${Math.round(restartedAt - stoppedAt)} ms down; during it ${duringIngest.length} ingest answers, all 202, and ${duringViews.length} live views with the driver; ` +
      `5 database calls answered 503; ${fixResult.acknowledged} fixes and 5 status changes checked: 0 lost, 0 doubled`,
  );
});
