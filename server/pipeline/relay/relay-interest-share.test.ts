/**
 * A process receives messages in proportion to its own watchers, not to the fleet (issue 21,
 * fan-out by interest), counted by nats-server itself (/connz out_msgs per connection). Three
 * relays A, B and C run beside the test app, each with its own NATS connection as three app
 * processes would have, on one real nats-server; the app's tracker produces real views and
 * events. Four drivers with ten picked-up orders each, on the same route shifted north, so each
 * order's traffic is alike: A's sockets watch 30 orders (one socket each), B's watch 10 (three
 * sockets each: watchers on one order cost one subscription), C's none. Then the drivers post
 * fixes. Checked:
 * - C receives no message at all;
 * - A and B each receive exactly what was published on the orders their sockets watch (a tap
 *   on `orders.>` counts every order message of the fleet), within 5 % for messages in flight:
 *   each view, and for each live event its wake-up plus the reply of the one stream read that
 *   fetches the entry with its sequence (order-feeds.ts);
 * - A receives 3 × what B receives (±25 %), and neither receives the fleet's traffic.
 */
import assert from "node:assert/strict";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection, Subscription } from "@nats-io/transport-node";
import { connectNats } from "../../platform/backbone/backbone";
import { drivingFixes, openWatcher, startTestApp, waitFor, type Driver, type Order, type TestApp, type Watcher } from "../../../testing/test-app";
import type { NatsMonitor } from "../../../testing/test-nats";
import { startRelay, type Relay } from "./relay";

const DRIVERS = 4;
const STOPS = 10;
const FIXES_PER_DRIVER = 12;
/** Orders (by driver) each relay's sockets watch, and sockets per watched order. */
const PLAN = { A: { drivers: [0, 1, 2], socketsPerOrder: 1 }, B: { drivers: [3], socketsPerOrder: 3 }, C: { drivers: [] as number[], socketsPerOrder: 0 } };
type RelayName = keyof typeof PLAN;

interface RunningRelay {
  name: RelayName;
  connection: string;
  nc: NatsConnection;
  httpServer: HttpServer;
  relay: Relay;
  url: string;
}

/** Two equal reads `ms` apart: nothing is in flight any more. */
async function settled<T>(read: () => Promise<T> | T, ms = 500, timeoutMs = 15_000): Promise<T> {
  let previous = JSON.stringify(await read());
  return waitFor(
    async () => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      const now = await read();
      const text = JSON.stringify(now);
      const isSame = text === previous;
      previous = text;
      return isSame ? now : null;
    },
    timeoutMs,
    "counts to settle",
  );
}

describe("fan-out by interest across processes", () => {
  let t: TestApp;
  let monitor: NatsMonitor;
  let tapNc: NatsConnection;
  let tap: Subscription;
  /** Per order id: views and live events published (the tap's count). */
  const published = new Map<string, { views: number; events: number }>();
  /** Bytes of the views the tap saw (the capacity model's message size). */
  const viewBytes = { total: 0, count: 0 };
  const relays = new Map<RelayName, RunningRelay>();
  const watchers: Watcher[] = [];
  const drivers: Driver[] = [];
  const routes: Order[][] = [];

  before(async () => {
    t = await startTestApp({ visibleStops: 3 });
    assert.ok(t.nats.monitor, "the test nats-server serves monitoring");
    monitor = t.nats.monitor;
    for (const name of Object.keys(PLAN) as RelayName[]) {
      const connection = `relay-${name}`;
      const nc = await connectNats(t.nats.server.url, connection);
      const httpServer = createServer();
      const relay = startRelay(httpServer, { prisma: t.core.prisma, nc, js: jetstream(nc), jsm: await jetstreamManager(nc), outbox: t.core.outbox }, () => undefined);
      await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
      relays.set(name, { name, connection, nc, httpServer, relay, url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}` });
    }
    // Every order message of the fleet, by order id (views and live events).
    tapNc = await connectNats(t.nats.server.url, "fleet-tap");
    tap = tapNc.subscribe("orders.>", {
      callback: (_error, message) => {
        const [, orderId = "", kind] = message.subject.split(".");
        const counts = published.get(orderId) ?? { views: 0, events: 0 };
        if (kind === "view") {
          counts.views++;
          viewBytes.total += message.data.length;
          viewBytes.count++;
        } else counts.events++;
        published.set(orderId, counts);
      },
    });
    await tapNc.flush();
  });

  after(async () => {
    for (const watcher of watchers) watcher.close();
    for (const running of relays.values()) {
      await running.relay.close().catch(() => undefined);
      await running.nc.close().catch(() => undefined);
    }
    tap?.unsubscribe();
    await tapNc?.close().catch(() => undefined);
    await t?.close();
  });

  test("A (30 orders watched), B (10 orders, 3 sockets each) and C (none) receive in proportion to their own watchers", async () => {
    for (let d = 0; d < DRIVERS; d++) {
      const driver = await t.createDriver({ name: `Share ${d}` });
      const route: Order[] = [];
      for (let s = 0; s < STOPS; s++) route.push(await t.createOrder({ lat: 48.8 + d / 100 + s / 1000, lng: 2.3 + s / 1000 }));
      await t.setRoute(
        driver.id,
        route.map((order) => order.id),
      );
      for (const order of route) await t.setStatus(driver.token, order.id, "picked_up");
      drivers.push(driver);
      routes.push(route);
    }
    const watchedBy = new Map<RelayName, Order[]>();
    for (const [name, plan] of Object.entries(PLAN) as [RelayName, (typeof PLAN)[RelayName]][]) {
      const orders = plan.drivers.flatMap((d) => routes[d]!);
      watchedBy.set(name, orders);
      for (const order of orders) {
        for (let socket = 0; socket < plan.socketsPerOrder; socket++) {
          const watcher = await openWatcher(relays.get(name)!.url, order.token, 15_000);
          assert.ok("data" in watcher.ack, `watch on ${name}`);
          watchers.push(watcher);
        }
      }
    }
    const orderSubscriptions = async (name: RelayName) => (await monitor.subscriptions(relays.get(name)!.connection)).filter((subject) => subject.startsWith("orders.")).length;
    assert.deepEqual(
      { A: await orderSubscriptions("A"), B: await orderSubscriptions("B"), C: await orderSubscriptions("C") },
      { A: 30, B: 10, C: 0 },
      "one subscription per watched order (its view and its events), whatever the number of its sockets",
    );

    const counts = async () => {
      const entries = await Promise.all([...relays.values()].map(async (running) => [running.name, (await monitor.messages(running.connection)).delivered] as const));
      return Object.fromEntries(entries) as Record<RelayName, number>;
    };
    const tapTotal = () => [...published.values()].reduce((sum, count) => sum + count.views + count.events, 0);
    await settled(async () => ({ relays: await counts(), tap: tapTotal() }));
    const before = await counts();
    const publishedBefore = new Map([...published].map(([orderId, counts]) => [orderId, { ...counts }]));

    const fixesOf = drivers.map((_, d) => drivingFixes({ lat: 48.79 + d / 100, lng: 2.299 }, FIXES_PER_DRIVER, { stepDeg: 0.0002 }));
    for (let index = 0; index < FIXES_PER_DRIVER; index++) {
      await Promise.all(drivers.map((driver, d) => t.postFixes(driver.token, [fixesOf[d]![index]!])));
    }
    const { relays: afterCounts } = await settled(async () => ({ relays: await counts(), tap: tapTotal() }));

    const received = { A: afterCounts.A - before.A, B: afterCounts.B - before.B, C: afterCounts.C - before.C };
    const publishedOn = (orders: Order[]) => {
      const total = { views: 0, events: 0 };
      for (const order of orders) {
        total.views += (published.get(order.id)?.views ?? 0) - (publishedBefore.get(order.id)?.views ?? 0);
        total.events += (published.get(order.id)?.events ?? 0) - (publishedBefore.get(order.id)?.events ?? 0);
      }
      return total;
    };
    /** What a process watching `orders` receives: each view; each event's wake-up and its stream read's reply. */
    const costOf = (orders: Order[]) => {
      const { views, events } = publishedOn(orders);
      return views + 2 * events;
    };
    const fleetPublished = publishedOn(routes.flat());
    const fleet = costOf(routes.flat());
    const expected = { A: costOf(watchedBy.get("A")!), B: costOf(watchedBy.get("B")!) };
    const report = JSON.stringify({ received, expected, fleet, fleetPublished, viewBytesMean: Math.round(viewBytes.total / viewBytes.count) });
    if (process.env.TEST_VERBOSE) console.log(report);

    assert.ok(fleetPublished.views >= DRIVERS * STOPS, `the fixes moved every order's view (${report})`);
    assert.equal(received.C, 0, `C, whose sockets watch nothing, receives nothing (${report})`);
    for (const name of ["A", "B"] as const) {
      assert.ok(Math.abs(received[name] - expected[name]) <= Math.max(2, 0.05 * expected[name]), `${name} receives exactly its watched orders' messages (${report})`);
      assert.ok(received[name] < fleet, `${name} does not receive the fleet's traffic (${report})`);
    }
    const ratio = received.A / received.B;
    assert.ok(ratio >= 2.25 && ratio <= 3.75, `A (30 orders) receives 3 × B (10 orders) ±25 %: ${ratio.toFixed(2)} (${report})`);
  });
});
