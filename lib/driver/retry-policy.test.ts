import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DEFAULT_RETRY, outcomeOf, parseRetryAfter, retryDelayMs } from "./retry-policy";

describe("retry policy", () => {
  test("Retry-After in seconds or as an HTTP date", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    assert.equal(parseRetryAfter("2", now), 2_000);
    assert.equal(parseRetryAfter("Thu, 01 Jan 2026 00:00:05 GMT", now), 5_000);
    assert.equal(parseRetryAfter(null, now), null);
    assert.equal(parseRetryAfter("soon", now), null);
  });

  test("the server's Retry-After wins, within sane bounds", () => {
    assert.equal(retryDelayMs(7, 2_000), 2_000);
    assert.equal(retryDelayMs(1, 0), DEFAULT_RETRY.baseMs / 2);
    assert.equal(retryDelayMs(1, 3_600_000), DEFAULT_RETRY.maxMs);
  });

  test("otherwise exponential backoff with jitter, capped", () => {
    assert.equal(
      retryDelayMs(1, null, DEFAULT_RETRY, () => 0),
      500,
    );
    assert.equal(
      retryDelayMs(1, null, DEFAULT_RETRY, () => 1),
      1_000,
    );
    assert.equal(
      retryDelayMs(4, null, DEFAULT_RETRY, () => 1),
      8_000,
    );
    assert.equal(
      retryDelayMs(30, null, DEFAULT_RETRY, () => 1),
      DEFAULT_RETRY.maxMs,
    );
  });

  test("what to do with each response", () => {
    assert.equal(outcomeOf(202), "done");
    assert.equal(outcomeOf(200), "done");
    assert.equal(outcomeOf(401), "signed-out");
    assert.equal(outcomeOf(503), "retry");
    assert.equal(outcomeOf(429), "retry");
    assert.equal(outcomeOf("network-error"), "retry");
    assert.equal(outcomeOf(409), "drop");
    assert.equal(outcomeOf(413), "drop");
  });
});
