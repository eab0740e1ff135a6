/**
 * The tracker on a real JetStream, fed by the API's route snapshots and fixes: it catches up
 * after a restart from its checkpoints (the events posted while it was down are on the stream),
 * and a malformed message is skipped without holding up the valid ones.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TLocationEvent } from "../../../lib/schemas/events";
import type { TOrderView } from "../../../lib/schemas/order-view";
import { TRACKER_PARTITIONS } from "../../../lib/domain/partition";
import { subjects } from "../../platform/backbone/subjects";
import { startTestApp, waitFor, type Driver, type Order, type TestApp } from "../../../testing/test-app";
import { lastPublishedView } from "../views/get-order-view";

let t: TestApp;
let driver: Driver;
let orders: Order[];
let lastAt = 0;
let seq = 0;

async function driveTo(position: { lat: number; lng: number }): Promise<void> {
  lastAt = Math.max(Date.now(), lastAt + 1_000);
  await t.postFixes(driver.token, [{ ...position, at: lastAt, seq: ++seq, accuracy: 5 }]);
}

function view(orderId: string): Promise<TOrderView | null> {
  return lastPublishedView(t.core.jsm, orderId);
}

async function waitForPublishedView(orderId: string, predicate: (view: TOrderView) => boolean, what: string, timeoutMs = 10_000): Promise<TOrderView> {
  let last: TOrderView | null = null;
  try {
    return await waitFor(
      async () => {
        last = await view(orderId);
        return last && predicate(last) ? last : null;
      },
      timeoutMs,
      what,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; last view: ${JSON.stringify(last)}`);
  }
}

/** Every partition is owned by the tracker and has applied everything on its subjects. */
function trackerCaughtUp(): boolean {
  return t.tracker !== null && t.tracker.owned().length === TRACKER_PARTITIONS && t.tracker.isCaughtUp();
}

before(async () => {
  t = await startTestApp({ visibleStops: 3 });
  await waitFor(trackerCaughtUp, 15_000, "the tracker to own and start every partition");
  driver = await t.createDriver({ name: "Tracked" });
  orders = [];
  for (let index = 0; index < 4; index++) orders.push(await t.createOrder({ lat: 48.8 + index / 100, lng: 2.3 + index / 100 }));
  await t.setRoute(
    driver.id,
    orders.map((order) => order.id),
  );
  for (const order of orders) await t.setStatus(driver.token, order.id, "picked_up");
});

after(async () => {
  await t?.close();
});

describe("tracker", () => {
  test("publishes views while running", async () => {
    await waitForPublishedView(orders[2]!.id, (v) => v.status === "picked_up" && v.stopsAway === 2, "order 2 at 2 stops away");
    const position = { lat: 48.7901234, lng: 2.2901234 };
    await driveTo(position);
    await waitForPublishedView(orders[0]!.id, (v) => v.driver?.lat === position.lat && v.driver.lng === position.lng, "the driver on order 0's view");
  });

  test("after a restart it resumes from its checkpoints and catches up with what was posted while it was down", async () => {
    await waitFor(trackerCaughtUp, 10_000, "the tracker to be idle before stopping it");
    await t.stopTracker();

    // While the tracker is down: a delivery and the driver moving on. Both land on the streams.
    await t.setStatus(driver.token, orders[0]!.id, "delivered");
    const moved = { lat: 48.7902234, lng: 2.2902234 };
    await driveTo(moved);
    // Nobody published a view meanwhile: order 1 still shows the old figure.
    assert.equal((await view(orders[1]!.id))?.stopsAway, 1);

    await t.startTracker();
    // The driver's new position exists only on the stream (the database has the last one the
    // previous tracker projected): seeing it proves the new tracker consumed the backlog.
    const next = await waitForPublishedView(orders[1]!.id, (v) => v.stopsAway === 0 && v.driver?.lat === moved.lat && v.driver.lng === moved.lng, "order 1 next, with the driver's new position");
    assert.equal(next.status, "picked_up");
    const later = await waitForPublishedView(orders[3]!.id, (v) => v.stopsAway === 2, "order 3 at 2 stops away");
    assert.equal(later.driver?.lat, moved.lat, "2 stops away: visible");
    const delivered = await waitForPublishedView(orders[0]!.id, (v) => v.status === "delivered", "order 0 delivered");
    assert.equal(delivered.driver, null);
    assert.equal(delivered.stopsAway, null);
    await waitFor(trackerCaughtUp, 10_000, "the backlog to be acknowledged");

    // The driver's position was projected into the database as well.
    // (in a batch, off the hot path: about a second later)
    const location = await waitFor(
      async () => {
        const row = await t.core.prisma.driverLocation.findUnique({ where: { driverId: driver.id } });
        return row?.lat === moved.lat ? row : null;
      },
      5_000,
      "the new position in driver_locations",
    );
    assert.equal(location.lng, moved.lng);
  });

  test("malformed messages are skipped without wedging the consumers", async () => {
    await waitFor(trackerCaughtUp, 10_000, "the consumers to be idle");
    const before = await view(orders[1]!.id);
    assert.ok(before);

    // Garbage straight onto the streams, as a buggy or hostile publisher would put it there,
    // each followed at once by a valid message (likely in the same batch).
    const position = { lat: 48.7903234, lng: 2.2903234 };
    lastAt = Math.max(Date.now(), lastAt + 1_000);
    const validFix: TLocationEvent = {
      driverId: driver.id,
      lat: position.lat,
      lng: position.lng,
      at: lastAt,
      seq: ++seq,
      accuracy: 5,
      speed: null,
      heading: null,
      receivedAt: Date.now(),
      source: "driver-app",
    };
    await Promise.all([
      t.core.js.publish("orders.x.events", "this is { not JSON"),
      t.core.js.publish("orders.x.events", JSON.stringify({ type: "order.created", orderId: "x" })),
      t.core.js.publish("orders.x.events", "null"),
      t.core.js.publish("drivers.x.location", "\u0000\u0001 garbage"),
      t.core.js.publish("drivers.x.location", JSON.stringify({ driverId: "x", lat: "north" })),
      t.core.js.publish(subjects.driverLocation(driver.id), JSON.stringify({ driverId: driver.id, lat: "north" })),
      t.core.js.publish(subjects.driverRoute(driver.id), "{ not a route"),
      t.core.js.publish(subjects.driverLocation(driver.id), JSON.stringify(validFix)),
    ]);

    // Valid messages after them are processed: a fix and a status change.
    await waitForPublishedView(orders[1]!.id, (v) => v.driver?.lat === position.lat && v.driver.lng === position.lng, "the fix published after the garbage");
    await t.setStatus(driver.token, orders[1]!.id, "delivered");
    await waitForPublishedView(orders[2]!.id, (v) => v.stopsAway === 0, "order 2 next after order 1 is delivered");

    // And the garbage itself was acknowledged (skipped), not left to be redelivered forever.
    await waitFor(trackerCaughtUp, 10_000, "every message, malformed ones included, to be applied or skipped");
  });
});
