import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { OrderStatus } from "../../../lib/domain/order-status";
import type { TLocationEvent, TRouteEvent, TTrackedOrder } from "../../../lib/schemas/events";
import { createDriverEtaState, observeDwell } from "../../../lib/domain/eta";
import { createGpsFilterState } from "../../../lib/domain/gps-filter";
import { FleetPriorPool } from "./fleet-prior-pool";
import { FleetState } from "./fleet-state";

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
const DRIVER = "driver-1";

function fix(lat: number, lng: number, at: number, seq: number): TLocationEvent {
  return { driverId: DRIVER, lat, lng, at, seq, accuracy: 5, speed: null, heading: null, receivedAt: at, source: "driver-app" };
}

function stop(index: number, status: OrderStatus): TTrackedOrder {
  return { orderId: `order-${index}`, status, statusAt: NOW, lat: 40.41 + index * 0.0045, lng: -3.7, address: `Calle ${index}` };
}

function route(driverId: string, stops: TTrackedOrder[], left: TRouteEvent["left"] = []): TRouteEvent {
  return { type: "route.changed", driverId, at: NOW, stops, left };
}

/** A driver with `count` picked-up orders 500 m apart, heading north. */
function fleetWithRoute(count: number, visibleStops = 3): { fleet: FleetState; stops: TTrackedOrder[]; orderIds: string[] } {
  const fleet = new FleetState({ maxStops: visibleStops, maxMinutes: null });
  const stops = Array.from({ length: count }, (_, index) => stop(index, "picked_up"));
  fleet.applyRoute(route(DRIVER, stops));
  return { fleet, stops, orderIds: stops.map((s) => s.orderId) };
}

describe("FleetState views", () => {
  it("counts unfinished stops before each order; a delivered stop leaves the route and memory", () => {
    const { fleet, stops, orderIds } = fleetWithRoute(4);
    assert.deepEqual(
      orderIds.map((id) => fleet.viewOf(id, NOW)?.stopsAway),
      [0, 1, 2, 3],
    );
    const change = fleet.applyRoute(route(DRIVER, stops.slice(1), [{ ...stops[0]!, status: "delivered", toDriverId: null }]));
    assert.deepEqual(
      change.finished.map((s) => s.orderId),
      ["order-0"],
    );
    assert.deepEqual(change.evicted, ["order-0"]);
    assert.equal(fleet.viewOf("order-0", NOW), null, "finished orders leave memory");
    assert.deepEqual(
      orderIds.slice(1).map((id) => fleet.viewOf(id, NOW)?.stopsAway),
      [0, 1, 2],
    );
    assert.equal(fleet.sizes().orders, 3);
  });

  it("a stop taken off every route while on board (a new day agreed) gets its off-route view with the snapshot; a move to another driver does not", () => {
    const { fleet, stops } = fleetWithRoute(3);
    const change = fleet.applyRoute(route(DRIVER, [stops[0]!, stops[2]!], [{ ...stops[1]!, toDriverId: null }]));
    assert.deepEqual(
      change.finished.map((s) => s.orderId),
      ["order-1"],
      "published without stops or ETA at this stream position",
    );
    assert.deepEqual(change.evicted, ["order-1"]);
    assert.equal(fleet.viewOf("order-2", NOW)?.stopsAway, 1, "the customer behind it moved up");
    const moved = fleet.applyRoute(route(DRIVER, [stops[0]!], [{ ...stops[2]!, toDriverId: "driver-2" }]));
    assert.deepEqual(moved.finished, [], "the other driver's snapshot tells its new view");
  });

  it("shows the driver only within the visible stops, and never before pick-up", () => {
    const { fleet } = fleetWithRoute(6);
    fleet.applyLocation(fix(40.405, -3.7, NOW - 1000, 1));
    assert.equal(fleet.viewOf("order-5", NOW)?.driver, null, "5 stops away: hidden");
    assert.deepEqual(fleet.viewOf("order-3", NOW)?.driver, { lat: 40.405, lng: -3.7, at: new Date(NOW - 1000).toISOString(), heading: null });
  });

  it("hides the driver before pickup even when the order is next", () => {
    const fleet = new FleetState({ maxStops: 3, maxMinutes: null });
    fleet.applyRoute(route(DRIVER, [stop(0, "assigned")]));
    fleet.applyLocation(fix(40.405, -3.7, NOW - 1000, 1));
    const view = fleet.viewOf("order-0", NOW);
    assert.equal(view?.stopsAway, null);
    assert.equal(view?.driver, null);
    assert.equal(view?.eta, null);
  });

  it("gives an ETA once the driver has a position, later for stops further down the route", () => {
    const { fleet } = fleetWithRoute(3);
    assert.equal(fleet.viewOf("order-0", NOW)?.eta, null);
    fleet.applyLocation(fix(40.405, -3.7, NOW - 1000, 1));
    const first = Date.parse(fleet.viewOf("order-0", NOW)?.eta?.at ?? "");
    const last = Date.parse(fleet.viewOf("order-2", NOW)?.eta?.at ?? "");
    assert.ok(first >= NOW && last > first, `${first} then ${last}`);
  });

  it("moves an order between drivers' routes", () => {
    const { fleet, stops } = fleetWithRoute(3);
    fleet.applyRoute(route(DRIVER, stops.slice(1), [{ ...stops[0]!, toDriverId: "driver-2" }]));
    fleet.applyRoute(route("driver-2", [stops[0]!]));
    assert.deepEqual(fleet.routeOf(DRIVER), ["order-1", "order-2"]);
    assert.equal(fleet.viewOf("order-1", NOW)?.stopsAway, 0);
    assert.equal(fleet.viewOf("order-0", NOW)?.stopsAway, 0);
  });

  it("ignores a fix the GPS filter rejects", () => {
    const { fleet } = fleetWithRoute(1);
    assert.ok(fleet.applyLocation(fix(40.405, -3.7, NOW - 2000, 1)).acceptedFix);
    // 50 km in one second is not a driver.
    const jump = fleet.applyLocation(fix(40.9, -3.7, NOW - 1000, 2));
    assert.equal(jump.acceptedFix, null);
    assert.deepEqual(jump.affected, []);
    assert.equal(fleet.viewOf("order-0", NOW)?.driver?.lat, 40.405);
  });

  it("tells progress once: out for delivery after the first fix since pick-up, then each stops-away change", () => {
    const { fleet, stops } = fleetWithRoute(3);
    assert.deepEqual(fleet.progressSteps(["order-1"]), []);
    fleet.applyLocation(fix(40.405, -3.7, NOW + 1000, 1));
    assert.deepEqual(fleet.progressSteps(["order-1"]), [{ orderId: "order-1", step: { stage: "out_for_delivery", stopsAway: 1 } }]);
    assert.deepEqual(fleet.progressSteps(["order-1"]), []);
    fleet.applyRoute(route(DRIVER, stops.slice(1), [{ ...stops[0]!, status: "delivered", toDriverId: null }]));
    assert.deepEqual(fleet.progressSteps(["order-1"]), [{ orderId: "order-1", step: { stage: "stops_away", stopsAway: 0 } }]);
  });

  it("round-trips through a checkpoint snapshot: the restored state gives the same views and goes on alike", () => {
    const { fleet } = fleetWithRoute(4);
    fleet.applyLocation(fix(40.405, -3.7, NOW + 1000, 1));
    fleet.progressSteps(["order-0", "order-1"]);
    const restored = FleetState.restore({ maxStops: 3, maxMinutes: null }, JSON.parse(JSON.stringify(fleet.snapshot())) as ReturnType<FleetState["snapshot"]>);
    for (const next of [fix(40.406, -3.7, NOW + 11_000, 2), fix(40.407, -3.7, NOW + 21_000, 3)]) {
      fleet.applyLocation(next);
      restored.applyLocation(next);
    }
    for (const id of ["order-0", "order-3"]) assert.deepEqual(restored.viewOf(id, NOW + 30_000), fleet.viewOf(id, NOW + 30_000));
    assert.equal(restored.driverOf(DRIVER)?.fixesApplied, 3);
  });
});

describe("FleetState fleet prior", () => {
  it("starts a driver with nothing learned from what the partition's other drivers have (their 1-min dwells, not the 4-min default)", () => {
    const { fleet } = fleetWithRoute(3);
    fleet.applyLocation(fix(40.405, -3.7, NOW - 1000, 1));
    const alone = fleet.viewOf("order-2", NOW)?.eta;
    const snapshot = fleet.snapshot();
    for (const id of ["driver-a", "driver-b", "driver-c"]) {
      const eta = createDriverEtaState();
      for (let i = 0; i < 10; i++) observeDwell(eta, 60_000);
      snapshot.drivers.push({ id, stops: [], position: null, gps: createGpsFilterState(), eta, fixesApplied: 0 });
    }
    const withFleet = FleetState.restore({ maxStops: 3, maxMinutes: null }, snapshot).viewOf("order-2", NOW)?.eta;
    assert.ok(alone && withFleet);
    assert.ok(Date.parse(withFleet.at) < Date.parse(alone.at), `${withFleet.at} before ${alone.at}`);
  });
});

describe("FleetPriorPool: one fleet prior across the partitions a process owns", () => {
  /** A partition holding one driver who has learned 1-min dwells. */
  const learnedPartition = (id: string): FleetState => {
    const snapshot = new FleetState({ maxStops: 3, maxMinutes: null }).snapshot();
    const eta = createDriverEtaState();
    for (let i = 0; i < 10; i++) observeDwell(eta, 60_000);
    snapshot.drivers.push({ id, stops: [], position: null, gps: createGpsFilterState(), eta, fixesApplied: 0 });
    return FleetState.restore({ maxStops: 3, maxMinutes: null }, snapshot);
  };

  it("starts a new driver from the fleet's dwells although no other driver shares its partition; leaving takes a partition's drivers out", () => {
    const { fleet } = fleetWithRoute(3);
    fleet.applyLocation(fix(40.405, -3.7, NOW - 1000, 1));
    const alone = fleet.viewOf("order-2", NOW)?.eta;
    const pool = new FleetPriorPool();
    pool.join(0, () => fleet.driverEtaStates());
    const others = ["driver-a", "driver-b", "driver-c"].map(learnedPartition);
    others.forEach((other, index) => pool.join(index + 1, () => other.driverEtaStates()));
    fleet.useFleetPrior((now) => pool.priorAt(now));
    const pooled = fleet.viewOf("order-2", NOW + 1000)?.eta;
    assert.ok(alone && pooled);
    assert.ok(Date.parse(pooled.at) < Date.parse(alone.at), `${pooled.at} before ${alone.at}`);
    assert.ok(pool.priorAt(NOW).dwell, "3 drivers in 3 partitions: a fleet dwell");

    pool.leave(3);
    assert.equal(pool.priorAt(NOW).dwell, null, "2 drivers left: too few for a fleet figure");
    fleet.useFleetPrior(null);
    assert.deepEqual(fleet.viewOf("order-2", NOW + 2000)?.eta, alone, "its own partition's prior again");
  });

  it("is derived at most once a minute of now, either way", () => {
    const pool = new FleetPriorPool();
    const states = [learnedPartition("a"), learnedPartition("b")];
    states.forEach((state, index) => pool.join(index, () => state.driverEtaStates()));
    const third = learnedPartition("c");
    const before = pool.priorAt(NOW);
    assert.equal(before.dwell, null);
    let reads = 0;
    pool.join(2, () => (reads++, third.driverEtaStates()));
    assert.ok(pool.priorAt(NOW).dwell, "a partition joining derives it again");
    assert.equal(reads, 1);
    pool.priorAt(NOW + 59_000);
    pool.priorAt(NOW - 30_000);
    assert.equal(reads, 1, "within the minute: cached");
    pool.priorAt(NOW + 60_000);
    assert.equal(reads, 2);
  });
});
