import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { bearingDegrees, haversineMeters, interpolate, moveToward, pathLengthMeters, type LatLng } from "./geo";

const BERLIN: LatLng = { lat: 52.52, lng: 13.405 };
const PARIS: LatLng = { lat: 48.8566, lng: 2.3522 };
const LONDON: LatLng = { lat: 51.5074, lng: -0.1278 };

function assertNear(actual: number, expected: number, tolerance: number, message?: string): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${message ?? ""} expected ${expected} ± ${tolerance}, got ${actual}`);
}

describe("haversineMeters", () => {
  it("measures one degree of latitude as ~111.2 km", () => {
    assertNear(haversineMeters({ lat: 10, lng: 5 }, { lat: 11, lng: 5 }), 111_195, 1);
  });
  it("matches the known Paris–London distance", () => {
    assertNear(haversineMeters(PARIS, LONDON), 343_560, 500);
  });
  it("is symmetric and zero for the same point", () => {
    assert.equal(haversineMeters(PARIS, LONDON), haversineMeters(LONDON, PARIS));
    assert.equal(haversineMeters(BERLIN, BERLIN), 0);
  });
});

describe("bearingDegrees", () => {
  it("gives compass bearings in [0, 360)", () => {
    const origin = { lat: 0, lng: 0 };
    assertNear(bearingDegrees(origin, { lat: 1, lng: 0 }), 0, 1e-9, "north");
    assertNear(bearingDegrees(origin, { lat: 0, lng: 1 }), 90, 1e-9, "east");
    assertNear(bearingDegrees(origin, { lat: -1, lng: 0 }), 180, 1e-9, "south");
    assertNear(bearingDegrees(origin, { lat: 0, lng: -1 }), 270, 1e-9, "west");
  });
});

describe("interpolate", () => {
  it("returns the ends at 0 and 1", () => {
    assertNear(haversineMeters(interpolate(PARIS, LONDON, 0), PARIS), 0, 1e-6);
    assertNear(haversineMeters(interpolate(PARIS, LONDON, 1), LONDON), 0, 1e-6);
  });
  it("puts a fraction of the distance behind and the rest ahead", () => {
    const total = haversineMeters(PARIS, LONDON);
    const quarter = interpolate(PARIS, LONDON, 0.25);
    assertNear(haversineMeters(PARIS, quarter), total * 0.25, 0.01);
    assertNear(haversineMeters(quarter, LONDON), total * 0.75, 0.01);
  });
  it("handles identical points", () => {
    assert.deepEqual(interpolate(BERLIN, BERLIN, 0.5), BERLIN);
  });
});

describe("moveToward", () => {
  it("moves exactly the given distance along the line", () => {
    const moved = moveToward(BERLIN, PARIS, 1234);
    assertNear(haversineMeters(BERLIN, moved), 1234, 0.001);
    assertNear(haversineMeters(moved, PARIS), haversineMeters(BERLIN, PARIS) - 1234, 0.01);
  });
  it("stops at the target instead of overshooting, and stays put for 0", () => {
    assert.deepEqual(moveToward(BERLIN, PARIS, 10_000_000), PARIS);
    assert.deepEqual(moveToward(BERLIN, PARIS, 0), BERLIN);
  });
});

describe("pathLengthMeters", () => {
  it("adds up the legs", () => {
    assertNear(pathLengthMeters([BERLIN, PARIS, LONDON]), haversineMeters(BERLIN, PARIS) + haversineMeters(PARIS, LONDON), 1e-6);
  });
  it("is 0 for fewer than two points", () => {
    assert.equal(pathLengthMeters([]), 0);
    assert.equal(pathLengthMeters([BERLIN]), 0);
  });
});
