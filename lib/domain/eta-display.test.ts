import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { customerStage } from "./customer-stage";
import { describeEta, isViewFresh } from "./eta-display";

const NOW = Date.UTC(2026, 10, 30, 10, 10);
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const window = (at: number) => ({ at: iso(at), earliest: iso(at - 2 * MIN), latest: iso(at + 3 * MIN) });

describe("describeEta", () => {
  it("shows a fresh window in the future", () => {
    const shown = describeEta({ status: "picked_up", eta: window(NOW + 10 * MIN), updatedAt: iso(NOW - 5_000), nowMs: NOW });
    assert.equal(shown.kind, "window");
  });
  it("never shows a past estimate as the future: the issue's 9:55 at 10:10", () => {
    const shown = describeEta({ status: "picked_up", eta: window(NOW - 15 * MIN), updatedAt: iso(NOW - 16 * MIN), nowMs: NOW });
    assert.deepEqual(shown, { kind: "late", isWaitingForPosition: true, minutesOld: 16 });
  });
  it("an old estimate still ahead is labelled old", () => {
    const shown = describeEta({ status: "picked_up", eta: window(NOW + 20 * MIN), updatedAt: iso(NOW - 8 * MIN), nowMs: NOW });
    assert.equal(shown.kind, "stale");
  });
  it("past the best estimate but inside the window: any minute now", () => {
    const shown = describeEta({ status: "picked_up", eta: window(NOW - MIN), updatedAt: iso(NOW - MIN), nowMs: NOW });
    assert.equal(shown.kind, "any_minute");
  });
  it("clamps the window's start to now", () => {
    const shown = describeEta({ status: "picked_up", eta: { at: iso(NOW + MIN), earliest: iso(NOW - MIN), latest: iso(NOW + 4 * MIN) }, updatedAt: iso(NOW), nowMs: NOW });
    assert.equal(shown.kind === "window" && shown.earliest, iso(NOW));
  });
  it("says what it waits for without an estimate", () => {
    assert.equal(describeEta({ status: "picked_up", eta: null, updatedAt: iso(NOW), nowMs: NOW }).kind, "waiting_for_position");
    assert.equal(describeEta({ status: "assigned", eta: null, updatedAt: iso(NOW), nowMs: NOW }).kind, "not_yet");
    assert.equal(describeEta({ status: "arrived", eta: null, updatedAt: iso(NOW), nowMs: NOW }).kind, "here");
    assert.equal(describeEta({ status: "delivered", eta: window(NOW), updatedAt: iso(NOW), nowMs: NOW }).kind, "none");
  });
  it("is fresh only while the carried order's view is recent", () => {
    assert.equal(isViewFresh("picked_up", iso(NOW - 10 * MIN), NOW), false);
    assert.equal(isViewFresh("picked_up", iso(NOW - MIN), NOW), true);
    assert.equal(isViewFresh("assigned", iso(NOW - 60 * MIN), NOW), true);
  });
});

describe("customerStage", () => {
  it("says picked up until the timeline says out for delivery", () => {
    assert.equal(customerStage("picked_up", [{ kind: "created" }, { kind: "assigned" }, { kind: "picked_up" }]), "picked_up");
    assert.equal(customerStage("picked_up", [{ kind: "picked_up" }, { kind: "out_for_delivery" }]), "out_for_delivery");
    assert.equal(customerStage("picked_up", [{ kind: "picked_up" }, { kind: "out_for_delivery" }, { kind: "stops_away" }]), "out_for_delivery");
    assert.equal(customerStage("delivered", [{ kind: "delivered" }]), "delivered");
  });
});
