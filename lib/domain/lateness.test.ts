import assert from "node:assert/strict";
import { test } from "node:test";
import { isOrderLate } from "./lateness";

test("an unfinished order past its due time is late; finished or without a due time it is not", () => {
  assert.equal(isOrderLate({ status: "picked_up", dueAt: 1000 }, 1001), true);
  assert.equal(isOrderLate({ status: "picked_up", dueAt: 1000 }, 1000), false);
  assert.equal(isOrderLate({ status: "delivered", dueAt: 1000 }, 5000), false);
  assert.equal(isOrderLate({ status: "created", dueAt: null }, 5000), false);
});
