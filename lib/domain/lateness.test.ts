import assert from "node:assert/strict";
import { test } from "node:test";
import { isOrderLate, lateReason } from "./lateness";

test("an unfinished order past its due time is late; finished or without a due time it is not", () => {
  assert.equal(isOrderLate({ status: "picked_up", dueAt: 1000 }, 1001), true);
  assert.equal(isOrderLate({ status: "picked_up", dueAt: 1000 }, 1000), false);
  assert.equal(isOrderLate({ status: "delivered", dueAt: 1000 }, 5000), false);
  assert.equal(isOrderLate({ status: "created", dueAt: null }, 5000), false);
});

test("late reasons: overdue beats the ETA; a predicted arrival after the due time warns early", () => {
  const due = 10_000;
  assert.equal(lateReason({ status: "picked_up", dueAt: due, etaAt: null }, due + 1), "overdue");
  assert.equal(lateReason({ status: "picked_up", dueAt: due, etaAt: due - 5000 }, due + 1), "overdue");
  assert.equal(lateReason({ status: "picked_up", dueAt: due, etaAt: due + 1 }, due - 5000), "eta_after_due");
  assert.equal(lateReason({ status: "picked_up", dueAt: due, etaAt: due }, due - 5000), null);
  assert.equal(lateReason({ status: "assigned", dueAt: due, etaAt: null }, due), null);
});

test("finished orders and orders without a promised time are never late", () => {
  for (const status of ["delivered", "failed", "cancelled"] as const) assert.equal(lateReason({ status, dueAt: 1, etaAt: 99 }, 50), null);
  assert.equal(lateReason({ status: "picked_up", dueAt: null, etaAt: 99 }, 50), null);
});
