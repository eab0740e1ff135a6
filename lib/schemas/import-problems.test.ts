import assert from "node:assert/strict";
import { test } from "node:test";
import { importProblemsOf, ZImportRow } from "./admin";

function problemsOf(record: Record<string, string>) {
  const parsed = ZImportRow.safeParse(record);
  assert.equal(parsed.success, false);
  return parsed.success ? [] : importProblemsOf(parsed.error.issues);
}

const good = { customerName: "Ana", address: "Calle 1", lat: "40.41", lng: "-3.7" };

test("a CSV row's validator issues become one code per field, never the validator's text", () => {
  assert.deepEqual(problemsOf({ ...good, lat: "abc" }), [{ field: "lat", code: "not_a_number" }]);
  assert.deepEqual(problemsOf({ ...good, lat: "" }), [{ field: "lat", code: "missing" }]);
  assert.deepEqual(problemsOf({ ...good, lng: "200" }), [{ field: "lng", code: "out_of_range" }]);
  assert.deepEqual(problemsOf({ ...good, customerName: " " }), [{ field: "customerName", code: "missing" }]);
  assert.deepEqual(problemsOf({ ...good, address: "x".repeat(501) }), [{ field: "address", code: "too_long" }]);
  assert.deepEqual(problemsOf({ ...good, dueAt: "tomorrow" }), [{ field: "dueAt", code: "invalid_date" }]);
  assert.deepEqual(problemsOf({ ...good, customerName: "", lat: "north" }), [
    { field: "customerName", code: "missing" },
    { field: "lat", code: "not_a_number" },
  ]);
});

test("the sender and contact columns have codes and words of their own", async () => {
  assert.deepEqual(problemsOf({ ...good, customerPhone: "600 11 22" }), [{ field: "customerPhone", code: "not_a_phone" }]);
  assert.deepEqual(problemsOf({ ...good, senderEmail: "shop at example" }), [{ field: "senderEmail", code: "not_an_email" }]);
  assert.deepEqual(problemsOf({ ...good, orderNumber: "9".repeat(101) }), [{ field: "orderNumber", code: "too_long" }]);
  const { describeImportLine } = await import("../i18n/admin-messages");
  const problems = problemsOf({ ...good, customerPhone: "600 11 22" });
  assert.equal(describeImportLine("en", 4, problems), "Line 4: the customer's phone must be a phone number with its country code, like +34 600 112 233");
  assert.equal(describeImportLine("es", 4, problems), "Línea 4: el teléfono del cliente debe ser un teléfono con su prefijo de país, como +34 600 112 233");
});
