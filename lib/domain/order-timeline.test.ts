import assert from "node:assert/strict";
import { test } from "node:test";
import type { TOrderEvent } from "../schemas/events";
import type { TTimelineEntry } from "../schemas/timeline";
import { mergeTimeline, toTimelineEntry, visibleTimeline } from "./order-timeline";

const at = Date.UTC(2026, 10, 27, 9, 0);
const orderId = "o1";

test("status events become lines; a failure keeps its reason; arrived → picked up reads as resumed", () => {
  const failed: TOrderEvent = { type: "order.status_changed", orderId, at, from: "picked_up", to: "failed", note: "nobody home", by: "driver" };
  assert.deepEqual(toTimelineEntry(failed, 7), { seq: 7, at: new Date(at).toISOString(), kind: "failed", stopsAway: null, note: "nobody home" });
  const resumed: TOrderEvent = { type: "order.status_changed", orderId, at, from: "arrived", to: "picked_up", note: "back later", by: "driver" };
  assert.equal(toTimelineEntry(resumed, 8)?.kind, "resumed");
  assert.equal(toTimelineEntry(resumed, 8)?.note, null, "only failure and delivery notes are shown");
  const withReason: TOrderEvent = { type: "order.status_changed", orderId, at, from: "arrived", to: "failed", note: "rang twice", by: "driver", reason: "customer_absent" };
  assert.equal(toTimelineEntry(withReason, 9)?.reason, "customer_absent", "the reason as a code, for the page to say in its language");
  const leftWith: TOrderEvent = {
    type: "order.status_changed",
    orderId,
    at,
    from: "arrived",
    to: "delivered",
    note: null,
    by: "driver",
    deliveredTo: { kind: "safe_place", place: "behind the gate" },
  };
  assert.deepEqual(toTimelineEntry(leftWith, 10)?.deliveredTo, { kind: "safe_place", place: "behind the gate" });
  const unassigned: TOrderEvent = { type: "order.status_changed", orderId, at, from: "assigned", to: "created", note: null, by: "admin" };
  assert.equal(toTimelineEntry(unassigned, 9)?.kind, "unassigned");
  const handedIn: TOrderEvent = { type: "order.status_changed", orderId, at, from: "picked_up", to: "created", note: "Handed in at the depot", by: "driver" };
  assert.equal(toTimelineEntry(handedIn, 10)?.kind, "back_at_depot", "a parcel brought back for its new day is not 'waiting for a driver'");
  const reopened: TOrderEvent = { type: "order.status_changed", orderId, at, from: "failed", to: "created", note: null, by: "admin" };
  assert.equal(toTimelineEntry(reopened, 11)?.kind, "unassigned");
});

test("route changes (which list other orders), instructions and ratings never become lines", () => {
  const route: TOrderEvent = { type: "order.route_changed", orderId, at, driverId: "d", route: ["other-order", orderId] };
  assert.equal(toTimelineEntry(route, 1), null);
  assert.equal(toTimelineEntry({ type: "order.instructions_changed", orderId, at, instructions: "gate code 12", by: "customer" }, 2), null);
  assert.equal(toTimelineEntry({ type: "order.rated", orderId, at, rating: 5, comment: null }, 3), null);
});

test("progress events keep their stops-away figure", () => {
  const entry = toTimelineEntry({ type: "order.progress", orderId, at, stage: "stops_away", stopsAway: 2 }, 4);
  assert.equal(entry?.kind, "stops_away");
  assert.equal(entry?.stopsAway, 2);
});

const line = (seq: number, kind: TTimelineEntry["kind"], stopsAway: number | null = null): TTimelineEntry => ({ seq, at: new Date(at + seq).toISOString(), kind, stopsAway, note: null });

test("merging drops duplicates by sequence and sorts, whatever order pages and pushes arrive in", () => {
  const live = [line(9, "stops_away", 1), line(5, "picked_up")];
  const resumed = [line(5, "picked_up"), line(7, "out_for_delivery", 2), line(9, "stops_away", 1)];
  assert.deepEqual(
    mergeTimeline(live, resumed).map((entry) => entry.seq),
    [5, 7, 9],
  );
  assert.deepEqual(
    mergeTimeline([line(1, "created")], []).map((entry) => entry.seq),
    [1],
  );
});

test("a milestone told twice is shown once; stops-away lines wait for 'out for delivery'", () => {
  const entries = [
    line(1, "created"),
    line(2, "assigned"),
    line(3, "picked_up"),
    line(4, "stops_away", 3),
    line(5, "out_for_delivery", 2),
    line(6, "stops_away", 2),
    line(7, "out_for_delivery", 2),
    line(8, "stops_away", 0),
    line(9, "arrived"),
    line(10, "delivered"),
  ];
  assert.deepEqual(
    visibleTimeline(entries).map((entry) => `${entry.kind}${entry.stopsAway ?? ""}`),
    ["created", "assigned", "picked_up", "out_for_delivery2", "stops_away0", "arrived", "delivered"],
  );
});

test("a delivery choice is shown in its own card; dispatch accepting a reschedule is a line", () => {
  const choice: TOrderEvent = {
    type: "order.delivery_choice_set",
    orderId,
    at,
    kind: "neighbour",
    neighbourName: "Marta",
    neighbourDoor: "2B",
    note: "ring twice",
    preferredDate: null,
    windowStart: null,
    windowEnd: null,
    by: "customer",
  };
  assert.equal(toTimelineEntry(choice, 5), null);
  const accepted: TOrderEvent = { type: "order.reschedule_accepted", orderId, at, preferredDate: "2026-12-02", windowStart: "10:00", windowEnd: "12:00", dueAt: at, by: "admin" };
  assert.deepEqual(toTimelineEntry(accepted, 6), { seq: 6, at: new Date(at).toISOString(), kind: "rescheduled", stopsAway: null, note: null });
});
