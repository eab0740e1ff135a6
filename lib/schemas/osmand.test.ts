import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ZOsmandParams, ZTraccarJson } from "./osmand";

describe("OsmAnd / Traccar flat parameters", () => {
  it("reads id, lat/lon, seconds timestamp, knots and bearing", () => {
    const report = ZOsmandParams.parse({ id: "van-7", lat: "40.4168", lon: "-3.7038", timestamp: "1764230400", speed: "10", bearing: "90", accuracy: "12", batt: "81" });
    assert.deepEqual(report, {
      trackerId: "van-7",
      fix: { lat: 40.4168, lng: -3.7038, at: 1764230400_000, accuracy: 12, speed: 10 * 0.514444, heading: 90 },
      battery: 81,
    });
  });

  it("takes deviceid, location=lat,lon, millisecond and ISO timestamps", () => {
    const ms = ZOsmandParams.parse({ deviceid: "a", location: "40.1,-3.2", timestamp: "1764230400123" });
    assert.deepEqual([ms.trackerId, ms.fix.lat, ms.fix.lng, ms.fix.at], ["a", 40.1, -3.2, 1764230400123]);
    const iso = ZOsmandParams.parse({ id: "a", lat: "1", lon: "2", timestamp: "2026-11-27T08:00:00Z" });
    assert.equal(iso.fix.at, Date.parse("2026-11-27T08:00:00Z"));
  });

  it("rejects a missing id, missing or out-of-range coordinates and a bad timestamp", () => {
    for (const params of [
      { lat: "1", lon: "2" },
      { id: "a" },
      { id: "a", lat: "91", lon: "2" },
      { id: "a", location: "1;2" },
      { id: "a", location: "95,2" },
      { id: "a", lat: "1", lon: "2", timestamp: "yesterday" },
      { id: "a", lat: "x", lon: "2" },
    ]) {
      assert.equal(ZOsmandParams.safeParse(params).success, false, JSON.stringify(params));
    }
  });
});

describe("Traccar Client JSON", () => {
  it("reads coords in m/s, battery level 0–1 as percent, and drops -1 unknowns", () => {
    const report = ZTraccarJson.parse({
      device_id: "phone-1",
      location: { timestamp: "2026-11-27T08:00:00.000Z", coords: { latitude: 40.4, longitude: -3.7, accuracy: 5, speed: -1, heading: -1, altitude: 650 }, battery: { level: 0.5 } },
    });
    assert.deepEqual(report, { trackerId: "phone-1", fix: { lat: 40.4, lng: -3.7, at: Date.parse("2026-11-27T08:00:00.000Z"), accuracy: 5 }, battery: 50 });
  });

  it("rejects a body without device_id or coordinates", () => {
    assert.equal(ZTraccarJson.safeParse({ location: { coords: { latitude: 1, longitude: 2 } } }).success, false);
    assert.equal(ZTraccarJson.safeParse({ device_id: "x", location: {} }).success, false);
  });
});
