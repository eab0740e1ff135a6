import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { customerStage } from "./customer-stage";
import { describeEta, isViewFresh, promisedByMs } from "./eta-display";

const NOW = Date.UTC(2026, 10, 30, 10, 10);
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const window = (at: number) => ({ at: iso(at), earliest: iso(at - 2 * MIN), latest: iso(at + 3 * MIN) });

describe("describeEta", () => {
  it("near the end counts down whole minutes from the last estimate, re-anchored by each new one", () => {
    const eta = window(NOW + 8 * MIN);
    const at = (nowMs: number) => describeEta({ status: "picked_up", eta, updatedAt: iso(NOW), nowMs });
    assert.deepEqual(at(NOW), { kind: "countdown", minutes: 8, earliest: iso(NOW + 6 * MIN), latest: iso(NOW + 11 * MIN), isRunningLate: false });
    const threeLater = at(NOW + 3 * MIN);
    assert.equal(threeLater.kind === "countdown" && threeLater.minutes, 5);
    // A new view with a later estimate starts the count again from it.
    const later = describeEta({ status: "picked_up", eta: window(NOW + 9 * MIN), updatedAt: iso(NOW + 3 * MIN), nowMs: NOW + 3 * MIN });
    assert.equal(later.kind === "countdown" && later.minutes, 6);
  });
  it("never counts below 1 min before the estimate, then says any minute now", () => {
    const eta = window(NOW + 8 * MIN);
    for (const nowMs of [NOW + 7 * MIN + 50_000, NOW + 8 * MIN]) {
      const shown = describeEta({ status: "picked_up", eta, updatedAt: iso(NOW + 7 * MIN), nowMs });
      assert.equal(shown.kind === "countdown" && shown.minutes, 1);
    }
    assert.equal(describeEta({ status: "picked_up", eta, updatedAt: iso(NOW + 7 * MIN), nowMs: NOW + 8 * MIN + 1 }).kind, "any_minute");
  });
  it("does not count down further out, nor on old data, nor once the driver is at the door", () => {
    assert.equal(describeEta({ status: "picked_up", eta: window(NOW + 25 * MIN), updatedAt: iso(NOW), nowMs: NOW }).kind, "window");
    assert.equal(describeEta({ status: "picked_up", eta: window(NOW + 5 * MIN), updatedAt: iso(NOW - 6 * MIN), nowMs: NOW }).kind, "stale");
    assert.equal(describeEta({ status: "arrived", eta: window(NOW + 5 * MIN), updatedAt: iso(NOW), nowMs: NOW }).kind, "here");
  });
  it("running late: an estimate after the promise shows the new window, counted down near the end", () => {
    const promisedBy = NOW + 20 * MIN;
    assert.deepEqual(describeEta({ status: "picked_up", eta: window(NOW + 30 * MIN), updatedAt: iso(NOW), nowMs: NOW, promisedBy }), {
      kind: "running_late",
      at: iso(NOW + 30 * MIN),
      earliest: iso(NOW + 28 * MIN),
      latest: iso(NOW + 33 * MIN),
    });
    assert.equal(describeEta({ status: "picked_up", eta: window(NOW + 20 * MIN), updatedAt: iso(NOW), nowMs: NOW, promisedBy }).kind, "window");
    const near = describeEta({ status: "picked_up", eta: window(NOW + 5 * MIN), updatedAt: iso(NOW), nowMs: NOW, promisedBy: NOW + 2 * MIN });
    assert.equal(near.kind === "countdown" && near.isRunningLate, true);
    // Passed or old estimates keep their honest states whatever the promise.
    assert.equal(describeEta({ status: "picked_up", eta: window(NOW - 10 * MIN), updatedAt: iso(NOW), nowMs: NOW, promisedBy }).kind, "late");
    assert.equal(describeEta({ status: "picked_up", eta: window(NOW + 30 * MIN), updatedAt: iso(NOW - 9 * MIN), nowMs: NOW, promisedBy }).kind, "stale");
  });
  it("the promise is the earlier of the due time and the first window's end", () => {
    assert.equal(promisedByMs({ dueAt: iso(NOW), firstLatest: iso(NOW + MIN) }), NOW);
    assert.equal(promisedByMs({ dueAt: null, firstLatest: iso(NOW + MIN) }), NOW + MIN);
    assert.equal(promisedByMs({ dueAt: iso(NOW), firstLatest: null }), NOW);
    assert.equal(promisedByMs({ dueAt: null, firstLatest: null }), null);
  });
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
    const shown = describeEta({ status: "picked_up", eta: { at: iso(NOW + 15 * MIN), earliest: iso(NOW - MIN), latest: iso(NOW + 20 * MIN) }, updatedAt: iso(NOW), nowMs: NOW });
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
