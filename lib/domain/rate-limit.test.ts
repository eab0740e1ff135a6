import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { RateLimiter } from "./rate-limit";

describe("RateLimiter", () => {
  test("allows a burst of `capacity`, then refuses with the time until the next token", () => {
    const limiter = new RateLimiter({ capacity: 3, refillPerSecond: 0.5 });
    for (let i = 0; i < 3; i++) assert.equal(limiter.take("a", 0).isAllowed, true);
    assert.deepEqual(limiter.take("a", 0), { isAllowed: false, retryAfterMs: 2000 });
    assert.equal(limiter.take("b", 0).isAllowed, true, "keys are independent");
    assert.equal(limiter.take("a", 2000).isAllowed, true, "a token is back after 2 s");
  });

  test("a refunded token is back at once, never above capacity, and a full bucket holds no memory", () => {
    const limiter = new RateLimiter({ capacity: 2, refillPerSecond: 0.001 });
    assert.equal(limiter.take("a", 0).isAllowed, true);
    assert.equal(limiter.take("a", 0).isAllowed, true);
    assert.equal(limiter.take("a", 0).isAllowed, false);
    limiter.refund("a", 0);
    assert.equal(limiter.take("a", 0).isAllowed, true, "the refunded token");
    limiter.refund("a", 0);
    limiter.refund("a", 0);
    limiter.refund("a", 0);
    assert.equal(limiter.size, 0, "back to full: forgotten");
    assert.equal(limiter.take("a", 0).isAllowed, true);
    assert.equal(limiter.take("a", 0).isAllowed, true);
    assert.equal(limiter.take("a", 0).isAllowed, false, "never more than capacity");
  });

  test("peek does not consume", () => {
    const limiter = new RateLimiter({ capacity: 1, refillPerSecond: 1 });
    assert.equal(limiter.peek("a", 0).isAllowed, true);
    limiter.take("a", 0);
    assert.equal(limiter.peek("a", 0).isAllowed, false);
    assert.equal(limiter.peek("a", 1000).isAllowed, true);
  });

  test("memory is bounded: the least recently used keys go first", () => {
    const limiter = new RateLimiter({ capacity: 1, refillPerSecond: 1 }, 100);
    for (let i = 0; i < 1000; i++) limiter.take(`k${i}`, 0);
    assert.equal(limiter.size, 100);
  });

  test("a forgotten key starts again full, and holds no memory", () => {
    const limiter = new RateLimiter({ capacity: 1, refillPerSecond: 0.001 });
    limiter.take("socket-1", 0);
    assert.equal(limiter.take("socket-1", 0).isAllowed, false);
    limiter.forget("socket-1");
    assert.equal(limiter.size, 0);
    assert.equal(limiter.take("socket-1", 0).isAllowed, true);
  });
});
