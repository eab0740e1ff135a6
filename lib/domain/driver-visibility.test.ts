import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_VISIBLE_STOPS, isDriverVisibleToCustomer } from "./driver-visibility";
import { ORDER_STATUSES } from "./order-status";

describe("isDriverVisibleToCustomer", () => {
  const visibleStops = DEFAULT_VISIBLE_STOPS;

  it("shows the driver to a picked-up order within the visible stops", () => {
    for (const stopsAway of [0, 1, 2, 3]) {
      assert.equal(isDriverVisibleToCustomer({ status: "picked_up", stopsAway, visibleStops }), true, `${stopsAway}`);
    }
    assert.equal(isDriverVisibleToCustomer({ status: "arrived", stopsAway: 0, visibleStops }), true);
  });

  it("hides the driver beyond the visible stops", () => {
    assert.equal(isDriverVisibleToCustomer({ status: "picked_up", stopsAway: 4, visibleStops }), false);
    assert.equal(isDriverVisibleToCustomer({ status: "picked_up", stopsAway: 1, visibleStops: 0 }), false);
    assert.equal(isDriverVisibleToCustomer({ status: "picked_up", stopsAway: 0, visibleStops: 0 }), true);
  });

  it("hides the driver for every status but picked_up and arrived", () => {
    for (const status of ORDER_STATUSES.filter((s) => s !== "picked_up" && s !== "arrived")) {
      assert.equal(isDriverVisibleToCustomer({ status, stopsAway: 0, visibleStops }), false, status);
    }
  });

  it("hides the driver when stops away is unknown", () => {
    assert.equal(isDriverVisibleToCustomer({ status: "picked_up", stopsAway: null, visibleStops }), false);
  });
});
