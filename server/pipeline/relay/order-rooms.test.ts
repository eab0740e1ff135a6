import assert from "node:assert/strict";
import { test } from "node:test";
import { subjects } from "../../platform/backbone/subjects";
import { orderIdOfSubject, roomOf } from "./order-rooms";

test("the order id comes from orders.<id>.<kind> subjects only", () => {
  assert.equal(orderIdOfSubject(subjects.orderView("ord_1")), "ord_1");
  assert.equal(orderIdOfSubject(subjects.orderEvents("9f1c-uuid")), "9f1c-uuid");
  for (const subject of ["orders..view", "orders.view", "orders.a.b.view", "drivers.3.d1.location", "ordersx.a.view", ""]) {
    assert.equal(orderIdOfSubject(subject), null, subject);
  }
  assert.equal(roomOf("ord_1"), "order:ord_1");
});
