import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { nextSend, type StoredEntry } from "./outbox";

const fix = (id: number): StoredEntry => ({ id, kind: "fix", fix: { lat: 1, lng: 2, at: id * 1000, seq: id } });
const status = (id: number): StoredEntry => ({ id, kind: "status", orderId: "o1", body: { status: "arrived" }, queuedAt: id });

describe("nextSend: what leaves the queue next, keeping the order things happened in", () => {
  test("an empty queue sends nothing", () => {
    assert.equal(nextSend([], 100), null);
  });

  test("fixes before a status go first, as one batch, and stop at the status", () => {
    const next = nextSend([fix(1), fix(2), status(3), fix(4)], 100);
    assert.equal(next?.kind, "fixes");
    assert.deepEqual(next?.kind === "fixes" ? next.entries.map((entry) => entry.id) : [], [1, 2]);
  });

  test("a status at the head goes alone", () => {
    const next = nextSend([status(3), fix(4)], 100);
    assert.deepEqual(next, { kind: "status", entry: status(3) });
  });

  test("batches are capped", () => {
    const next = nextSend([fix(1), fix(2), fix(3)], 2);
    assert.deepEqual(next?.kind === "fixes" ? next.entries.map((entry) => entry.id) : [], [1, 2]);
  });
});
