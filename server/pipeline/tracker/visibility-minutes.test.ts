/**
 * TRACKING_VISIBLE_MINUTES on the real server (tracker, relay, API): with the stops limit off and
 * 10 minutes on, the customer next in line (a few minutes away) sees the driver; the customer
 * behind them, two stops but far more than 10 minutes away, never receives a coordinate — not in
 * the socket's ack, not in a live frame, not in the tracking API's answer or its timeline.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ZCustomerOrder } from "../../../lib/schemas/customer";
import { startTestApp, type Driver, type Order, type TestApp } from "../../../testing/test-app";

/** Digits that appear nowhere else, so a leak is found by plain text search. */
const START = { lat: 52.5301234, lng: 13.3056789 };

describe("visibility by minutes", () => {
  let t: TestApp;
  let driver: Driver;
  let near: Order;
  let far: Order;

  before(async () => {
    t = await startTestApp({ visibleStops: null, visibleMinutes: 10 });
    driver = await t.createDriver({ name: "Minutes" });
    // About 300 m from the start, then 25 km further on: minutes, then well over an hour away.
    near = await t.createOrder({ driverId: driver.id, lat: 52.533, lng: 13.3057 });
    far = await t.createOrder({ driverId: driver.id, lat: 52.75, lng: 13.3057 });
    for (const order of [near, far]) await t.setStatus(driver.token, order.id, "picked_up");
  });

  after(async () => {
    await t?.close();
  });

  test("shows the driver within 10 minutes and nowhere else", { timeout: 60_000 }, async () => {
    const nearWatcher = await t.watch(near.token);
    const farWatcher = await t.watch(far.token);
    const sent: { lat: number; lng: number }[] = [];
    for (let step = 0; step < 3; step++) {
      const position = { lat: Number((START.lat + step * 0.0001).toFixed(7)), lng: START.lng };
      sent.push(position);
      await t.postFixes(driver.token, [{ ...position, at: Date.now() + step * 1_000, seq: step + 1, accuracy: 5 }]);
      const seen = await nearWatcher.waitForView((view) => view.driver?.lat === position.lat);
      assert.equal(seen.stopsAway, 0);
      assert.ok(seen.eta && Date.parse(seen.eta.at) - Date.now() <= 10 * 60_000, "the near order is within 10 minutes");
    }
    // The far order's view followed the same fixes (its ETA moved) but carries no driver.
    const farView = await farWatcher.waitForView((view) => view.eta !== null && view.stopsAway === 1);
    assert.ok(Date.parse(farView.eta!.at) - Date.now() > 10 * 60_000, "the far order is more than 10 minutes away");

    const api = await t.api("GET", `/api/track/${far.token}`);
    assert.equal(api.status, 200, api.text);
    assert.equal(ZCustomerOrder.parse(api.body).view.driver, null);
    const farWire = [...farWatcher.rawPackets, ...farWatcher.events, api.text].join("\n");
    assert.ok(farWatcher.rawPackets.length > 0, "the engine-level capture saw packets");
    for (const position of sent) {
      for (const value of [position.lat, position.lng]) assert.ok(!farWire.includes(String(value)), `the far customer received ${value}`);
    }
    for (const view of ["data" in farWatcher.ack ? farWatcher.ack.data : null, ...farWatcher.views]) assert.equal(view?.driver ?? null, null);
    nearWatcher.close();
    farWatcher.close();
  });
});
