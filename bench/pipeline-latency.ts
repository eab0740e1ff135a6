/**
 * How long a GPS fix takes from `POST /api/driver/locations` to the customer's browser socket,
 * against a baseline measured in the same run: a bare JetStream publish reaching a NATS
 * subscriber on the same server (the floor any design on this backbone pays).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { io as connectSocket } from "socket.io-client";
import { EVENTS, SOCKET_PATH, type TAck } from "../lib/realtime/events";
import type { TOrderView } from "../lib/schemas/order-view";
import { startBackbone } from "../server/platform/backbone/backbone";
import { createApplication } from "../server/create-application";
import { startDatabase } from "../server/platform/db/start-database";
import { startOutboxPublisher } from "../server/pipeline/outbox/outbox-publisher";
import { startTracker } from "../server/pipeline/tracker/tracker";

const SAMPLES = 200;
const ADMIN = "bench-admin-token";

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "lastmile-bench-"));
  const database = await startDatabase({ dataDir, databaseUrl: process.env.DATABASE_URL });
  const backbone = await startBackbone({ dataDir });
  const outbox = startOutboxPublisher({ prisma: database.prisma, js: backbone.js });
  const core = { prisma: database.prisma, js: backbone.js, jsm: backbone.jsm, nc: backbone.nc, outbox };
  const tracker = await startTracker(core, { visibleStops: 3 });
  const app = createApplication({ core, adminToken: ADMIN, log: () => undefined });
  await new Promise<void>((resolve) => app.httpServer.listen(0, "127.0.0.1", resolve));
  const address = app.httpServer.address();
  const base = `http://127.0.0.1:${address && typeof address === "object" ? address.port : 0}`;
  const call = async (method: string, url: string, body: unknown, token = ADMIN) => {
    const response = await fetch(base + url, { method, headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    return (await response.json()) as Record<string, unknown>;
  };

  // Baseline: JetStream publish → core NATS subscriber, on a stream of its own.
  await backbone.jsm.streams.add({ name: "BENCH_BASELINE", subjects: ["bench.baseline"] });
  const baseline: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const subject = "bench.baseline";
    const received = new Promise<number>((resolve) => {
      const subscription = backbone.nc.subscribe(subject, { max: 1, callback: () => resolve(performance.now()) });
      void subscription;
    });
    const started = performance.now();
    await backbone.js.publish(subject, JSON.stringify({ i }), { msgID: `baseline-${i}` });
    baseline.push((await received) - started);
  }

  // Measured: the whole product path for one watched order.
  const driver = await call("POST", "/api/drivers", { name: "Bench" });
  const order = await call("POST", "/api/orders", { customerName: "C", address: "A", lat: 40.42, lng: -3.7 });
  await call("PUT", `/api/drivers/${String(driver.id)}/route`, { orderIds: [order.id] });
  await call("POST", `/api/driver/orders/${String(order.id)}/status`, { status: "picked_up" }, String(driver.token));
  const socket = connectSocket(base, { path: SOCKET_PATH, transports: ["websocket"] });
  const token = String(order.trackingUrl).split("/").pop() ?? "";
  await new Promise<void>((resolve, reject) => socket.emit(EVENTS.orderWatch, { token }, (ack: TAck<TOrderView>) => ("data" in ack ? resolve() : reject(new Error(ack.error.message)))));

  const pipeline: number[] = [];
  const startAt = Date.now() - SAMPLES * 1000;
  for (let i = 0; i < SAMPLES; i++) {
    const lat = 40.4 + i * 0.00001;
    const seen = new Promise<number>((resolve) => {
      const onView = (view: TOrderView) => {
        if (view.driver?.lat === lat) {
          socket.off(EVENTS.orderView, onView);
          resolve(performance.now());
        }
      };
      socket.on(EVENTS.orderView, onView);
    });
    const started = performance.now();
    await call("POST", "/api/driver/locations", { fixes: [{ lat, lng: -3.7, at: startAt + i * 1000, seq: i + 1, accuracy: 5 }] }, String(driver.token));
    pipeline.push((await seen) - started);
  }

  const row = (name: string, values: number[]) => `${name.padEnd(44)} median ${percentile(values, 50).toFixed(2).padStart(7)} ms   p90 ${percentile(values, 90).toFixed(2).padStart(7)} ms`;
  console.log(`pipeline latency, ${SAMPLES} samples each (${database.isEmbedded ? "PGlite" : "PostgreSQL"})`);
  console.log(row("baseline: JetStream publish → NATS subscriber", baseline));
  console.log(row("POST fix → customer's socket frame", pipeline));
  console.log(`ratio (pipeline / baseline): median ${(percentile(pipeline, 50) / percentile(baseline, 50)).toFixed(1)}×, p90 ${(percentile(pipeline, 90) / percentile(baseline, 90)).toFixed(1)}×`);

  socket.close();
  await app.close();
  await tracker.stop();
  await outbox.stop();
  await backbone.close();
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
