import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { TOrderEvent } from "../schemas/events";
import { endsSubscriptions, isRunningLate, notificationsForEvent } from "./notification-triggers";

const base = { orderId: "o1", at: 1_000 };
const progress = (stage: "out_for_delivery" | "stops_away", stopsAway: number | null): TOrderEvent => ({ ...base, type: "order.progress", stage, stopsAway });
const status = (from: "picked_up" | "arrived", to: "arrived" | "delivered" | "failed" | "cancelled"): TOrderEvent => ({
  ...base,
  type: "order.status_changed",
  from,
  to,
  note: null,
  by: "driver",
});

describe("notificationsForEvent", () => {
  test("setting off is out for delivery, with the figure it starts from", () => {
    assert.deepEqual(notificationsForEvent(progress("out_for_delivery", 5), 3), [{ kind: "out_for_delivery", stopsAway: 5 }]);
    assert.deepEqual(notificationsForEvent(progress("out_for_delivery", 2), 3), [{ kind: "out_for_delivery", stopsAway: 2 }]);
  });

  test("the first stop of the route is out for delivery and arriving at once", () => {
    assert.deepEqual(notificationsForEvent(progress("out_for_delivery", 0), 3), [
      { kind: "out_for_delivery", stopsAway: 0 },
      { kind: "arriving", stopsAway: 0 },
    ]);
  });

  test("N stops away is told at N or fewer, never above, and 0 is arriving", () => {
    assert.deepEqual(notificationsForEvent(progress("stops_away", 4), 3), []);
    assert.deepEqual(notificationsForEvent(progress("stops_away", 3), 3), [{ kind: "stops_away", stopsAway: 3 }]);
    assert.deepEqual(notificationsForEvent(progress("stops_away", 1), 3), [{ kind: "stops_away", stopsAway: 1 }]);
    assert.deepEqual(notificationsForEvent(progress("stops_away", 0), 3), [{ kind: "arriving", stopsAway: 0 }]);
    assert.deepEqual(notificationsForEvent(progress("stops_away", 5), 10), [{ kind: "stops_away", stopsAway: 5 }]);
    assert.deepEqual(notificationsForEvent(progress("stops_away", null), 3), []);
  });

  test("status changes: at the door is arriving; delivered and failed are told; cancelled is not", () => {
    assert.deepEqual(notificationsForEvent(status("picked_up", "arrived"), 3), [{ kind: "arriving", stopsAway: 0 }]);
    assert.deepEqual(notificationsForEvent(status("arrived", "delivered"), 3), [{ kind: "delivered", stopsAway: null }]);
    assert.deepEqual(notificationsForEvent(status("arrived", "failed"), 3), [{ kind: "failed", stopsAway: null }]);
    assert.deepEqual(notificationsForEvent(status("picked_up", "cancelled"), 3), []);
  });

  test("events that tell the customer nothing", () => {
    assert.deepEqual(notificationsForEvent({ ...base, type: "order.instructions_changed", instructions: "Ring", by: "customer" }, 3), []);
    assert.deepEqual(notificationsForEvent({ ...base, type: "order.route_changed", driverId: "d1" }, 3), []);
    assert.deepEqual(notificationsForEvent({ ...base, type: "order.rated", rating: 5, comment: null }, 3), []);
  });
});

describe("endsSubscriptions", () => {
  test("a finished order or a replaced link ends them; anything else does not", () => {
    assert.equal(endsSubscriptions(status("arrived", "delivered")), true);
    assert.equal(endsSubscriptions(status("arrived", "failed")), true);
    assert.equal(endsSubscriptions(status("picked_up", "cancelled")), true);
    assert.equal(endsSubscriptions({ ...base, type: "order.tracking_link_changed", by: "admin" }), true);
    assert.equal(endsSubscriptions(status("picked_up", "arrived")), false);
    assert.equal(endsSubscriptions(progress("stops_away", 1)), false);
  });
});

describe("isRunningLate", () => {
  const due = Date.parse("2026-11-30T12:00:00Z");
  const view = (updatedAt: string, etaAt: string | null, orderStatus: "picked_up" | "delivered" = "picked_up") => ({
    status: orderStatus,
    eta: etaAt ? { at: etaAt } : null,
    updatedAt,
  });

  test("late when the best estimate is after the promised time, or the time has passed unfinished", () => {
    assert.equal(isRunningLate(view("2026-11-30T11:00:00Z", "2026-11-30T12:10:00Z"), due), true);
    assert.equal(isRunningLate(view("2026-11-30T12:01:00Z", null), due), true);
  });

  test("on time, without a promised time, or finished: not late", () => {
    assert.equal(isRunningLate(view("2026-11-30T11:00:00Z", "2026-11-30T11:50:00Z"), due), false);
    assert.equal(isRunningLate(view("2026-11-30T13:00:00Z", "2026-11-30T14:00:00Z"), null), false);
    assert.equal(isRunningLate(view("2026-11-30T13:00:00Z", null, "delivered"), due), false);
  });
});
