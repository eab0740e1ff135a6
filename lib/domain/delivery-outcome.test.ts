import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { askedOutcome, outcomeFromChoice } from "./delivery-outcome";

const choice = (kind: "door" | "neighbour" | "safe_place" | "reschedule", extra: Partial<{ neighbourName: string; neighbourDoor: string; note: string }> = {}) => ({
  kind,
  neighbourName: extra.neighbourName ?? null,
  neighbourDoor: extra.neighbourDoor ?? null,
  note: extra.note ?? null,
});

describe("the delivered form starts from the customer's choice", () => {
  it("a neighbour comes with their name and door; a safe place with where it is", () => {
    assert.deepEqual(outcomeFromChoice(choice("neighbour", { neighbourName: "Marta", neighbourDoor: "2B" })), { kind: "neighbour", name: "Marta", door: "2B", place: "" });
    assert.deepEqual(outcomeFromChoice(choice("safe_place", { note: "behind the blue gate" })), { kind: "safe_place", name: "", door: "", place: "behind the blue gate" });
    assert.equal(outcomeFromChoice(choice("door")).kind, "door");
  });

  it("no choice, or a reschedule: handed to the customer, and nothing marked as asked", () => {
    assert.equal(outcomeFromChoice(null).kind, "customer");
    assert.equal(outcomeFromChoice(choice("reschedule")).kind, "customer");
    assert.equal(askedOutcome(null), null);
    assert.equal(askedOutcome(choice("reschedule")), null);
    assert.equal(askedOutcome(choice("neighbour")), "neighbour");
  });
});
