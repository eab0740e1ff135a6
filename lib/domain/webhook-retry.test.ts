import assert from "node:assert/strict";
import { test } from "node:test";
import { isDelivered, isLastAttempt, retryDelayMs, type RetryPolicy } from "./webhook-retry";

const policy: RetryPolicy = { baseDelayMs: 1_000, maxDelayMs: 60_000, maxAttempts: 5 };

test("retry delays double from the base and stop at the cap", () => {
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => retryDelayMs(attempt, policy)),
    [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000],
  );
  assert.equal(retryDelayMs(10_000, policy), 60_000, "a huge attempt count stays finite");
  assert.equal(retryDelayMs(0, policy), 1_000);
});

test("the last attempt is the policy's maxAttempts", () => {
  assert.equal(isLastAttempt(4, policy), false);
  assert.equal(isLastAttempt(5, policy), true);
  assert.equal(isLastAttempt(6, policy), true);
});

test("only a 2xx answer counts as delivered", () => {
  assert.equal(isDelivered(200), true);
  assert.equal(isDelivered(204), true);
  assert.equal(isDelivered(301), false);
  assert.equal(isDelivered(500), false);
  assert.equal(isDelivered(null), false);
});
