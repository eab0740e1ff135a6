import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { checkReassign, explainReassignRefusal, REASSIGN_REFUSAL_CODES } from "./reassign";

describe("checkReassign", () => {
  it("lets an order that is not in a van move to another driver or back to the pool", () => {
    assert.equal(checkReassign({ status: "created", driverId: null }, "ben"), null);
    assert.equal(checkReassign({ status: "assigned", driverId: "ana" }, "ben"), null);
    assert.equal(checkReassign({ status: "assigned", driverId: "ana" }, null), null);
  });

  it("refuses to move a parcel that is in a van or at a door to another driver, or off the route", () => {
    assert.equal(checkReassign({ status: "picked_up", driverId: "ana" }, "ben"), "on_board");
    assert.equal(checkReassign({ status: "picked_up", driverId: "ana" }, null), "on_board");
    assert.equal(checkReassign({ status: "arrived", driverId: "ana" }, "ben"), "at_door");
    assert.equal(REASSIGN_REFUSAL_CODES.on_board, "order_in_progress");
  });

  it("lets a driver's own route be reordered whatever its stops' statuses", () => {
    for (const status of ["assigned", "picked_up", "arrived", "delivered", "failed"] as const) {
      assert.equal(checkReassign({ status, driverId: "ana" }, "ana"), null, status);
    }
  });

  it("refuses finished orders for another route and cancelled ones anywhere", () => {
    assert.equal(checkReassign({ status: "delivered", driverId: "ana" }, "ben"), "finished");
    assert.equal(checkReassign({ status: "failed", driverId: null }, "ben"), "finished");
    assert.equal(checkReassign({ status: "cancelled", driverId: "ana" }, "ana"), "cancelled");
  });
});

describe("explainReassignRefusal", () => {
  it("says whose van the parcel is in and what to do, as sentences", () => {
    const { title, message } = explainReassignRefusal("on_board", "picked_up", { customerName: "Lucía", holderName: "Ana", targetName: "Ben" });
    assert.equal(title, "Lucía's parcel is in Ana's van");
    assert.equal(
      message,
      "Lucía's parcel is already in Ana's van (picked up). It cannot move to Ben's route from here: Ben does not have it. Ask Ana to bring it back to the depot first, then assign it again.",
    );
  });

  it("taking a parcel off the route of the driver who has it says so", () => {
    const { message } = explainReassignRefusal("on_board", "picked_up", { customerName: "Lucía", holderName: "Ana", targetName: null });
    assert.match(message, /It cannot leave Ana's route: Ana still has it\./);
  });

  it("at the door, the driver is named first; an unknown driver reads 'the driver'", () => {
    assert.equal(explainReassignRefusal("at_door", "arrived", { customerName: "Lucía", holderName: "Ana", targetName: "Ben" }).title, "Ana is at Lucía's door");
    const unknown = explainReassignRefusal("at_door", "arrived", { customerName: "Lucía", holderName: null, targetName: "Ben" });
    assert.equal(unknown.title, "The driver is at Lucía's door");
    assert.match(unknown.message, /^The driver is at Lucía's door with this parcel now\. .* Wait until the driver delivers it or says why not\.$/);
  });

  it("finished and cancelled orders name their state in words, never an enum", () => {
    assert.equal(explainReassignRefusal("finished", "delivered", { customerName: "Lucía", holderName: "Ana", targetName: "Ben" }).title, "Lucía's order is already delivered");
    assert.equal(explainReassignRefusal("cancelled", "cancelled", { customerName: "Lucía", holderName: null, targetName: "Ben" }).message, "Lucía's order is cancelled: it cannot go on a route.");
  });
});
