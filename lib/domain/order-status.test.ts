import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { checkStatusTransition, isFinished, isOrderStatus, isPickedUp, nextStatuses, ORDER_STATUSES, type OrderStatus } from "./order-status";

const ALLOWED: ReadonlyArray<[OrderStatus, OrderStatus]> = [
  ["created", "assigned"],
  ["created", "cancelled"],
  ["assigned", "created"],
  ["assigned", "picked_up"],
  ["assigned", "failed"],
  ["assigned", "cancelled"],
  ["picked_up", "arrived"],
  ["picked_up", "delivered"],
  ["picked_up", "failed"],
  ["picked_up", "cancelled"],
  ["arrived", "picked_up"],
  ["arrived", "delivered"],
  ["arrived", "failed"],
  ["arrived", "cancelled"],
];

describe("isFinished / isPickedUp / isOrderStatus", () => {
  it("treats delivered, failed and cancelled as finished, nothing else", () => {
    assert.deepEqual(
      ORDER_STATUSES.filter((s) => isFinished(s)),
      ["delivered", "failed", "cancelled"],
    );
  });
  it("treats picked_up and arrived as picked up", () => {
    assert.deepEqual(
      ORDER_STATUSES.filter((s) => isPickedUp(s)),
      ["picked_up", "arrived"],
    );
  });
  it("recognises status strings only", () => {
    assert.equal(isOrderStatus("arrived"), true);
    assert.equal(isOrderStatus("ARRIVED"), false);
    assert.equal(isOrderStatus(3), false);
  });
});

describe("checkStatusTransition", () => {
  it("allows exactly the listed moves", () => {
    for (const from of ORDER_STATUSES) {
      for (const to of ORDER_STATUSES) {
        if (from === to) continue;
        const isListed = ALLOWED.some(([f, t]) => f === from && t === to);
        const check = checkStatusTransition(from, to);
        assert.equal(check.ok, isListed, `${from} → ${to}`);
        if (check.ok) assert.equal(check.isNoop, false);
        assert.equal(nextStatuses(from).includes(to), isListed, `nextStatuses(${from}) has ${to}`);
      }
    }
  });

  it("accepts repeating the current status as a no-op, even when finished", () => {
    for (const status of ORDER_STATUSES) {
      assert.deepEqual(checkStatusTransition(status, status), { ok: true, isNoop: true });
    }
  });

  it("explains refusals in words", () => {
    assert.deepEqual(checkStatusTransition("delivered", "failed"), {
      ok: false,
      reason: "order is already delivered",
    });
    assert.deepEqual(checkStatusTransition("cancelled", "assigned"), {
      ok: false,
      reason: "order is already cancelled",
    });
    assert.deepEqual(checkStatusTransition("created", "picked_up"), { ok: false, reason: "order has no driver yet" });
    assert.deepEqual(checkStatusTransition("assigned", "delivered"), {
      ok: false,
      reason: "order has not been picked up yet",
    });
    assert.deepEqual(checkStatusTransition("picked_up", "assigned"), {
      ok: false,
      reason: "order is picked up and cannot go back to assigned",
    });
  });

  it("leaves finished statuses nowhere to go", () => {
    for (const status of ["delivered", "failed", "cancelled"] as const) assert.deepEqual(nextStatuses(status), []);
  });
});
