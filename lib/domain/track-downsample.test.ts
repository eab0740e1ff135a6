import assert from "node:assert/strict";
import { test } from "node:test";
import { downsampleTrack, synchronisedDistanceMeters, type TrackPoint } from "./track-downsample";

const at = (lat: number, lng: number, index: number): TrackPoint => ({ lat, lng, at: index * 1000 });

test("a track within the budget comes back whole, as a copy", () => {
  const track = [at(40.41, -3.7, 0), at(40.42, -3.7, 1)];
  const thinned = downsampleTrack(track, 10);
  assert.deepEqual(thinned, track);
  assert.notEqual(thinned, track);
});

test("a straight run with one corner keeps its ends and the corner", () => {
  // North for 50 fixes, then east for 50: an L.
  const track: TrackPoint[] = [];
  for (let index = 0; index < 50; index++) track.push(at(40.4 + index * 0.0005, -3.7, index));
  for (let index = 0; index < 50; index++) track.push(at(40.4 + 49 * 0.0005, -3.7 + (index + 1) * 0.0005, 50 + index));
  const thinned = downsampleTrack(track, 3);
  assert.deepEqual(thinned, [track[0], track[49], track[99]]);
});

test("the budget is never exceeded, order is kept and the ends survive", () => {
  const track = Array.from({ length: 5000 }, (_, index) => at(40.4 + Math.sin(index / 40) * 0.01, -3.7 + index * 0.00005, index));
  const thinned = downsampleTrack(track, 200);
  assert.equal(thinned.length, 200);
  assert.equal(thinned[0], track[0]);
  assert.equal(thinned.at(-1), track.at(-1));
  for (let index = 1; index < thinned.length; index++) assert.ok(thinned[index]!.at > thinned[index - 1]!.at);
});

test("a parked driver's identical fixes collapse to the ends", () => {
  const track = Array.from({ length: 100 }, (_, index) => at(40.41, -3.7, index));
  assert.deepEqual(downsampleTrack(track, 10), [track[0], track[99]]);
});

test("a stop in the middle of a straight street survives: the replay must not glide through it", () => {
  // North at a steady pace, parked for 60 fixes, then on north along the same line.
  const track: TrackPoint[] = [];
  let index = 0;
  for (let step = 0; step < 20; step++) track.push(at(40.4 + step * 0.0005, -3.7, index++));
  for (let step = 0; step < 60; step++) track.push(at(40.4 + 19 * 0.0005, -3.7, index++));
  for (let step = 1; step <= 20; step++) track.push(at(40.4 + (19 + step) * 0.0005, -3.7, index++));
  const thinned = downsampleTrack(track, 4);
  assert.deepEqual(thinned, [track[0], track[19], track[79], track[99]]);
});

test("synchronised distance measures from where the steady move would be at that time", () => {
  const a = at(40.4, -3.7, 0);
  const b = at(40.41, -3.7, 10);
  // At a's position but at half time: half the segment (≈ 556 m) behind.
  assert.ok(Math.abs(synchronisedDistanceMeters({ lat: 40.4, lng: -3.7, at: 5000 }, a, b) - 556.6) < 1);
  assert.equal(synchronisedDistanceMeters({ lat: 40.405, lng: -3.7, at: 5000 }, a, b), 0);
});
