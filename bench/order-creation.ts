/**
 * Orders created through the API with assignment (target: ≥ 200 orders/s on PGlite):
 * `POST /api/orders` (admin, with `driverId`: the order is assigned and appended to the driver's
 * route) from a worker thread, BENCH_CONCURRENCY (8, as the load bench's seedFleet) in flight,
 * against the whole application in this process as server/index.ts starts it (API, outbox
 * publisher, tracker, webhook and notification dispatchers; no Next.js) on its own nats-server
 * and a fresh database: PGlite (default) or DATABASE_URL's PostgreSQL.
 *
 * Baselines on the same database in the same run, before the orders: the rate of a bare
 * `INSERT` (one statement, one round trip) and of a transaction holding one `INSERT` (BEGIN,
 * INSERT, COMMIT through Prisma's `$transaction`), both with as many in flight. Statements per
 * order are counted at the pg client (every statement the process sends while the orders are
 * created: the requests', the outbox publisher's and the tracker's), BENCH_QUERIES=1 lists them.
 *
 * BENCH_RUNS (3) runs, each on a fresh application and database; the median run is the figure.
 * Then one creation on a 200-stop route: what it publishes (one order event and ONE route
 * snapshot, whatever the route's length). Results go to bench/results/order-creation-<time>.md/json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import webpush from "web-push";
import { STREAMS } from "../server/platform/backbone/subjects";
import { startNotificationDispatcher } from "../server/features/notifications/notification-dispatcher";
import { createOrder } from "../server/features/orders/create-order";
import { startTestApp } from "../testing/test-app";
import { startWebhookDispatcher } from "../server/features/webhooks/webhook-dispatcher";
import { startBenchWorker } from "./load/bench-worker";
import type { OrderPlan } from "./load/create-orders-thread";
import { inParallel } from "./load/fleet";
import { round } from "./load/stats";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DRIVERS = Number(process.env.BENCH_DRIVERS ?? 200);
const ORDERS_PER_DRIVER = Number(process.env.BENCH_ORDERS_PER_DRIVER ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const BASELINE_OPERATIONS = 2_000;
const LONG_ROUTE = 200;

/** Statements sent by every pg client of this process, by their SQL (whitespace collapsed). */
const statements = new Map<string, number>();
let isCounting = false;
const originalQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as { query: (...args: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  if (isCounting) {
    const config = args[0];
    const text = typeof config === "string" ? config : ((config as { text?: string } | undefined)?.text ?? "?");
    const key = text.replace(/\s+/g, " ").trim().slice(0, 110);
    statements.set(key, (statements.get(key) ?? 0) + 1);
  }
  return originalQuery.apply(this, args);
};

interface Run {
  insertsPerSecond: number;
  insertTransactionsPerSecond: number;
  ordersPerSecond: number;
  orders: number;
  statementsPerOrder: number;
  statements: [string, number][];
}

async function rate(count: number, work: (index: number) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await inParallel(
    Array.from({ length: count }, (_, index) => index),
    CONCURRENCY,
    async (index) => void (await work(index)),
  );
  return count / ((performance.now() - started) / 1000);
}

async function oneRun(isLast: boolean): Promise<Run & { longRoute?: string }> {
  const app = await startTestApp();
  const quiet = () => undefined;
  const webhooks = await startWebhookDispatcher(app.core, { log: quiet });
  const vapid = { ...webpush.generateVAPIDKeys(), subject: "mailto:bench@example.com" };
  const notifications = await startNotificationDispatcher(app.core, { vapid, mailer: null, notifyStopsAway: 3, publicUrl: "http://127.0.0.1", allowPrivatePushEndpoints: false }, { log: quiet });
  try {
    const { prisma } = app.core;
    await prisma.$executeRawUnsafe("CREATE TABLE bench_baseline (id text PRIMARY KEY, payload text NOT NULL)");
    const insertsPerSecond = await rate(BASELINE_OPERATIONS, (index) => prisma.$executeRaw`INSERT INTO bench_baseline (id, payload) VALUES (${`a${index}`}, ${"x"})`);
    const insertTransactionsPerSecond = await rate(BASELINE_OPERATIONS, (index) =>
      prisma.$transaction((tx) => tx.$executeRaw`INSERT INTO bench_baseline (id, payload) VALUES (${`b${index}`}, ${"x"})`),
    );

    const driverIds: string[] = [];
    await inParallel(
      Array.from({ length: DRIVERS }, (_, index) => index),
      CONCURRENCY,
      async (index) => {
        driverIds.push((await app.createDriver({ name: `Driver ${index}` })).id);
      },
    );
    statements.clear();
    isCounting = true;
    const plan: OrderPlan = { baseUrl: app.baseUrl, adminToken: app.adminToken, driverIds, ordersPerDriver: ORDERS_PER_DRIVER, concurrency: CONCURRENCY };
    const worker = startBenchWorker(new URL("./load/create-orders-thread.ts", import.meta.url), plan);
    const done = await worker.reply<{ type: "done"; seconds: number; orders: number }>("done").finally(() => worker.terminate());
    isCounting = false;
    const total = [...statements.values()].reduce((sum, count) => sum + count, 0);
    const run: Run & { longRoute?: string } = {
      insertsPerSecond,
      insertTransactionsPerSecond,
      ordersPerSecond: done.orders / done.seconds,
      orders: done.orders,
      statementsPerOrder: total / done.orders,
      statements: [...statements.entries()].sort((a, b) => b[1] - a[1]),
    };
    if (isLast) run.longRoute = await longRouteCreation(app);
    return run;
  } finally {
    await Promise.all([webhooks.stop(), notifications.stop()]);
    await app.close();
  }
}

/** One creation on a LONG_ROUTE-stop route: events and bytes it stores on JetStream. */
async function longRouteCreation(app: Awaited<ReturnType<typeof startTestApp>>): Promise<string> {
  const core = app.core;
  const driver = await app.createDriver({ name: "Long route" });
  for (let index = 0; index < LONG_ROUTE - 1; index++) {
    await createOrder(core, { customerName: `Long ${index}`, address: `${index} Long Street, Madrid`, lat: 40.4 + index * 1e-4, lng: -3.7, driverId: driver.id });
  }
  const streamState = async () => {
    const [locations, orders] = await Promise.all([core.jsm.streams.info(STREAMS.locations), core.jsm.streams.info(STREAMS.orders)]);
    return { messages: locations.state.messages + orders.state.messages, bytes: locations.state.bytes + orders.state.bytes };
  };
  const before = await streamState();
  await createOrder(core, { customerName: "The 200th", address: "200 Long Street, Madrid", lat: 40.42, lng: -3.7, driverId: driver.id });
  const after = await streamState();
  return `one creation on a ${LONG_ROUTE}-stop route: ${after.messages - before.messages} events, ${((after.bytes - before.bytes) / 1024).toFixed(1)} KiB stored`;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const database = process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "PGlite";
  console.log(`${database}; ${DRIVERS} drivers × ${ORDERS_PER_DRIVER} orders, ${CONCURRENCY} in flight, ${RUNS} runs`);
  const runs: Run[] = [];
  let longRoute: string | undefined;
  for (let index = 0; index < RUNS; index++) {
    const run = await oneRun(index === RUNS - 1);
    runs.push(run);
    longRoute ??= run.longRoute;
    console.log(
      `run ${index + 1}: ${run.ordersPerSecond.toFixed(1)} orders/s (${run.statementsPerOrder.toFixed(2)} statements per order); baselines: bare INSERT ${run.insertsPerSecond.toFixed(0)}/s, BEGIN+INSERT+COMMIT ${run.insertTransactionsPerSecond.toFixed(0)}/s`,
    );
  }
  const middle = runs.find((run) => run.ordersPerSecond === median(runs.map((r) => r.ordersPerSecond)))!;
  if (process.env.BENCH_QUERIES) for (const [text, count] of middle.statements) console.log(`${(count / middle.orders).toFixed(2).padStart(6)}  ${text}`);
  if (longRoute) console.log(longRoute);
  const summary = {
    date: new Date().toISOString(),
    commit: process.env.BENCH_COMMIT ?? null,
    database,
    drivers: DRIVERS,
    ordersPerDriver: ORDERS_PER_DRIVER,
    concurrency: CONCURRENCY,
    medianOrdersPerSecond: round(median(runs.map((run) => run.ordersPerSecond))),
    medianInsertsPerSecond: round(median(runs.map((run) => run.insertsPerSecond)), 0),
    medianInsertTransactionsPerSecond: round(median(runs.map((run) => run.insertTransactionsPerSecond)), 0),
    runs: runs.map((run) => ({
      ordersPerSecond: round(run.ordersPerSecond),
      insertsPerSecond: round(run.insertsPerSecond, 0),
      insertTransactionsPerSecond: round(run.insertTransactionsPerSecond, 0),
      statementsPerOrder: round(run.statementsPerOrder, 2),
    })),
    statementsPerOrderOfMedianRun: middle.statements.map(([text, count]) => ({ statement: text, perOrder: round(count / middle.orders, 2) })),
    longRoute: longRoute ?? null,
  };
  console.log(
    `median: ${summary.medianOrdersPerSecond} orders/s; bare INSERT ${summary.medianInsertsPerSecond}/s, BEGIN+INSERT+COMMIT ${summary.medianInsertTransactionsPerSecond}/s (orders/s ÷ that: ${(summary.medianOrdersPerSecond! / summary.medianInsertTransactionsPerSecond!).toFixed(2)})`,
  );
  const dir = path.resolve(import.meta.dirname, "results");
  mkdirSync(dir, { recursive: true });
  const stamp = `order-creation-${summary.date.slice(0, 19).replace(/[T:]/g, "-")}${process.env.BENCH_LABEL ? `-${process.env.BENCH_LABEL}` : ""}`;
  writeFileSync(path.join(dir, `${stamp}.json`), `${JSON.stringify(summary, null, 2)}\n`);
  const lines = [
    `# Order creation through the API — ${summary.date.slice(0, 10)}${process.env.BENCH_LABEL ? ` (${process.env.BENCH_LABEL})` : ""}`,
    "",
    `${database}; ${DRIVERS} drivers × ${ORDERS_PER_DRIVER} orders, \`POST /api/orders\` with \`driverId\`, ${CONCURRENCY} in flight; ${RUNS} runs, each on a fresh app and database.`,
    "",
    `**Median: ${summary.medianOrdersPerSecond} orders/s.** Baselines on the same database in the same runs: bare INSERT ${summary.medianInsertsPerSecond}/s, BEGIN+INSERT+COMMIT ${summary.medianInsertTransactionsPerSecond}/s.`,
    "",
    "| run | orders/s | statements per order | bare INSERT/s | BEGIN+INSERT+COMMIT/s |",
    "| --- | --- | --- | --- | --- |",
    ...summary.runs.map((run, index) => `| ${index + 1} | ${run.ordersPerSecond} | ${run.statementsPerOrder} | ${run.insertsPerSecond} | ${run.insertTransactionsPerSecond} |`),
    "",
    "Statements per order (median run; every statement the process sent while the orders were created):",
    "",
    "| per order | statement |",
    "| --- | --- |",
    ...summary.statementsPerOrderOfMedianRun.filter((row) => (row.perOrder ?? 0) >= 0.01).map((row) => `| ${row.perOrder} | \`${row.statement.replace(/\|/g, "\\|")}\` |`),
    "",
    longRoute ?? "",
    "",
  ];
  writeFileSync(path.join(dir, `${stamp}.md`), lines.join("\n"));
  console.log(`written: bench/results/${stamp}.md`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
