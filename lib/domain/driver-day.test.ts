import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { driverEn, driverEs } from "../i18n/driver-messages";
import { applyPendingTaps, checkCanArrive, planDay, planTap, STOP_ACTIONS, type DayStopInput } from "./driver-day";
import type { OrderStatus } from "./order-status";

const route = (...statuses: OrderStatus[]): DayStopInput[] => statuses.map((status, index) => ({ orderId: `o${index + 1}`, status }));
const ids = (stops: readonly { stop: DayStopInput }[]) => stops.map((entry) => entry.stop.orderId);

describe("planDay: the current stop", () => {
  it("is the next stop on board; finished stops are done, the rest a list offering 'do this stop first'", () => {
    const day = planDay(route("delivered", "failed", "picked_up", "picked_up", "picked_up"));
    assert.equal(day.current?.stop.orderId, "o3");
    assert.equal(day.current?.number, 3);
    assert.deepEqual(day.current?.actions, ["arrive", "deliver", "fail"]);
    assert.deepEqual(day.stops[3]?.actions, ["do_first"]);
    assert.deepEqual(day.stops[0]?.actions, []);
    assert.equal(day.done, 2);
    assert.equal(day.left, 3);
    assert.equal(day.atDoor, null);
  });

  it("is the stop at the door, whatever comes before it; at the door it offers delivered, couldn't deliver, leave for later", () => {
    const day = planDay(route("picked_up", "arrived", "picked_up"));
    assert.equal(day.current?.stop.orderId, "o2");
    assert.equal(day.atDoor?.stop.orderId, "o2");
    assert.deepEqual(day.current?.actions, ["deliver", "fail", "leave_for_later"]);
    assert.deepEqual(day.stops[0]?.actions, ["do_first"]);
  });

  it("is the stop the driver chose to do first, until it is finished", () => {
    assert.equal(planDay(route("picked_up", "picked_up", "picked_up"), { chosenOrderId: "o3" }).current?.stop.orderId, "o3");
    assert.equal(planDay(route("picked_up", "picked_up", "delivered"), { chosenOrderId: "o3" }).current?.stop.orderId, "o1");
    // The door wins over a choice.
    assert.equal(planDay(route("arrived", "picked_up", "picked_up"), { chosenOrderId: "o3" }).current?.stop.orderId, "o1");
  });

  it("at the depot: the first stop to pick up, then the next delivery once anything is on board", () => {
    const depot = planDay(route("assigned", "assigned", "assigned"));
    assert.equal(depot.current?.stop.orderId, "o1");
    assert.deepEqual(depot.current?.actions, ["pick_up", "fail"]);
    assert.deepEqual(depot.stops[1]?.actions, ["pick_up"]);
    assert.deepEqual(ids(depot.toPickUp), ["o1", "o2", "o3"]);
    const loading = planDay(route("assigned", "picked_up", "assigned"));
    assert.equal(loading.current?.stop.orderId, "o2");
    assert.deepEqual(ids(loading.toPickUp), ["o1", "o3"]);
  });

  it("none when the day is done or empty", () => {
    assert.equal(planDay(route("delivered", "failed")).current, null);
    assert.equal(planDay([]).current, null);
  });
});

describe("planDay: taps waiting on the phone keep their stop's state", () => {
  it("a queued 'arrived' shows the stop at the door, waiting to send, with the door's actions (not Arrived again)", () => {
    const day = planDay(route("picked_up", "picked_up"), { pending: [{ orderId: "o1", status: "arrived" }] });
    assert.equal(day.stops[0]?.status, "arrived");
    assert.equal(day.stops[0]?.isWaitingToSend, true);
    assert.equal(day.stops[1]?.isWaitingToSend, false);
    assert.ok(!day.stops[0]?.actions.includes("arrive"));
    assert.equal(day.atDoor?.stop.orderId, "o1");
  });

  it("taps apply in order; one the server has overtaken is ignored", () => {
    assert.equal(applyPendingTaps("picked_up", ["arrived", "picked_up", "arrived", "delivered"]), "delivered");
    assert.equal(applyPendingTaps("delivered", ["arrived"]), "delivered", "finished elsewhere: the old tap does not reopen it");
    assert.equal(applyPendingTaps("arrived", ["arrived"]), "arrived");
    assert.equal(applyPendingTaps("assigned", ["picked_up", "arrived"]), "arrived");
  });
});

describe("planTap", () => {
  it("arriving while another stop is at the door asks first, then leaves that one for later and arrives — never two at the door", () => {
    const day = planDay(route("arrived", "picked_up", "picked_up"));
    const plan = planTap(day, "o3", "arrive");
    assert.equal(plan.kind, "confirm_leave_door");
    assert.ok(plan.kind === "confirm_leave_door");
    assert.equal(plan.atDoor.stop.orderId, "o1");
    assert.equal(plan.target.number, 3);
    assert.deepEqual(plan.taps, [
      { orderId: "o1", status: "picked_up" },
      { orderId: "o3", status: "arrived" },
    ]);
    const after = planDay(route("arrived", "picked_up", "picked_up"), { pending: plan.taps, chosenOrderId: plan.choose });
    assert.deepEqual(
      after.stops.filter((entry) => entry.status === "arrived").map((entry) => entry.stop.orderId),
      ["o3"],
    );
  });

  it("'do this stop first' makes it current; at a door it asks, and leaves that stop for later", () => {
    const free = planTap(planDay(route("picked_up", "picked_up")), "o2", "do_first");
    assert.deepEqual(free, { kind: "send", taps: [], choose: "o2" });
    const busy = planTap(planDay(route("arrived", "picked_up")), "o2", "do_first");
    assert.equal(busy.kind, "confirm_leave_door");
    assert.ok(busy.kind === "confirm_leave_door");
    assert.deepEqual(busy.taps, [{ orderId: "o1", status: "picked_up" }]);
    assert.equal(planDay(route("arrived", "picked_up"), { pending: busy.taps, chosenOrderId: busy.choose }).current?.stop.orderId, "o2");
  });

  it("'leave for later — drive on' sends picked_up and makes the next stop on board current", () => {
    const day = planDay(route("picked_up", "arrived", "delivered", "picked_up"));
    const plan = planTap(day, "o2", "leave_for_later");
    assert.deepEqual(plan, { kind: "send", taps: [{ orderId: "o2", status: "picked_up" }], choose: "o4" });
    assert.equal(planDay(route("picked_up", "arrived", "delivered", "picked_up"), { pending: plan.kind === "send" ? plan.taps : [], chosenOrderId: "o4" }).current?.stop.orderId, "o4");
    // The last stop on board: nothing else to go to, no choice.
    assert.deepEqual(planTap(planDay(route("delivered", "arrived")), "o2", "leave_for_later"), { kind: "send", taps: [{ orderId: "o2", status: "picked_up" }], choose: null });
  });

  it("delivered, couldn't deliver and picked up send their status; what the status does not allow is refused", () => {
    const day = planDay(route("arrived", "assigned", "delivered"));
    assert.deepEqual(planTap(day, "o1", "deliver"), { kind: "send", taps: [{ orderId: "o1", status: "delivered" }] });
    assert.deepEqual(planTap(day, "o1", "fail"), { kind: "send", taps: [{ orderId: "o1", status: "failed" }] });
    assert.deepEqual(planTap(day, "o2", "pick_up"), { kind: "send", taps: [{ orderId: "o2", status: "picked_up" }] });
    assert.deepEqual(planTap(day, "o2", "arrive"), { kind: "not_allowed" });
    assert.deepEqual(planTap(day, "o3", "deliver"), { kind: "not_allowed" });
    assert.deepEqual(planTap(day, "nope", "deliver"), { kind: "not_allowed" });
    assert.deepEqual(planTap(day, "o2", "leave_for_later"), { kind: "not_allowed" });
  });
});

describe("checkCanArrive (the server's rule)", () => {
  it("refuses a second stop at the door, naming it by number and address", () => {
    const check = checkCanArrive("o3", { orderId: "o1", number: 4, address: "Calle Mayor 1" });
    assert.equal(check.ok, false);
    assert.ok(!check.ok);
    assert.equal(check.code, "stop_at_door");
    assert.match(check.reason, /still at the door of stop 4 \(Calle Mayor 1\)/);
    assert.deepEqual(checkCanArrive("o1", { orderId: "o1", number: 4, address: "Calle Mayor 1" }), { ok: true }, "the same door again is a repeat");
    assert.deepEqual(checkCanArrive("o1", null), { ok: true });
  });
});

describe("every action has words in both languages", () => {
  it("a label and a line that says what it does", () => {
    for (const messages of [driverEn, driverEs]) {
      for (const action of STOP_ACTIONS) {
        assert.ok(messages.actions[action].label.trim(), `${action} label`);
        assert.ok(messages.actions[action].hint.trim(), `${action} hint`);
      }
    }
    assert.notEqual(driverEn.actions.leave_for_later.label, driverEs.actions.leave_for_later.label);
    assert.match(driverEn.actions.leave_for_later.label, /later/i);
  });
});
