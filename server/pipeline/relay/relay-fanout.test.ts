/**
 * Fan-out by interest (DESIGN.md invariant 5), counted where it costs: on nats-server's
 * monitoring endpoint. A relay under test runs beside the test app (its own NATS connection,
 * so /connz shows its subscriptions and messages alone, and a database whose order lookups a
 * test can hold), while the app and its tracker produce real views and events. Sockets that
 * leave before, during and after a watch leave no room, subscription or consumer; N watchers of
 * M orders cost M subscriptions, taken with an order's first watcher and dropped with its
 * last; a second relay whose sockets watch nothing receives nothing; an entry published
 * between the subscription and the ack is not missed; views and timeline entries reach exactly
 * their order's room; a replaced tracking link drops its watchers, even one whose token was
 * looked up before the change.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { Manager, type Socket } from "socket.io-client";
import type { PrismaClient } from "../../../generated/prisma/client";
import { EVENTS, SOCKET_PATH, type TAck } from "../../../lib/realtime/events";
import type { TOrderView } from "../../../lib/schemas/order-view";
import type { TTimelineEntry, TTimelinePage } from "../../../lib/schemas/timeline";
import { generateToken, hashToken } from "../../platform/auth/tokens";
import { connectNats } from "../../platform/backbone/backbone";
import { STREAMS, subjects } from "../../platform/backbone/subjects";
import { startTestApp, waitFor, type Driver, type Order, type TestApp } from "../../../testing/test-app";
import type { NatsMonitor } from "../../../testing/test-nats";
import { startRelay, type Relay } from "./relay";

const RELAY_CONNECTION = "relay-under-test";

/** Holds the relay's next `order.findUnique` (token lookup or view read) until released. */
class LookupGate {
  private held: { skip: number; isAnsweredFirst: boolean; reached: () => void; released: Promise<void>; passed: () => void } | null = null;

  /**
   * The `skip`+1-th lookup from now waits (before querying, or with `isAnsweredFirst` after,
   * holding an answer that may go stale); resolves handles to wait for it and to let it go.
   */
  hold(skip = 0, isAnsweredFirst = false): { reached: Promise<void>; release(): void; passed: Promise<void> } {
    let reached!: () => void;
    let release!: () => void;
    let passed!: () => void;
    const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    const passedPromise = new Promise<void>((resolve) => (passed = resolve));
    this.held = { skip, isAnsweredFirst, reached, released, passed };
    return { reached: reachedPromise, release, passed: passedPromise };
  }

  async onLookup<T>(run: () => Promise<T>): Promise<T> {
    const held = this.held;
    if (!held) return run();
    if (held.skip > 0) {
      held.skip--;
      return run();
    }
    this.held = null;
    if (held.isAnsweredFirst) {
      const answer = await run();
      held.reached();
      await held.released;
      held.passed();
      return answer;
    }
    held.reached();
    await held.released;
    try {
      return await run();
    } finally {
      held.passed();
    }
  }
}

/** A socket.io client that is not the test app's watcher: it may leave at any moment. */
function connectClient(baseUrl: string): { socket: Socket; close(): void; events: [string, unknown][] } {
  const manager = new Manager(baseUrl, { path: SOCKET_PATH, transports: ["websocket"], reconnection: false, autoConnect: false });
  const socket = manager.socket("/");
  const events: [string, unknown][] = [];
  socket.onAny((event: string, payload: unknown) => events.push([event, payload]));
  socket.connect();
  return {
    socket,
    events,
    close() {
      socket.disconnect();
      manager.engine?.close();
    },
  };
}

async function watch(client: { socket: Socket }, token: string): Promise<TAck<TOrderView>> {
  return (await client.socket.timeout(10_000).emitWithAck(EVENTS.orderWatch, { token })) as TAck<TOrderView>;
}

/** Lets the relay's handler run past the await that just resolved (a few event-loop turns). */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
}

describe("relay fan-out by interest", () => {
  let t: TestApp;
  let monitor: NatsMonitor;
  let relayNc: NatsConnection;
  let httpServer: HttpServer;
  let relay: Relay;
  let relayUrl: string;
  const gate = new LookupGate();
  const relayLogs: string[] = [];
  /** What nats-server holds with the relay under test idle: every count must come back to this. */
  let baseline: { subscriptions: string[]; consumers: number };

  /** Orders written straight to the database: no view, no event, so their view is read from it. */
  const dbOrders = async (count: number) => {
    const orders = Array.from({ length: count }, (_, index) => ({ id: randomUUID(), token: generateToken(), index }));
    await t.core.prisma.order.createMany({
      data: orders.map((order) => ({ id: order.id, customerName: `Quiet ${order.index}`, address: `${order.index} Still Road`, lat: 48.8, lng: 2.3, trackingTokenHash: hashToken(order.token) })),
    });
    return orders;
  };

  const counts = async () => ({
    subscriptions: (await monitor.subscriptions(RELAY_CONNECTION)).sort(),
    consumers: (await monitor.consumers()).length,
  });
  const assertBaseline = async (what: string) => {
    assert.deepEqual(relay.watchedOrderIds(), [], `${what}: no order room left`);
    const now = await counts();
    // Inbox names change when the event feed starts a new consumer; their number does not.
    const named = (subscriptions: string[]) => subscriptions.filter((subject) => !subject.startsWith("_INBOX."));
    assert.deepEqual(named(now.subscriptions), named(baseline.subscriptions), `${what}: the relay's subscriptions are the fixed set`);
    assert.equal(now.subscriptions.length, baseline.subscriptions.length, `${what}: as many subscriptions as with no watcher`);
    assert.equal(now.consumers, baseline.consumers, `${what}: no consumer added on nats-server`);
  };
  const noSockets = () => waitFor(() => relay.io.of("/").sockets.size === 0, 10_000, "the relay to see every socket leave");

  before(async () => {
    t = await startTestApp({ visibleStops: 3 });
    assert.ok(t.nats.monitor, "the test nats-server serves monitoring");
    monitor = t.nats.monitor;
    relayNc = await connectNats(t.nats.server.url, RELAY_CONNECTION);
    const prisma = t.core.prisma.$extends({
      query: { order: { findUnique: ({ args, query }) => gate.onLookup(() => query(args)) } },
    }) as unknown as PrismaClient;
    httpServer = createServer();
    relay = startRelay(httpServer, { prisma, nc: relayNc, js: jetstream(relayNc), jsm: await jetstreamManager(relayNc), outbox: t.core.outbox }, (message, error) =>
      relayLogs.push(`${message} ${String(error ?? "")}`),
    );
    await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
    relayUrl = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
    baseline = await counts();
    assert.equal(baseline.subscriptions.filter((subject) => subject.startsWith("orders.")).length, 0, `no orders.* subscription with no watcher: ${baseline.subscriptions.join(", ")}`);
  });

  after(async () => {
    await relay?.close();
    await relayNc?.close();
    await t?.close();
  });

  test("a socket that leaves before its watch is answered leaves nothing", async () => {
    const [order] = await dbOrders(1);
    for (let round = 0; round < 10; round++) {
      const client = connectClient(relayUrl);
      // Emitted and dropped at once: the server sees the watch before, with or after the close.
      client.socket.emit(EVENTS.orderWatch, { token: order!.token });
      if (round % 2 === 0) await new Promise((resolve) => setImmediate(resolve));
      client.close();
    }
    // One watch runs to the end after them, so every earlier handler has had its turn.
    const last = connectClient(relayUrl);
    assert.ok("data" in (await watch(last, order!.token)));
    last.close();
    await noSockets();
    await settle();
    await assertBaseline("left before the ack");
  });

  test("a socket that leaves while its token is looked up joins nothing", async () => {
    const [order] = await dbOrders(1);
    const client = connectClient(relayUrl);
    const held = gate.hold();
    client.socket.emit(EVENTS.orderWatch, { token: order!.token });
    await held.reached;
    client.close();
    await noSockets();
    held.release();
    await held.passed;
    await settle();
    await assertBaseline("left during the token lookup");
  });

  test("a socket that leaves after joining, while the view is read, leaves no room behind", async () => {
    const [order] = await dbOrders(1);
    const client = connectClient(relayUrl);
    // The first lookup (the token) passes; the second (the view from the database) waits.
    const held = gate.hold(1);
    client.socket.emit(EVENTS.orderWatch, { token: order!.token });
    await held.reached;
    assert.deepEqual(relay.watchedOrderIds(), [order!.id], "joined before reading the view");
    client.close();
    await noSockets();
    held.release();
    await held.passed;
    await settle();
    await assertBaseline("left during the view read");
  });

  test("sockets that leave after the ack, with a history read, or by unwatching leave nothing", async () => {
    const driver = await t.createDriver({ name: "Ack driver" });
    const order = await t.createOrder({ driverId: driver.id });
    const clients = Array.from({ length: 4 }, () => connectClient(relayUrl));
    for (const client of clients) assert.ok("data" in (await watch(client, order.token)));
    assert.deepEqual(relay.watchedOrderIds(), [order.id]);
    // A history read uses a short-lived consumer: deleted before its answer comes back.
    const page = (await clients[0]!.socket.timeout(10_000).emitWithAck(EVENTS.orderHistory, { token: order.token, afterSeq: 0 })) as TAck<TTimelinePage>;
    assert.ok("data" in page && page.data.entries.length > 0, JSON.stringify(page));
    assert.equal((await counts()).consumers, baseline.consumers, "the history read's consumer is gone");
    // One leaves while its history read is in flight.
    clients[1]!.socket.emit(EVENTS.orderHistory, { token: order.token, afterSeq: 0 });
    clients[1]!.close();
    clients[2]!.socket.emit(EVENTS.orderUnwatch, { token: order.token });
    clients[0]!.close();
    clients[3]!.close();
    await waitFor(() => relay.io.of("/").sockets.size === 1, 10_000, "three sockets to leave");
    await waitFor(() => relay.watchedOrderIds().length === 0, 10_000, "unwatch to empty the room");
    assert.ok(clients[2]!.socket.connected, "unwatch keeps the socket");
    clients[2]!.close();
    await noSockets();
    await waitFor(async () => (await counts()).consumers === baseline.consumers, 10_000, "the in-flight history read's consumer to be deleted");
    await assertBaseline("left after the ack");
  });

  test("N watchers of M orders: M subscriptions, taken with each order's first watcher and dropped with its last", async () => {
    const orders = await dbOrders(6);
    const orderSubjects = (ids: string[]) => ids.map((id) => subjects.orderAll(id)).sort();
    const relaysOrderSubscriptions = async () => (await counts()).subscriptions.filter((subject) => subject.startsWith("orders."));
    const clients = Array.from({ length: 30 }, () => connectClient(relayUrl));
    await Promise.all(clients.map(async (client, index) => assert.ok("data" in (await watch(client, orders[index % orders.length]!.token)))));
    assert.deepEqual(new Set(relay.watchedOrderIds()), new Set(orders.map((order) => order.id)));
    const watching = await counts();
    assert.deepEqual(await relaysOrderSubscriptions(), orderSubjects(orders.map((order) => order.id)), "one subscription per watched order, for its view and its events");
    assert.equal(watching.subscriptions.length, baseline.subscriptions.length + orders.length, "30 watchers of 6 orders: 6 subscriptions more");
    assert.equal(watching.consumers, baseline.consumers, "30 watchers: no consumer added");
    // Every watcher of order 0 leaves (5 sockets, two of them by unwatching), and 4 of order 1's 5.
    const ofOrder = (index: number) => clients.filter((_, clientIndex) => clientIndex % orders.length === index);
    for (const [index, client] of ofOrder(0).entries()) {
      if (index < 2) client.socket.emit(EVENTS.orderUnwatch, { token: orders[0]!.token });
      else client.close();
    }
    for (const client of ofOrder(1).slice(1)) client.close();
    await waitFor(() => !relay.watchedOrderIds().includes(orders[0]!.id), 10_000, "order 0's room to go");
    await waitFor(async () => (await relaysOrderSubscriptions()).length === 5, 10_000, "order 0's subscriptions to go");
    assert.deepEqual(await relaysOrderSubscriptions(), orderSubjects(orders.slice(1).map((order) => order.id)), "order 1 keeps its subscription with one watcher left");
    for (const client of clients) client.close();
    await noSockets();
    await assertBaseline("after 30 watchers left");
  });

  test("a second relay whose sockets watch nothing receives no order message; the watching one receives its share", async () => {
    const nameB = "relay-b-under-test";
    const ncB = await connectNats(t.nats.server.url, nameB);
    const httpB = createServer();
    const relayB = startRelay(httpB, { prisma: t.core.prisma, nc: ncB, js: jetstream(ncB), jsm: await jetstreamManager(ncB), outbox: t.core.outbox }, () => undefined);
    await new Promise<void>((resolve) => httpB.listen(0, "127.0.0.1", resolve));
    try {
      const driver = await t.createDriver({ name: "Interest driver" });
      const watched: Order[] = [];
      for (let index = 0; index < 4; index++) watched.push(await t.createOrder({ lat: 48.8 + index / 1000, lng: 2.3 }));
      const unwatched = await t.createOrder({ lat: 48.81, lng: 2.3 });
      await t.setRoute(
        driver.id,
        [...watched, unwatched].map((order) => order.id),
      );
      const clients = watched.map(() => connectClient(relayUrl));
      await Promise.all(clients.map(async (client, index) => assert.ok("data" in (await watch(client, watched[index]!.token)))));
      const subscriptionsOfB = (await monitor.subscriptions(nameB)).sort();
      const beforeA = await monitor.messages(RELAY_CONNECTION);
      const beforeB = await monitor.messages(nameB);

      for (const order of [...watched, unwatched]) await t.setStatus(driver.token, order.id, "picked_up");
      for (let step = 0; step < 10; step++) await t.postFixes(driver.token, [{ lat: 48.79 + step * 0.0002, lng: 2.3, at: Date.now() - (10 - step) * 2_000, seq: step, accuracy: 5 }]);
      await t.setStatus(driver.token, watched[0]!.id, "delivered");
      for (const client of clients)
        await waitFor(() => client.events.some(([event, payload]) => event === EVENTS.orderEntry && (payload as TTimelineEntry).kind === "picked_up"), 10_000, "each watcher's picked_up entry");
      await waitFor(() => clients[0]!.events.some(([event, payload]) => event === EVENTS.orderView && (payload as TOrderView).status === "delivered"), 10_000, "the delivered view");
      await settle();

      const afterA = await monitor.messages(RELAY_CONNECTION);
      const afterB = await monitor.messages(nameB);
      const liveMessages = clients.reduce((sum, client) => sum + client.events.filter(([event]) => event === EVENTS.orderView || event === EVENTS.orderEntry).length, 0);
      assert.equal(afterB.delivered - beforeB.delivered, 0, "nats-server delivered nothing to the relay nobody watches through");
      assert.ok(afterA.delivered - beforeA.delivered >= liveMessages, `A received its orders' messages (${afterA.delivered - beforeA.delivered} for ${liveMessages} sent to sockets)`);
      assert.deepEqual(
        subscriptionsOfB.filter((subject) => subject.startsWith("orders.")),
        [],
        "B subscribes to no order",
      );
      for (const client of clients) client.close();
      await noSockets();
      await assertBaseline("after the two-relay test");
    } finally {
      await relayB.close();
      await ncB.close();
    }
  });

  test("nothing missed between the token lookup, the subscription and the ack", async () => {
    const driver = await t.createDriver({ name: "Window driver" });
    const entriesOf = (client: { events: [string, unknown][] }) => client.events.filter(([event]) => event === EVENTS.orderEntry).map(([, entry]) => entry as TTimelineEntry);
    const stored = async (orderId: string, kind: string) =>
      waitFor(
        async () => (await t.core.jsm.streams.getMessage(STREAMS.orders, { last_by_subj: subjects.orderEvents(orderId) }).catch(() => null))?.string().includes(`"to":"${kind}"`),
        10_000,
        `${kind} on the stream`,
      );

    // Published after the subscription is active, before the ack (the token is looked up again
    // for a new room: that lookup is held): it comes live, with its stream sequence.
    const afterSubscribe = await t.createOrder({ driverId: driver.id });
    const client = connectClient(relayUrl);
    const held = gate.hold(1);
    const acked = watch(client, afterSubscribe.token);
    await held.reached;
    await t.setStatus(driver.token, afterSubscribe.id, "picked_up");
    await stored(afterSubscribe.id, "picked_up");
    held.release();
    assert.ok("data" in (await acked));
    const live = await waitFor(() => entriesOf(client).find((entry) => entry.kind === "picked_up"), 10_000, "the live picked_up entry");
    const onStream = await t.core.jsm.streams.getMessage(STREAMS.orders, { last_by_subj: subjects.orderEvents(afterSubscribe.id) });
    assert.equal(live.seq, onStream?.seq, "the live entry carries its ORDERS stream sequence");

    // Published while the token is looked up (no subscription yet): the history read after the
    // ack has it; together the page misses nothing.
    const beforeSubscribe = await t.createOrder({ driverId: driver.id });
    const other = connectClient(relayUrl);
    const heldFirst = gate.hold();
    const ackedOther = watch(other, beforeSubscribe.token);
    await heldFirst.reached;
    await t.setStatus(driver.token, beforeSubscribe.id, "picked_up");
    await stored(beforeSubscribe.id, "picked_up");
    heldFirst.release();
    assert.ok("data" in (await ackedOther));
    const page = (await other.socket.timeout(10_000).emitWithAck(EVENTS.orderHistory, { token: beforeSubscribe.token, afterSeq: 0 })) as TAck<TTimelinePage>;
    assert.ok("data" in page);
    assert.ok(
      [...page.data.entries, ...entriesOf(other)].some((entry) => entry.kind === "picked_up"),
      "history + live hold the entry",
    );
    assert.equal(new Set(entriesOf(other).map((entry) => entry.seq)).size, entriesOf(other).length, "no entry twice live");

    for (const each of [client, other]) each.close();
    await noSockets();
    await assertBaseline("after the window test");
  });

  test("a link replaced while the token is looked up is refused, not watched", async () => {
    const driver = await t.createDriver({ name: "Revoked driver" });
    const order = await t.createOrder({ driverId: driver.id });
    const client = connectClient(relayUrl);
    const held = gate.hold(0, true);
    const acked = watch(client, order.token);
    await held.reached;
    const response = await t.admin("POST", `/api/admin/orders/${order.id}/tracking-link`);
    assert.equal(response.status, 201, response.text);
    // The lookup answers as of before the change (the order id), the re-check after the subscription does not.
    held.release();
    const ack = await acked;
    assert.equal("error" in ack && ack.error.code, "not_found", JSON.stringify(ack));
    client.close();
    await noSockets();
    await assertBaseline("after the revoked-during-lookup test");
  });

  describe("dispatch to the right rooms", () => {
    let driver: Driver;
    let orders: Order[];

    before(async () => {
      driver = await t.createDriver({ name: "Dispatch driver" });
      orders = [];
      for (let index = 0; index < 3; index++) orders.push(await t.createOrder({ customerName: `Room ${index}`, address: `${index} Room Street` }));
      await t.setRoute(
        driver.id,
        orders.map((order) => order.id),
      );
    });

    test("views and timeline entries reach exactly their order's room, never another's", async () => {
      const [a, b, unwatched] = orders as [Order, Order, Order];
      const watchersOfA = [connectClient(relayUrl), connectClient(relayUrl)];
      const watchersOfB = [connectClient(relayUrl), connectClient(relayUrl)];
      for (const client of watchersOfA) assert.ok("data" in (await watch(client, a.token)));
      for (const client of watchersOfB) assert.ok("data" in (await watch(client, b.token)));

      for (const order of orders) await t.setStatus(driver.token, order.id, "picked_up");
      await t.setStatus(driver.token, a.id, "delivered");
      await t.setStatus(driver.token, unwatched.id, "failed", "Never relayed");
      const entriesOf = (client: { events: [string, unknown][] }) => client.events.filter(([event]) => event === EVENTS.orderEntry).map(([, entry]) => entry as TTimelineEntry);
      const viewsOf = (client: { events: [string, unknown][] }) => client.events.filter(([event]) => event === EVENTS.orderView).map(([, view]) => view as TOrderView);
      for (const client of watchersOfA) {
        await waitFor(() => entriesOf(client).some((entry) => entry.kind === "delivered"), 10_000, "A's delivered entry");
        await waitFor(() => viewsOf(client).some((view) => view.status === "delivered"), 10_000, "A's delivered view");
      }
      for (const client of watchersOfB) {
        await waitFor(() => entriesOf(client).some((entry) => entry.kind === "picked_up"), 10_000, "B's picked_up entry");
        // B moves to "next" once A is delivered: the tracker's view for it comes after A's.
        await waitFor(() => viewsOf(client).some((view) => view.status === "picked_up" && view.stopsAway === 0), 10_000, "B's view after A's delivery");
      }
      // The tracker's view of the unwatched order is published after B's: once it is on the
      // stream and every watcher has B's, anything misrouted would have arrived.
      await waitFor(
        async () => (await t.core.jsm.streams.getMessage(STREAMS.orderViews, { last_by_subj: subjects.orderView(unwatched.id) }).catch(() => null))?.string().includes('"failed"'),
        10_000,
        "the unwatched order's failed view",
      );
      const last = connectClient(relayUrl);
      assert.ok("data" in (await watch(last, b.token)));

      for (const [clients, order] of [
        [watchersOfA, a],
        [watchersOfB, b],
      ] as const) {
        for (const client of clients) {
          assert.ok(
            viewsOf(client).every((view) => view.orderId === order.id),
            "a view of another order reached this room",
          );
          const entries = entriesOf(client);
          assert.equal(new Set(entries.map((entry) => entry.seq)).size, entries.length, "each entry once per socket");
          for (const entry of entries) {
            const stored = await t.core.jsm.streams.getMessage(STREAMS.orders, { seq: entry.seq });
            assert.equal(stored?.subject, subjects.orderEvents(order.id), `entry ${entry.seq} belongs to another order`);
          }
          assert.ok(!JSON.stringify(client.events).includes("Never relayed"), "the unwatched order's failure reached a room");
        }
      }
      for (const client of [...watchersOfA, ...watchersOfB, last]) client.close();
      await noSockets();
      await assertBaseline("after the dispatch test");
    });

    test("a replaced tracking link drops the sockets watching through it, and only those", async () => {
      const target = await t.createOrder({ driverId: driver.id });
      const bystanderOrder = await t.createOrder({ driverId: driver.id });
      const oldLink = [connectClient(relayUrl), connectClient(relayUrl)];
      const bystander = connectClient(relayUrl);
      for (const client of oldLink) assert.ok("data" in (await watch(client, target.token)));
      assert.ok("data" in (await watch(bystander, bystanderOrder.token)));

      const response = await t.admin("POST", `/api/admin/orders/${target.id}/tracking-link`);
      assert.equal(response.status, 201, response.text);
      const newToken = String((response.body as { trackingUrl: string }).trackingUrl).replace(/^\/track\//, "");
      for (const client of oldLink) await waitFor(() => !client.socket.connected, 10_000, "the old link's watcher to be dropped");

      const again = connectClient(relayUrl);
      const refused = await watch(again, target.token);
      assert.equal("error" in refused && refused.error.code, "not_found");
      assert.ok("data" in (await watch(again, newToken)), "the new link watches");
      // The bystander was never dropped and still hears its order.
      await t.setStatus(driver.token, bystanderOrder.id, "picked_up");
      await waitFor(() => bystander.events.some(([event, payload]) => event === EVENTS.orderView && (payload as TOrderView).status === "picked_up"), 10_000, "the bystander's view");
      assert.ok(bystander.socket.connected);
      for (const client of [...oldLink, bystander, again]) client.close();
      await noSockets();
      await assertBaseline("after the link change");
    });
  });
});
