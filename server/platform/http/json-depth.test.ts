import assert from "node:assert/strict";
import { test } from "node:test";
import { exceedsJsonDepth } from "./json-depth";

const bytes = (text: string) => Buffer.from(text, "utf8");

test("depth counts arrays and objects, not brackets inside strings", () => {
  assert.equal(exceedsJsonDepth(bytes('{"a":[{"b":1}]}'), 3), false);
  assert.equal(exceedsJsonDepth(bytes('{"a":[{"b":1}]}'), 2), true);
  assert.equal(exceedsJsonDepth(bytes('{"a":"[[[[[[[[[[{{{{{{"}'), 1), false);
  assert.equal(exceedsJsonDepth(bytes('{"a":"\\"[[[[[[[["}'), 1), false, "an escaped quote does not end the string");
  assert.equal(exceedsJsonDepth(bytes("[".repeat(100_000)), 32), true);
});

test("siblings do not add up: depth is nesting, not count", () => {
  assert.equal(exceedsJsonDepth(bytes(`[${Array.from({ length: 1000 }, () => "[[1]]").join(",")}]`), 3), false);
});
