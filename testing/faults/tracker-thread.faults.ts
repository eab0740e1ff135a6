/**
 * The production server runs its tracker in a worker thread (TRACKER_THREAD's default), with
 * its own NATS connection and its own connection to the embedded database beside the app's:
 * a driver's fix reaches a watching socket as a view built there, /metrics reads the thread's
 * partitions, and SIGTERM stops it in order: the thread checkpoints what it applied and
 * releases its partitions before the process exits 0.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { io } from "socket.io-client";
import { EVENTS, SOCKET_PATH } from "../../lib/realtime/events";
import type { TOrderView } from "../../lib/schemas/order-view";
import { connectNats } from "../../server/platform/backbone/backbone";
import { STREAMS } from "../../server/platform/backbone/subjects";
import { startDatabase } from "../../server/platform/db/start-database";
import { lastSeq } from "../read-stream";
import { waitFor } from "../test-app";
import { KvBucket } from "../../server/pipeline/tracker/kv-bucket";
import { OWNERSHIP_BUCKET } from "../../server/pipeline/tracker/tracker";
import { callApi, useFaultServer } from "./fault-server";

const env = useFaultServer("tracker-thread");

const api = <T>(method: string, urlPath: string, body: unknown, token: string) => callApi<T>(env, method, urlPath, body, token);

test("fixes become views in the tracker thread; SIGTERM checkpoints, releases its partitions and exits 0", async () => {
  const admin = env.server.adminToken;
  const driver = await api<{ id: string; token: string }>("POST", "/api/drivers", { name: "Thread Driver" }, admin);
  const order = await api<{ id: string; trackingUrl: string }>("POST", "/api/orders", { customerName: "C", address: "A", lat: 48.86, lng: 2.35, driverId: driver.id }, admin);
  await api("PUT", `/api/drivers/${driver.id}/route`, { orderIds: [order.id] }, admin);
  await api("POST", `/api/driver/orders/${order.id}/status`, { status: "picked_up" }, driver.token);

  const socket = io(env.server.baseUrl, { path: SOCKET_PATH, transports: ["websocket"] });
  const views: TOrderView[] = [];
  socket.on(EVENTS.orderView, (view: TOrderView) => views.push(view));
  const ack = (await socket.timeout(10_000).emitWithAck(EVENTS.orderWatch, { token: order.trackingUrl.split("/track/")[1]! })) as { data?: TOrderView };
  assert.ok(ack.data, "the watch is acknowledged with the order's view");

  // Each fix a little nearer; the view that shows the last one was built by the tracker thread.
  const startedAt = Date.now() - 10_000;
  const fixAt = (seq: number) => startedAt + seq * 1_000;
  for (let seq = 1; seq <= 3; seq++) {
    await api("POST", "/api/driver/locations", { fixes: [{ lat: 48.85 + seq / 10_000, lng: 2.35, at: fixAt(seq), seq, accuracy: 5 }] }, driver.token);
  }
  const lastAt = new Date(fixAt(3)).toISOString();
  const started = env.server.lines.find((line) => line.thread === "tracker");
  assert.ok(started && started.pid === env.server.child.pid, `the thread logs JSON lines on the process's stdout: ${JSON.stringify(started)}`);
  const shown = await waitFor(() => views.find((view) => view.driver?.at === lastAt), 20_000, "the socket to receive the view of the last fix");
  assert.equal(shown.status, "picked_up");
  socket.close();

  const metrics = await fetch(`${env.server.baseUrl}/metrics`, { headers: { authorization: `Bearer ${admin}` } }).then((response) => response.text());
  assert.match(metrics, /^lastmile_tracker_partitions_owned 16$/m, "the main thread reads the thread's 16 partitions");
  assert.match(metrics, /^lastmile_tracker_lag\{partition="\d+"\} 0$/m, "and their applied sequences");

  const nc = await connectNats(env.nats.server.url, "tracker-thread-test");
  const lastFix = await lastSeq(await jetstreamManager(nc), STREAMS.locations);
  env.server.child.kill("SIGTERM");
  const exit = await env.server.exited;
  assert.equal(exit.code, 0, `exit code 0 (got ${exit.code ?? exit.signal}); stderr: ${env.server.stderr.join("\n")}`);
  assert.ok(
    env.server.lines.some((line) => line.msg === "shutdown step done" && line.step === "tracker"),
    "the tracker step ran",
  );

  const bucket = await KvBucket.open({ js: jetstream(nc), jsm: await jetstreamManager(nc) }, OWNERSHIP_BUCKET, { ttlMs: 5_000 });
  const held: string[] = [];
  for (const key of await bucket.keys("")) if (await bucket.get(key)) held.push(key);
  assert.deepEqual(held, [], "no lease or membership left behind: another process may take every partition at once");
  await nc.close();

  const database = await startDatabase({ dataDir: env.dataDir });
  try {
    const checkpoints = await database.prisma.trackerCheckpoint.findMany();
    assert.equal(checkpoints.length, 16);
    assert.ok(
      checkpoints.some((row) => Number(row.appliedSeq) === lastFix),
      `the driver's partition checkpointed the last fix (seq ${lastFix}): ${checkpoints.map((row) => row.appliedSeq).join(",")}`,
    );
  } finally {
    await database.close();
  }
});
