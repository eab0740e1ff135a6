import assert from "node:assert/strict";
import { test } from "node:test";
import { etaHeadline } from "./eta-headline";

const row = (m10: [number, number], s3: [number, number]) => ({ minutes10: { inside: m10[0], total: m10[1] }, stops3: { inside: s3[0], total: s3[1] } });

test("pools the 10-minute and 3-stop windows over every driver and day", () => {
  const headline = etaHeadline([row([3, 4], [1, 4]), row([0, 2], [2, 2])]);
  assert.deepEqual(headline, { inside: 6, total: 12, rate: 0.5 });
});

test("no shown window means no figure, not 0 %", () => {
  assert.deepEqual(etaHeadline([]), { inside: 0, total: 0, rate: null });
  assert.deepEqual(etaHeadline([row([0, 0], [0, 0])]), { inside: 0, total: 0, rate: null });
});

test("0 % is a figure when windows were shown and missed", () => {
  assert.equal(etaHeadline([row([0, 3], [0, 1])]).rate, 0);
});
