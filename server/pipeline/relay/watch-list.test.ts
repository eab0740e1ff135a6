import assert from "node:assert/strict";
import { test } from "node:test";
import { isWatchingOrder, NO_WATCHES, orderWatchedWith, withoutWatch, withWatch } from "./watch-list";

test("a watch list finds an order by its token, keeps other tokens of the same order, and never changes in place", () => {
  const one = withWatch(NO_WATCHES, "token-a", "order-1");
  const two = withWatch(one, "token-b", "order-1");
  const three = withWatch(two, "token-c", "order-2");
  assert.deepEqual(NO_WATCHES, [], "the shared empty list stays empty");
  assert.equal(orderWatchedWith(three, "token-b"), "order-1");
  assert.equal(orderWatchedWith(three, "token-x"), undefined);

  const withoutA = withoutWatch(three, "token-a");
  assert.equal(isWatchingOrder(withoutA, "order-1"), true, "token-b still watches order-1");
  assert.equal(orderWatchedWith(three, "token-a"), "order-1", "the old list is untouched");
  const withoutB = withoutWatch(withoutA, "token-b");
  assert.equal(isWatchingOrder(withoutB, "order-1"), false);
  assert.equal(withoutWatch(withoutB, "token-c"), NO_WATCHES, "the last unwatch gives the shared empty list");
  assert.equal(withoutWatch(one, "token-x").length, 1, "an unknown token changes nothing");
});
