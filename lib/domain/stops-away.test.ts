import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { computeStopsAway, computeStopsAwayForRoute, type RouteStopState } from "./stops-away";

const route: RouteStopState[] = [
  { orderId: "a", status: "delivered" },
  { orderId: "b", status: "failed" },
  { orderId: "c", status: "arrived" },
  { orderId: "d", status: "cancelled" },
  { orderId: "e", status: "picked_up" },
  { orderId: "f", status: "assigned" },
  { orderId: "g", status: "picked_up" },
];

describe("computeStopsAway", () => {
  it("counts only unfinished stops before the order", () => {
    assert.equal(computeStopsAway(route, "c"), 0);
    assert.equal(computeStopsAway(route, "e"), 1);
    // f is not picked up yet but is still a stop the driver makes first.
    assert.equal(computeStopsAway(route, "g"), 3);
  });

  it("is null for an order that is finished, not picked up, or not on the route", () => {
    assert.equal(computeStopsAway(route, "a"), null);
    assert.equal(computeStopsAway(route, "d"), null);
    assert.equal(computeStopsAway(route, "f"), null);
    assert.equal(computeStopsAway(route, "zzz"), null);
    assert.equal(computeStopsAway([], "a"), null);
  });

  it("says 0 for the first stop", () => {
    assert.equal(computeStopsAway([{ orderId: "x", status: "picked_up" }], "x"), 0);
  });
});

describe("computeStopsAwayForRoute", () => {
  it("agrees with computeStopsAway for every order", () => {
    const all = computeStopsAwayForRoute(route);
    assert.equal(all.size, route.length);
    for (const { orderId } of route) assert.equal(all.get(orderId), computeStopsAway(route, orderId), orderId);
  });

  it("uses the first visit when an id repeats", () => {
    const repeated: RouteStopState[] = [
      { orderId: "x", status: "picked_up" },
      { orderId: "y", status: "picked_up" },
      { orderId: "x", status: "picked_up" },
    ];
    assert.equal(computeStopsAwayForRoute(repeated).get("x"), 0);
    assert.equal(computeStopsAway(repeated, "x"), 0);
  });
});
