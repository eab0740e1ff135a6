import assert from "node:assert/strict";
import { test } from "node:test";
import { nextOrderProgress, type OrderProgressInput, type OrderProgressMemory } from "./order-progress";

function run(inputs: OrderProgressInput[]): string[] {
  let memory: OrderProgressMemory | undefined;
  const told: string[] = [];
  for (const input of inputs) {
    const result = nextOrderProgress(memory, input);
    memory = result.memory;
    for (const step of result.steps) told.push(`${step.stage}:${step.stopsAway}`);
  }
  return told;
}

const at = (stopsAway: number | null, hasMovedSincePickup = false, isPickedUp = true): OrderProgressInput => ({ isPickedUp, stopsAway, hasMovedSincePickup });

test("nothing before pick-up, and nothing at pick-up until the driver sets off", () => {
  assert.deepEqual(run([at(null, false, false), at(4), at(4)]), []);
});

test("the first fix after pick-up is 'out for delivery' with the current figure, then each change once", () => {
  assert.deepEqual(run([at(4), at(4, true), at(4, true), at(3, true), at(3, true), at(1, true), at(0, true)]), ["out_for_delivery:4", "stops_away:3", "stops_away:1", "stops_away:0"]);
});

test("a driver without GPS sets off by finishing an earlier stop", () => {
  assert.deepEqual(run([at(2), at(1), at(0)]), ["out_for_delivery:1", "stops_away:0"]);
});

test("a reorder before setting off is silent; after it, a longer wait is told too", () => {
  assert.deepEqual(run([at(1), at(3), at(3, true), at(5, true)]), ["out_for_delivery:3", "stops_away:5"]);
});

test("finished or unassigned orders keep their memory and tell nothing", () => {
  assert.deepEqual(run([at(2, true), at(null, true, false), at(2, true)]), ["out_for_delivery:2"]);
});
