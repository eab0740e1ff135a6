/**
 * Fan-out by interest, counted by nats-server: two relays (A and B, each with its own NATS
 * connection, like two app processes) beside the test app; 50 orders (5 drivers × 10 stops)
 * are watched only on A; then 300 fixes are posted. Prints the messages nats-server delivered
 * to each relay's connection (`/connz` out_msgs) while the fixes flowed, and their subscriptions.
 *
 *   node --import tsx bench/relay-interest.ts
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connectNats } from "../server/platform/backbone/backbone";
import { startRelay } from "../server/pipeline/relay/relay";
import { drivingFixes, openWatcher, startTestApp, type Order } from "../testing/test-app";

const DRIVERS = 5;
const STOPS = 10;
const FIXES = 300;

const t = await startTestApp({ visibleStops: 3 });
const monitor = t.nats.monitor;
if (!monitor) throw new Error("the test nats-server has no monitoring port");

const startNamedRelay = async (name: string) => {
  const nc = await connectNats(t.nats.server.url, name);
  const httpServer = createServer();
  const relay = startRelay(httpServer, { prisma: t.core.prisma, nc, js: jetstream(nc), jsm: await jetstreamManager(nc), outbox: t.core.outbox }, () => undefined);
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  return { name, nc, relay, url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}` };
};
const a = await startNamedRelay("relay-A");
const b = await startNamedRelay("relay-B");

const drivers = [];
const orders: Order[] = [];
for (let d = 0; d < DRIVERS; d++) {
  const driver = await t.createDriver({ name: `Interest ${d}` });
  const route: Order[] = [];
  for (let s = 0; s < STOPS; s++) route.push(await t.createOrder({ lat: 48.8 + d / 100 + s / 1000, lng: 2.3 + s / 1000 }));
  await t.setRoute(
    driver.id,
    route.map((order) => order.id),
  );
  for (const order of route) await t.setStatus(driver.token, order.id, "picked_up");
  drivers.push(driver);
  orders.push(...route);
}
const watchers = await Promise.all(orders.map((order) => openWatcher(a.url, order.token, 30_000)));
if (!watchers.every((watcher) => "data" in watcher.ack)) throw new Error("a watch failed");
await new Promise((resolve) => setTimeout(resolve, 2_000));

const count = async () => ({ A: await monitor.messages(a.name), B: await monitor.messages(b.name) });
const before = await count();
const fixesOf = drivers.map((_, d) => drivingFixes({ lat: 48.79 + d / 100, lng: 2.299 }, FIXES / DRIVERS, { stepDeg: 0.00002 }));
for (let index = 0; index < FIXES / DRIVERS; index++) {
  for (const [d, driver] of drivers.entries()) await t.postFixes(driver.token, [fixesOf[d]![index]!]);
}
await new Promise((resolve) => setTimeout(resolve, 3_000));
const after = await count();
const views = watchers.reduce((sum, watcher) => sum + watcher.views.length, 0);
const subscriptions = { A: (await monitor.subscriptions(a.name)).length, B: (await monitor.subscriptions(b.name)).length };
console.log(
  JSON.stringify({
    fixes: FIXES,
    watchedOnA: orders.length,
    deliveredToA: after.A.delivered - before.A.delivered,
    deliveredToB: after.B.delivered - before.B.delivered,
    viewsReceivedByAsSockets: views,
    subscriptions,
  }),
);
for (const watcher of watchers) watcher.close();
await a.relay.close();
await b.relay.close();
await a.nc.close();
await b.nc.close();
await t.close();
process.exit(0);
