import assert from "node:assert/strict";
import { test } from "node:test";
import { FAILURE_REASON_WORDS, failureOf } from "./outcome-words";

test("a failure's reason sent as English or Spanish words is read as its code, so each page says it in its own language", () => {
  assert.deepEqual(failureOf(null, "Customer not at home"), { reason: "customer_absent", note: null });
  assert.deepEqual(failureOf(null, "customer not at home."), { reason: "customer_absent", note: null });
  assert.deepEqual(failureOf(null, "No se encontró la dirección"), { reason: "address_not_found", note: null });
  assert.equal(FAILURE_REASON_WORDS.es[failureOf(null, "Customer not at home").reason!], "El cliente no estaba en casa");
});

test("a note repeating the code's words is dropped; the driver's own words stay", () => {
  assert.deepEqual(failureOf("customer_absent", "Customer not at home"), { reason: "customer_absent", note: null });
  assert.deepEqual(failureOf("customer_absent", "Nobody answered the door"), { reason: "customer_absent", note: "Nobody answered the door" });
  assert.deepEqual(failureOf(null, "Nobody answered the door"), { reason: null, note: "Nobody answered the door" });
  assert.deepEqual(failureOf("refused", "Customer not at home"), { reason: "refused", note: "Customer not at home" });
  assert.deepEqual(failureOf(null, null), { reason: null, note: null });
});
