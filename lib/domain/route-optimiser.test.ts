import assert from "node:assert/strict";
import { test } from "node:test";
import { optimiseRoute, pathFrom, type RouteStopPoint } from "./route-optimiser";

const start = { lat: 40.4, lng: -3.7 };
const north = (id: string, steps: number): RouteStopPoint => ({ id, lat: 40.4 + steps * 0.01, lng: -3.7 });

test("stops along a line are visited nearest first and the saving is reported", () => {
  const stops = [north("c", 3), north("a", 1), north("d", 4), north("b", 2)];
  const result = optimiseRoute(start, stops);
  assert.deepEqual(result.ids, ["a", "b", "c", "d"]);
  assert.ok(result.afterMeters < result.beforeMeters);
  assert.equal(Math.round(result.afterMeters), Math.round(pathFrom(start, [north("a", 1), north("b", 2), north("c", 3), north("d", 4)])));
});

test("the result is a permutation no single segment reversal can shorten (2-opt optimal)", () => {
  // Deterministic pseudo-random stops in a 5 km square.
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let round = 0; round < 10; round++) {
    const stops: RouteStopPoint[] = Array.from({ length: 12 }, (_, index) => ({ id: `s${index}`, lat: 40.4 + random() * 0.045, lng: -3.7 + random() * 0.06 }));
    const result = optimiseRoute(start, stops);
    assert.deepEqual([...result.ids].sort(), stops.map((stop) => stop.id).sort());
    assert.ok(result.afterMeters <= result.beforeMeters);
    const byId = new Map(stops.map((stop) => [stop.id, stop]));
    const tour = result.ids.map((id) => byId.get(id)!);
    for (let i = 0; i < tour.length; i++) {
      for (let j = i + 1; j < tour.length; j++) {
        const reversed = [...tour.slice(0, i), ...tour.slice(i, j + 1).reverse(), ...tour.slice(j + 1)];
        assert.ok(pathFrom(start, reversed) >= result.afterMeters - 1e-3, `reversing ${i}..${j} shortens round ${round}`);
      }
    }
  }
});

test("an already optimal route, one stop or none is left as it is", () => {
  const line = [north("a", 1), north("b", 2)];
  assert.deepEqual(optimiseRoute(start, line), { ids: ["a", "b"], beforeMeters: pathFrom(start, line), afterMeters: pathFrom(start, line) });
  assert.deepEqual(optimiseRoute(start, [north("x", 1)]).ids, ["x"]);
  assert.deepEqual(optimiseRoute(start, []), { ids: [], beforeMeters: 0, afterMeters: 0 });
});
