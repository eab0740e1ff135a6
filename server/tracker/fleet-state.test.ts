import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TLocationEvent } from "../../lib/schemas/events";
import { FleetState } from "./fleet-state";

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
const DRIVER = "driver-1";

function fix(lat: number, lng: number, at: number, seq: number): TLocationEvent {
  return { driverId: DRIVER, lat, lng, at, seq, accuracy: 5, speed: null, heading: null, receivedAt: at, source: "driver-app" };
}

/** A driver with `count` picked-up orders 500 m apart, heading north. */
function fleetWithRoute(count: number, visibleStops = 3): { fleet: FleetState; orderIds: string[] } {
  const fleet = new FleetState(visibleStops);
  const orderIds = Array.from({ length: count }, (_, index) => `order-${index}`);
  orderIds.forEach((orderId, index) => {
    fleet.applyOrderEvent({ type: "order.created", orderId, at: NOW, lat: 40.41 + index * 0.0045, lng: -3.7, address: `Calle ${index}`, status: "created" });
  });
  for (const orderId of orderIds) fleet.applyOrderEvent({ type: "order.route_changed", orderId, at: NOW, driverId: DRIVER, route: orderIds });
  for (const orderId of orderIds) {
    fleet.applyOrderEvent({ type: "order.status_changed", orderId, at: NOW, from: "assigned", to: "picked_up", note: null, by: "driver" });
  }
  return { fleet, orderIds };
}

describe("FleetState views", () => {
  it("counts unfinished stops before each order", () => {
    const { fleet, orderIds } = fleetWithRoute(4);
    assert.deepEqual(orderIds.map((id) => fleet.viewOf(id, NOW)?.stopsAway), [0, 1, 2, 3]);
    fleet.applyOrderEvent({ type: "order.status_changed", orderId: "order-0", at: NOW, from: "picked_up", to: "delivered", note: null, by: "driver" });
    assert.deepEqual(orderIds.map((id) => fleet.viewOf(id, NOW)?.stopsAway), [null, 0, 1, 2]);
  });

  it("shows the driver only within the visible stops, and never after delivery", () => {
    const { fleet } = fleetWithRoute(6);
    fleet.applyLocations(DRIVER, [fix(40.405, -3.7, NOW - 1000, 1)], NOW);
    assert.equal(fleet.viewOf("order-5", NOW)?.driver, null, "5 stops away: hidden");
    assert.deepEqual(fleet.viewOf("order-3", NOW)?.driver, { lat: 40.405, lng: -3.7, at: new Date(NOW - 1000).toISOString(), heading: null });
    fleet.applyOrderEvent({ type: "order.status_changed", orderId: "order-0", at: NOW, from: "picked_up", to: "delivered", note: null, by: "driver" });
    assert.equal(fleet.viewOf("order-0", NOW)?.driver, null, "delivered: hidden");
  });

  it("hides the driver before pickup even when the order is next", () => {
    const fleet = new FleetState(3);
    fleet.applyOrderEvent({ type: "order.created", orderId: "a", at: NOW, lat: 40.41, lng: -3.7, address: "x", status: "created" });
    fleet.applyOrderEvent({ type: "order.route_changed", orderId: "a", at: NOW, driverId: DRIVER, route: ["a"] });
    fleet.applyLocations(DRIVER, [fix(40.405, -3.7, NOW - 1000, 1)], NOW);
    const view = fleet.viewOf("a", NOW);
    assert.equal(view?.stopsAway, null);
    assert.equal(view?.driver, null);
    assert.equal(view?.eta, null);
  });

  it("gives an ETA once the driver has a position, later for stops further down the route", () => {
    const { fleet } = fleetWithRoute(3);
    assert.equal(fleet.viewOf("order-0", NOW)?.eta, null);
    fleet.applyLocations(DRIVER, [fix(40.405, -3.7, NOW - 1000, 1)], NOW);
    const first = Date.parse(fleet.viewOf("order-0", NOW)?.eta?.at ?? "");
    const last = Date.parse(fleet.viewOf("order-2", NOW)?.eta?.at ?? "");
    assert.ok(first >= NOW && last > first, `${first} then ${last}`);
  });

  it("moves an order between drivers' routes", () => {
    const { fleet } = fleetWithRoute(3);
    fleet.applyOrderEvent({ type: "order.route_changed", orderId: "order-0", at: NOW, driverId: "driver-2", route: ["order-0"] });
    assert.deepEqual(fleet.routeOf(DRIVER), ["order-1", "order-2"]);
    assert.equal(fleet.viewOf("order-1", NOW)?.stopsAway, 0);
    assert.equal(fleet.viewOf("order-0", NOW)?.stopsAway, 0);
  });

  it("ignores a fix the GPS filter rejects", () => {
    const { fleet } = fleetWithRoute(1);
    const accepted = fleet.applyLocations(DRIVER, [fix(40.405, -3.7, NOW - 2000, 1)], NOW);
    assert.equal(accepted.acceptedFixes.length, 1);
    // 50 km in one second is not a driver.
    const jump = fleet.applyLocations(DRIVER, [fix(40.9, -3.7, NOW - 1000, 2)], NOW);
    assert.deepEqual(jump, { acceptedFixes: [], affected: [] });
    assert.equal(fleet.viewOf("order-0", NOW)?.driver?.lat, 40.405);
  });
});
