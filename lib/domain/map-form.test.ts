import assert from "node:assert/strict";
import { test } from "node:test";
import { getMessages } from "../i18n/messages";
import { mapFormFor } from "./map-form";

const stops3 = { maxStops: 3, maxMinutes: null };
const base = { status: "picked_up" as const, isDriverShown: false, stopsAway: 5, minutesAway: 30, isMovedToNewDay: false, visibility: stops3 };

test("the full map only while the driver is shown", () => {
  assert.deepEqual(mapFormFor({ ...base, isDriverShown: true, stopsAway: 2 }), { kind: "map" });
  assert.deepEqual(mapFormFor({ ...base, status: "arrived", isDriverShown: true, stopsAway: 0 }), { kind: "map" });
});

test("too far, not picked up yet, or no stops figure: says when the driver will appear", () => {
  assert.deepEqual(mapFormFor(base), { kind: "too_far", visibility: stops3 });
  assert.deepEqual(mapFormFor({ ...base, status: "assigned", stopsAway: 1 }), { kind: "too_far", visibility: stops3 });
  assert.deepEqual(mapFormFor({ ...base, status: "created", stopsAway: null }), { kind: "too_far", visibility: stops3 });
  const minutes = { maxStops: null, maxMinutes: 10 };
  assert.deepEqual(mapFormFor({ ...base, visibility: minutes, stopsAway: 1, minutesAway: 25 }), { kind: "too_far", visibility: minutes });
});

test("within the limits but no position yet: waiting for it", () => {
  assert.deepEqual(mapFormFor({ ...base, stopsAway: 3 }), { kind: "waiting_for_position" });
  assert.deepEqual(mapFormFor({ ...base, visibility: { maxStops: null, maxMinutes: 10 }, minutesAway: 8 }), { kind: "waiting_for_position" });
});

test("finished or moved to another day: never the map", () => {
  for (const status of ["delivered", "failed", "cancelled"] as const) assert.deepEqual(mapFormFor({ ...base, status, isDriverShown: true }), { kind: "finished", status });
  assert.deepEqual(mapFormFor({ ...base, isMovedToNewDay: true, isDriverShown: true }), { kind: "moved", visibility: stops3 });
});

test("the sentence names the operator's real limits, with plurals, in both languages", () => {
  const en = getMessages("en").tracking.mapCard.appearsWhen;
  const es = getMessages("es").tracking.mapCard.appearsWhen;
  assert.equal(en({ maxStops: 3, maxMinutes: null }), "You'll see your driver on the map when they are 3 stops away.");
  assert.equal(en({ maxStops: 1, maxMinutes: null }), "You'll see your driver on the map when they are 1 stop away.");
  assert.equal(en({ maxStops: 0, maxMinutes: null }), "You'll see your driver on the map when you are their next stop.");
  assert.equal(en({ maxStops: null, maxMinutes: 10 }), "You'll see your driver on the map when they are about 10 min away.");
  assert.equal(en({ maxStops: 5, maxMinutes: 15 }), "You'll see your driver on the map when they are 5 stops and 15 min away.");
  assert.equal(es({ maxStops: 3, maxMinutes: null }), "Verás a tu repartidor en el mapa cuando esté a 3 paradas.");
  assert.equal(es({ maxStops: 1, maxMinutes: null }), "Verás a tu repartidor en el mapa cuando esté a 1 parada.");
  assert.equal(es({ maxStops: null, maxMinutes: 10 }), "Verás a tu repartidor en el mapa cuando esté a unos 10 min.");
});
