import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_TRACKING_VISIBILITY, isDriverVisibleToCustomer, type TrackingVisibility } from "./driver-visibility";
import { ORDER_STATUSES } from "./order-status";

const byStops = (maxStops: number): TrackingVisibility => ({ maxStops, maxMinutes: null });
const byMinutes = (maxMinutes: number): TrackingVisibility => ({ maxStops: null, maxMinutes });

describe("isDriverVisibleToCustomer by stops", () => {
  const visibility = DEFAULT_TRACKING_VISIBILITY;

  it("shows the driver to a picked-up order within the visible stops", () => {
    for (const stopsAway of [0, 1, 2, 3]) {
      assert.equal(isDriverVisibleToCustomer({ status: "picked_up", stopsAway, minutesAway: null, visibility }), true, `${stopsAway}`);
    }
    assert.equal(isDriverVisibleToCustomer({ status: "arrived", stopsAway: 0, minutesAway: null, visibility }), true);
  });

  it("hides the driver beyond the visible stops", () => {
    assert.equal(isDriverVisibleToCustomer({ status: "picked_up", stopsAway: 4, minutesAway: 1, visibility }), false);
    assert.equal(isDriverVisibleToCustomer({ status: "picked_up", stopsAway: 1, minutesAway: 1, visibility: byStops(0) }), false);
    assert.equal(isDriverVisibleToCustomer({ status: "picked_up", stopsAway: 0, minutesAway: null, visibility: byStops(0) }), true);
  });

  it("hides the driver for every status but picked_up and arrived", () => {
    for (const status of ORDER_STATUSES.filter((s) => s !== "picked_up" && s !== "arrived")) {
      assert.equal(isDriverVisibleToCustomer({ status, stopsAway: 0, minutesAway: 0, visibility }), false, status);
    }
  });

  it("hides the driver when stops away is unknown", () => {
    assert.equal(isDriverVisibleToCustomer({ status: "picked_up", stopsAway: null, minutesAway: 1, visibility }), false);
    assert.equal(isDriverVisibleToCustomer({ status: "picked_up", stopsAway: null, minutesAway: 1, visibility: byMinutes(10) }), false);
  });
});

describe("isDriverVisibleToCustomer by minutes", () => {
  it("shows the driver only at most that many minutes away, whatever the stops", () => {
    const visibility = byMinutes(15);
    assert.equal(isDriverVisibleToCustomer({ status: "picked_up", stopsAway: 9, minutesAway: 15, visibility }), true);
    assert.equal(isDriverVisibleToCustomer({ status: "picked_up", stopsAway: 0, minutesAway: 15.5, visibility }), false);
    assert.equal(isDriverVisibleToCustomer({ status: "picked_up", stopsAway: 0, minutesAway: 0, visibility }), true);
  });

  it("hides the driver without an ETA (fails closed)", () => {
    assert.equal(isDriverVisibleToCustomer({ status: "picked_up", stopsAway: 0, minutesAway: null, visibility: byMinutes(30) }), false);
    assert.equal(isDriverVisibleToCustomer({ status: "picked_up", stopsAway: 0, minutesAway: Number.NaN, visibility: byMinutes(30) }), false);
  });

  it("counts a driver at the door as zero minutes away", () => {
    assert.equal(isDriverVisibleToCustomer({ status: "arrived", stopsAway: 0, minutesAway: null, visibility: byMinutes(5) }), true);
  });

  it("hides a finished order whatever its figures", () => {
    assert.equal(isDriverVisibleToCustomer({ status: "delivered", stopsAway: 0, minutesAway: 0, visibility: byMinutes(60) }), false);
  });
});

describe("isDriverVisibleToCustomer with both limits", () => {
  const visibility: TrackingVisibility = { maxStops: 2, maxMinutes: 10 };

  it("needs both to hold", () => {
    assert.equal(isDriverVisibleToCustomer({ status: "picked_up", stopsAway: 2, minutesAway: 10, visibility }), true);
    assert.equal(isDriverVisibleToCustomer({ status: "picked_up", stopsAway: 3, minutesAway: 5, visibility }), false);
    assert.equal(isDriverVisibleToCustomer({ status: "picked_up", stopsAway: 1, minutesAway: 25, visibility }), false);
  });

  it("hides the driver when no limit is set at all", () => {
    assert.equal(isDriverVisibleToCustomer({ status: "picked_up", stopsAway: 0, minutesAway: 0, visibility: { maxStops: null, maxMinutes: null } }), false);
  });
});
