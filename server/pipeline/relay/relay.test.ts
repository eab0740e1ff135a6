/**
 * The relay at socket level, with a real socket.io-client against the real server (tracker,
 * NATS, database): watching by token, live views, the privacy rule checked on every raw frame
 * the customer's browser receives, order rooms that follow the watchers, and the last view sent
 * again after the relay's NATS connection comes back (the NATS side is a
 * fixed set whatever the watchers: relay-fanout.test.ts counts it on nats-server).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TOrderView } from "../../../lib/schemas/order-view";
import { EVENTS } from "../../../lib/realtime/events";
import { STREAMS, subjects } from "../../platform/backbone/subjects";
import { lastPublishedView } from "../views/get-order-view";
import { startTestApp, waitFor, type Driver, type Order, type TestApp, type Watcher } from "../../../testing/test-app";

/** Positions with digits that appear nowhere else, so a leak is found by plain text search. */
const BASE = { lat: 52.5201234, lng: 13.4056789 };
let step = 0;
let lastAt = 0;
function nextPosition(): { lat: number; lng: number } {
  step++;
  // About 11 m a step: plausible driving, never rejected as a GPS jump.
  return { lat: Number((BASE.lat + step * 0.0001).toFixed(7)), lng: Number((BASE.lng + step * 0.0001).toFixed(7)) };
}
async function driveTo(t: TestApp, driver: Driver, position: { lat: number; lng: number }): Promise<void> {
  lastAt = Math.max(Date.now(), lastAt + 1_000);
  await t.postFixes(driver.token, [{ ...position, at: lastAt, seq: step, accuracy: 5 }]);
}

function wire(watcher: Watcher): string {
  return [...watcher.rawPackets, ...watcher.events].join("\n");
}

function assertNoCoordinates(watcher: Watcher, positions: { lat: number; lng: number }[], who: string): void {
  const frames = wire(watcher);
  assert.ok(watcher.rawPackets.length > 0, "the engine-level capture saw packets");
  for (const position of positions) {
    for (const value of [position.lat, position.lng]) {
      assert.ok(!frames.includes(String(value)), `${who} received the driver's coordinate ${value}`);
    }
  }
  for (const view of [...("data" in watcher.ack ? [watcher.ack.data] : []), ...watcher.views]) {
    assert.equal(view.driver, null, `${who} got a view with driver set`);
  }
}

function assertVersionsIncrease(views: TOrderView[]): void {
  for (let index = 1; index < views.length; index++) {
    assert.ok(views[index]!.version > views[index - 1]!.version, `versions increase: ${views.map((view) => view.version).join(", ")}`);
  }
}

describe("relay", () => {
  let t: TestApp;
  let driver: Driver;
  let orders: Order[];

  before(async () => {
    t = await startTestApp({ visibleStops: 3 });
    driver = await t.createDriver({ name: "Relay driver" });
    orders = [];
    for (let index = 0; index < 6; index++) {
      orders.push(
        await t.createOrder({
          customerName: `Secret Customer ${index}`,
          address: `${index} Hidden Lane`,
          lat: 48.8 + index / 100,
          lng: 2.3 + index / 100,
        }),
      );
    }
    await t.setRoute(
      driver.id,
      orders.map((order) => order.id),
    );
  });

  after(async () => {
    await t?.close();
  });

  test("watching an unknown token acks not_found; a bad payload acks invalid_request", async () => {
    const unknown = await t.watch("no-such-token");
    assert.deepEqual("error" in unknown.ack && unknown.ack.error.code, "not_found");
    assert.equal(unknown.views.length, 0);
    const payload = await unknown.socket.timeout(5_000).emitWithAck(EVENTS.orderWatch, { token: 42 } as never);
    assert.equal((payload as { error: { code: string } }).error.code, "invalid_request");
    unknown.close();
    assert.deepEqual(t.app.relay.watchedOrderIds(), [], "an unknown token joins no room");
  });

  test("a watcher gets the current view in the ack, then live views as statuses and fixes arrive", async () => {
    const target = orders[2]!;
    const watcher = await t.watch(target.token);
    assert.ok("data" in watcher.ack, JSON.stringify(watcher.ack));
    const initial = watcher.ack.data;
    assert.equal(initial.orderId, target.id);
    assert.equal(initial.status, "assigned");
    assert.equal(initial.stopsAway, null, "not picked up: no figure");
    assert.equal(initial.driver, null);
    assert.deepEqual(initial.destination, { lat: target.lat, lng: target.lng, address: target.address });

    for (const order of orders) await t.setStatus(driver.token, order.id, "picked_up");
    const pickedUp = await watcher.waitForView((view) => view.status === "picked_up" && view.stopsAway === 2);
    assert.ok(pickedUp.version > initial.version);

    // Two stops before it; the first delivered drops the figure to 1.
    await t.setStatus(driver.token, orders[0]!.id, "delivered");
    const dropped = await watcher.waitForView((view) => view.stopsAway === 1);
    assert.ok(dropped.version > pickedUp.version);
    assert.equal(dropped.status, "picked_up");

    // Fixes move the driver: within 3 stops the customer sees where.
    const position = nextPosition();
    await driveTo(t, driver, position);
    const moving = await watcher.waitForView((view) => view.driver?.lat === position.lat && view.driver.lng === position.lng);
    assert.ok(moving.version > dropped.version);
    assert.ok(moving.eta, "an ETA once the driver's position is known");
    assertVersionsIncrease(watcher.views);
    watcher.close();
  });

  test("privacy: a customer 5 stops away never receives the driver's coordinates; within 3 stops they do", async () => {
    // Route now: [0 delivered, 1, 2, 3, 4, 5] all picked up → stops away 1:0, 2:1, 3:2, 4:3, 5:4.
    // A fresh order at the end of the route is 5 stops away.
    const extra = await t.createOrder({ customerName: "Far Away Fran", address: "99 Distant Road", lat: 48.9, lng: 2.4, driverId: driver.id });
    await t.setStatus(driver.token, extra.id, "picked_up");
    const far = await t.watch(extra.token);
    assert.ok("data" in far.ack);
    await far.waitForView((view) => view.status === "picked_up" && view.stopsAway === 5);

    const near = await t.watch(orders[1]!.token); // 0 stops away: next
    const edge = await t.watch(orders[4]!.token); // 3 stops away: the last one allowed
    const beyond = await t.watch(orders[5]!.token); // 4 stops away
    assert.ok("data" in edge.ack && edge.ack.data.stopsAway === 3);
    assert.ok("data" in beyond.ack && beyond.ack.data.stopsAway === 4);

    const seen: { lat: number; lng: number }[] = [];
    for (let index = 0; index < 3; index++) {
      const position = nextPosition();
      seen.push(position);
      await driveTo(t, driver, position);
      await near.waitForView((view) => view.driver?.lat === position.lat && view.driver.lng === position.lng);
      await edge.waitForView((view) => view.driver?.lat === position.lat && view.driver.lng === position.lng);
    }
    const lastSeen = seen.at(-1)!;

    // Deliver the next stop. Every view on the route is recomputed with the driver's position
    // known (the near customer saw it): a leak to the far customers would show now.
    await t.setStatus(driver.token, orders[1]!.id, "delivered");
    await far.waitForView((view) => view.stopsAway === 4);
    // "beyond" moves from 4 to 3 stops away: now it may see the driver, at the last position.
    await beyond.waitForView((view) => view.stopsAway === 3 && view.driver?.lat === lastSeen.lat && view.driver.lng === lastSeen.lng);

    assertNoCoordinates(far, seen, "a customer 4-5 stops away");
    // Nor anyone else's name, address or order, not even its own customer's name.
    const farWire = wire(far);
    for (const order of orders) {
      assert.ok(!farWire.includes(order.customerName) && !farWire.includes(order.address), "another customer's data leaked");
      assert.ok(!farWire.includes(order.id), "another order's id leaked");
    }
    assert.ok(!farWire.includes("Far Away Fran"), "a view carries no customer name");
    const nearWire = wire(near);
    assert.ok(!nearWire.includes("Far Away Fran") && !nearWire.includes("99 Distant Road") && !nearWire.includes(extra.id));

    // After delivery the near customer's map shows no driver, and gets no later position.
    const delivered = await near.waitForView((view) => view.status === "delivered");
    assert.equal(delivered.driver, null);
    assert.equal(delivered.stopsAway, null);
    assert.equal(delivered.eta, null);
    const packetsAtDelivery = near.rawPackets.length;
    const eventsAtDelivery = near.events.length;
    const later = nextPosition();
    await driveTo(t, driver, later);
    // Views are published in route order, the near order's before these: once they have it,
    // anything for the near customer has been sent too.
    await edge.waitForView((view) => view.driver?.lat === later.lat && view.driver.lng === later.lng);
    await beyond.waitForView((view) => view.driver?.lat === later.lat && view.driver.lng === later.lng);
    const nearAfter = [...near.rawPackets.slice(packetsAtDelivery), ...near.events.slice(eventsAtDelivery)].join("\n");
    assert.ok(!nearAfter.includes(String(later.lat)) && !nearAfter.includes(String(later.lng)), "a delivered order's customer got the driver's position");
    for (const view of near.views.filter((view) => view.status === "delivered")) assert.equal(view.driver, null);
    assertNoCoordinates(far, [...seen, later], "a customer 4 stops away");

    // The far customer, once 3 stops away, does see the driver.
    await t.setStatus(driver.token, orders[2]!.id, "delivered");
    await far.waitForView((view) => view.stopsAway === 3 && view.driver?.lat === later.lat && view.driver.lng === later.lng);

    for (const watcher of [far, near, edge, beyond]) {
      assertVersionsIncrease(watcher.views);
      watcher.close();
    }
  });

  test("an order has a room only while a socket watches it", async () => {
    const target = orders[3]!;
    await waitFor(() => t.app.relay.watchedOrderIds().length === 0, 10_000, "earlier watchers to be gone");

    const first = await t.watch(target.token);
    assert.deepEqual(t.app.relay.watchedOrderIds(), [target.id], "a room when the first watcher joined");
    const second = await t.watch(target.token);
    const otherOrder = await t.watch(orders[5]!.token);
    assert.deepEqual(new Set(t.app.relay.watchedOrderIds()), new Set([target.id, orders[5]!.id]));

    first.close();
    // Still watched by `second`: give the server time to see the disconnect, then check.
    await waitFor(() => t.app.relay.io.of("/").sockets.size === 2, 10_000, "the server to see the disconnect");
    assert.ok(t.app.relay.watchedOrderIds().includes(target.id), "one watcher left: the room stays");

    // The remaining watcher still gets live views through the room.
    await t.setStatus(driver.token, target.id, "arrived");
    await second.waitForView((view) => view.status === "arrived");

    second.close();
    await waitFor(() => !t.app.relay.watchedOrderIds().includes(target.id), 10_000, "the room to go");
    assert.deepEqual(t.app.relay.watchedOrderIds(), [orders[5]!.id]);

    // order:unwatch leaves the room without disconnecting.
    otherOrder.socket.emit(EVENTS.orderUnwatch, { token: orders[5]!.token });
    await waitFor(() => t.app.relay.watchedOrderIds().length === 0, 10_000, "unwatch to empty the room");
    assert.ok(otherOrder.socket.connected);
    otherOrder.close();
  });

  // Last in this group: it restarts nats-server.
  test("after the relay's NATS connection comes back, a watcher gets its order's last view again", async () => {
    const target = orders[4]!;
    const watcher = await t.watch(target.token);
    const stored = await lastPublishedView(t.core.jsm, target.id);
    assert.ok(stored, "the tracker published a view of the order");
    await watcher.waitForView((view) => view.version === stored.version);
    const seen = watcher.views.length;
    // Views published while the connection is away are not replayed by its subscription.
    await t.nats.restart();
    await waitFor(() => watcher.views.slice(seen).some((view) => view.version === stored.version), 30_000, "the last view sent again after the reconnect");
    watcher.close();
  });
});

describe("relay robustness", () => {
  let t: TestApp;

  before(async () => {
    t = await startTestApp({ visibleStops: 3 });
  });

  after(async () => {
    await t?.close();
  });

  test("a malformed message on orders.<id>.view does not break the relay or the NATS connection", { timeout: 25_000 }, async () => {
    const driver = await t.createDriver({ name: "Robust" });
    const order = await t.createOrder({ driverId: driver.id });
    const watcher = await t.watch(order.token);
    assert.ok("data" in watcher.ack);

    t.core.nc.publish(subjects.orderView(order.id), "this is not JSON {");
    t.core.nc.publish(subjects.orderView(order.id), JSON.stringify({ orderId: order.id, version: "x" }));
    // (no flush(): with the bug below, the server's PONG would never be read.)

    // The next real view still reaches the watcher, and the rest of the server still works.
    const status = await t.api("POST", `/api/driver/orders/${order.id}/status`, { status: "picked_up" }, driver.token, AbortSignal.timeout(8_000));
    assert.equal(status.status, 200, status.text);
    await watcher.waitForView((view) => view.status === "picked_up", 10_000);
    const fixes = await t.api("POST", "/api/driver/locations", { fixes: [{ lat: 48.85, lng: 2.35, at: Date.now() }] }, driver.token, AbortSignal.timeout(8_000));
    assert.equal(fixes.status, 202, fixes.text);
    assert.ok(
      watcher.views.every((view) => typeof view.version === "number"),
      "no malformed view was forwarded",
    );
    watcher.close();
  });

  test("a finished order whose final view the stream lost still shows finished (API and socket ack)", { timeout: 40_000 }, async () => {
    const driver = await t.createDriver({ name: "Final" });
    const order = await t.createOrder({ driverId: driver.id });
    const subject = subjects.orderView(order.id);
    const storedView = async () => (await t.core.jsm.streams.getMessage(STREAMS.orderViews, { last_by_subj: subject }).catch(() => null))?.string() ?? "";
    await t.setStatus(driver.token, order.id, "picked_up");
    await waitFor(async () => (await storedView()).includes('"picked_up"'), 10_000, "the picked_up view on ORDER_VIEWS");
    const stale = await storedView();
    await t.setStatus(driver.token, order.id, "delivered");
    await waitFor(async () => (await storedView()).includes('"delivered"'), 10_000, "the delivered view on ORDER_VIEWS");
    const live = await t.watch(order.token);
    assert.ok("data" in live.ack && live.ack.data.status === "delivered");

    const assertDelivered = async (what: string) => {
      const page = await t.api<{ view: TOrderView }>("GET", `/api/track/${order.token}`);
      assert.equal(page.status, 200, page.text);
      assert.equal(page.body.view.status, "delivered", `${what}: the API's view`);
      assert.equal(page.body.view.driver, null, `${what}: no driver after delivery`);
      const watcher = await t.watch(order.token);
      assert.ok("data" in watcher.ack && watcher.ack.data.status === "delivered", `${what}: the watch's ack ${JSON.stringify(watcher.ack)}`);
      watcher.close();
      return page.body.view;
    };
    // The final view dropped, the last stored one stale (as when its publish never reached the stream).
    await t.core.jsm.streams.purge(STREAMS.orderViews, { filter: subject });
    await t.core.js.publish(subject, stale);
    assert.ok((await storedView()).includes('"picked_up"'));
    const shown = await assertDelivered("a stale view stored");
    assert.ok(shown.version > (JSON.parse(stale) as TOrderView).version, "the database's final view outranks the stale one on a page that has it");
    // No view stored at all.
    await t.core.jsm.streams.purge(STREAMS.orderViews, { filter: subject });
    await assertDelivered("no view stored");
    live.close();
  });
});
