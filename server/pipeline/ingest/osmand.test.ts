/**
 * The OsmAnd / Traccar Client protocol (DESIGN.md contract) against a real app: the three
 * request shapes tracker apps send, each landing on the LOCATIONS stream in the stream's
 * units (m/s, ms epoch); an unknown id is a 4xx, never a 5xx; malformed input is a 400.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TLocationEvent } from "../../../lib/schemas/events";
import { STREAMS, subjects } from "../../platform/backbone/subjects";
import { isApiError, RawBody, startTestApp, type Driver, type TestApp } from "../../../testing/test-app";

let t: TestApp;
let driver: Driver;

before(async () => {
  t = await startTestApp({ tracker: false });
  driver = await t.createDriver({ name: "Tracker", trackerId: "phone-42" });
});

after(async () => {
  await t?.close();
});

async function lastFix(): Promise<TLocationEvent> {
  const message = await t.core.jsm.streams.getMessage(STREAMS.locations, { last_by_subj: subjects.driverLocation(driver.id) });
  assert.ok(message, "a fix on the driver's subject");
  return message.json<TLocationEvent>();
}

async function raw(method: string, path: string, body?: string, contentType?: string): Promise<{ status: number; body: unknown; text: string }> {
  const response = await fetch(`${t.baseUrl}${path}`, { method, body, headers: contentType ? { "content-type": contentType } : {} });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // keep text
  }
  return { status: response.status, body: parsed, text };
}

describe("/api/osmand", () => {
  test("OsmAnd: everything in the query string of a GET; speed in knots becomes m/s, seconds become ms", async () => {
    const seconds = Math.floor(Date.now() / 1000) - 30;
    const response = await raw("GET", `/api/osmand?id=phone-42&lat=48.8566&lon=2.3522&timestamp=${seconds}&speed=10&bearing=90&altitude=35&accuracy=6&batt=80`);
    assert.equal(response.status, 200, response.text);
    const fix = await lastFix();
    assert.equal(fix.lat, 48.8566);
    assert.equal(fix.lng, 2.3522);
    assert.equal(fix.at, seconds * 1000);
    assert.ok(Math.abs((fix.speed ?? 0) - 5.14444) < 1e-4, `speed ${fix.speed} m/s`);
    assert.equal(fix.heading, 90);
    assert.equal(fix.accuracy, 6);
    assert.equal(fix.source, "tracker-app");
    assert.equal(fix.driverId, driver.id);
  });

  test("OsmAnd: an empty POST with the query string, deviceid and location=lat,lon, ISO time", async () => {
    const at = new Date(Date.now() - 20_000);
    const response = await raw("POST", `/api/osmand?deviceid=phone-42&location=48.86,2.36&timestamp=${encodeURIComponent(at.toISOString())}`);
    assert.equal(response.status, 200, response.text);
    const fix = await lastFix();
    assert.equal(fix.lat, 48.86);
    assert.equal(fix.lng, 2.36);
    assert.equal(fix.at, at.getTime());
  });

  test("Traccar Client: a form body; milliseconds stay milliseconds, heading is the bearing", async () => {
    const ms = Date.now() - 10_000;
    const response = await raw("POST", "/api/osmand", `id=phone-42&lat=48.87&lon=2.37&timestamp=${ms}&speed=0&heading=180`, "application/x-www-form-urlencoded");
    assert.equal(response.status, 200, response.text);
    const fix = await lastFix();
    assert.equal(fix.lat, 48.87);
    assert.equal(fix.at, ms);
    assert.equal(fix.speed, 0);
    assert.equal(fix.heading, 180);
  });

  test("Traccar Client: the JSON body; speed is already m/s", async () => {
    const at = new Date(Date.now() - 5_000).toISOString();
    const body = {
      device_id: "phone-42",
      location: { timestamp: at, coords: { latitude: 48.88, longitude: 2.38, accuracy: 4, speed: 7.5, heading: 45, altitude: 50 }, battery: { level: 0.5 } },
    };
    const response = await t.api("POST", "/api/osmand", body);
    assert.equal(response.status, 200, response.text);
    const fix = await lastFix();
    assert.equal(fix.lat, 48.88);
    assert.equal(fix.lng, 2.38);
    assert.equal(fix.at, Date.parse(at));
    assert.equal(fix.speed, 7.5);
    assert.equal(fix.heading, 45);
    assert.equal(fix.accuracy, 4);
  });

  test("a resent report (same content) is stored once", async () => {
    const before = (await t.core.jsm.streams.info(STREAMS.locations)).state.messages;
    const path = `/api/osmand?id=phone-42&lat=48.89&lon=2.39&timestamp=${Math.floor(Date.now() / 1000)}`;
    assert.equal((await raw("GET", path)).status, 200);
    assert.equal((await raw("GET", path)).status, 200);
    assert.equal((await t.core.jsm.streams.info(STREAMS.locations)).state.messages, before + 1);
  });

  test("an unknown id is a 404 JSON error in every shape, and nothing is stored", async () => {
    const before = (await t.core.jsm.streams.info(STREAMS.locations)).state.messages;
    const responses = [
      await raw("GET", "/api/osmand?id=nobody&lat=1&lon=2"),
      await raw("POST", "/api/osmand", "id=nobody&lat=1&lon=2", "application/x-www-form-urlencoded"),
      await t.api("POST", "/api/osmand", { device_id: "nobody", location: { coords: { latitude: 1, longitude: 2 } } }),
    ];
    for (const response of responses) {
      assert.equal(response.status, 404, response.text);
      assert.ok(isApiError(response.body), response.text);
    }
    assert.equal((await t.core.jsm.streams.info(STREAMS.locations)).state.messages, before);
  });

  test("malformed reports are 400 with the JSON error shape", async () => {
    const bad = [
      await raw("GET", "/api/osmand"),
      await raw("GET", "/api/osmand?id=phone-42"),
      await raw("GET", "/api/osmand?id=phone-42&lat=91&lon=2"),
      await raw("GET", "/api/osmand?id=phone-42&lat=abc&lon=2"),
      await raw("GET", "/api/osmand?id=phone-42&location=north"),
      await raw("GET", "/api/osmand?id=phone-42&lat=1&lon=2&timestamp=yesterday"),
      await t.api("POST", "/api/osmand", new RawBody("{not json")),
      await t.api("POST", "/api/osmand", { device_id: "phone-42", location: { coords: { latitude: "x", longitude: 2 } } }),
      await t.api("POST", "/api/osmand", { device_id: "phone-42" }),
    ];
    for (const response of bad) {
      assert.equal(response.status, 400, response.text);
      assert.ok(isApiError(response.body), response.text);
    }
  });
});
