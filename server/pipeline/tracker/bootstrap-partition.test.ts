/**
 * A tracker's very first start (no checkpoints yet) on a database that already has open routes:
 * it loads them from the database and starts at the stream's end, so the first fix after start
 * gives every order its stops away and ETA even though the route snapshots were published
 * before the tracker existed. Finished orders are not loaded.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { TOrderView } from "../../../lib/schemas/order-view";
import { startTestApp, waitFor, type Order, type TestApp } from "../../../testing/test-app";
import { lastPublishedView } from "../views/get-order-view";

let t: TestApp;

before(async () => {
  t = await startTestApp({ tracker: false });
});

after(async () => {
  await t?.close();
});

test("first start: open routes come from the database; finished orders stay out of memory", async () => {
  const driver = await t.createDriver({ name: "Before the tracker" });
  const orders: Order[] = [];
  for (let index = 0; index < 4; index++) orders.push(await t.createOrder({ lat: 48.8 + index / 100, lng: 2.3 }));
  await t.setRoute(
    driver.id,
    orders.map((order) => order.id),
  );
  for (const order of orders) await t.setStatus(driver.token, order.id, "picked_up");
  await t.setStatus(driver.token, orders[0]!.id, "delivered");
  assert.equal(await t.core.prisma.trackerCheckpoint.count(), 0, "no checkpoint yet");

  const tracker = await t.startTracker();
  assert.equal(await t.core.prisma.trackerCheckpoint.count(), 16, "each partition recorded where it started");
  assert.deepEqual(tracker.sizes(), { drivers: 1, orders: 3 }, "the three open stops, not the delivered one");

  // The bootstrapped views go out at once, before any new message.
  const first = await waitFor(() => lastPublishedView(t.core.jsm, orders[3]!.id).then((view) => (view?.stopsAway === 2 ? view : null)), 10_000, "order 3's bootstrapped view");
  assert.equal(first.status, "picked_up");
  await t.postFixes(driver.token, [{ lat: 48.79, lng: 2.29, at: Date.now(), seq: 1, accuracy: 5 }]);
  const views = await waitFor(
    async () => {
      const list = await Promise.all(orders.slice(1).map((order) => lastPublishedView(t.core.jsm, order.id)));
      return list.every((view) => view?.driver && view.eta) ? (list as TOrderView[]) : null;
    },
    10_000,
    "views with the driver and an ETA for the open stops",
  );
  assert.deepEqual(
    views.map((view) => view.stopsAway),
    [0, 1, 2],
  );
});
