import assert from "node:assert/strict";
import { test } from "node:test";
import { SignInThrottle } from "./sign-in-throttle";

const policies = {
  account: { maxFailures: 3, windowMs: 60_000, lockoutMs: 10_000, maxLockoutMs: 25_000 },
  ip: { maxFailures: 5, windowMs: 60_000, lockoutMs: 30_000, maxLockoutMs: 30_000 },
};
const keys = (email: string) => ({ account: `1.2.3.4|${email}`, ip: "1.2.3.4" });

test("the limit locks the key for the lockout, then attempts are allowed again", () => {
  const throttle = new SignInThrottle(policies);
  for (let at = 0; at < 2; at++) throttle.recordFailure(keys("a"), at * 1000);
  assert.deepEqual(throttle.check(keys("a"), 2_000), { isAllowed: true });
  throttle.recordFailure(keys("a"), 2_000);
  assert.deepEqual(throttle.check(keys("a"), 2_000), { isAllowed: false, retryAfterMs: 10_000 });
  assert.deepEqual(throttle.check(keys("a"), 11_999), { isAllowed: false, retryAfterMs: 1 });
  assert.deepEqual(throttle.check(keys("a"), 12_000), { isAllowed: true });
  assert.deepEqual(throttle.check(keys("b"), 3_000), { isAllowed: true }, "another email from the same IP is not locked");
});

test("failures older than the window are forgotten", () => {
  const throttle = new SignInThrottle(policies);
  throttle.recordFailure(keys("a"), 0);
  throttle.recordFailure(keys("a"), 1_000);
  throttle.recordFailure(keys("a"), 61_000);
  assert.deepEqual(throttle.check(keys("a"), 61_000), { isAllowed: true });
});

test("each lock in a row doubles, up to the cap; a quiet window resets it", () => {
  const throttle = new SignInThrottle({ account: policies.account });
  const lockAt = (now: number) => {
    for (let index = 0; index < 3; index++) throttle.recordFailure({ account: "k" }, now);
    const decision = throttle.check({ account: "k" }, now);
    return decision.isAllowed ? 0 : decision.retryAfterMs;
  };
  assert.equal(lockAt(0), 10_000);
  assert.equal(lockAt(10_000), 20_000);
  assert.equal(lockAt(30_000), 25_000, "capped");
  assert.equal(lockAt(30_000 + 25_000 + 60_001), 10_000, "quiet for a window: back to the first lockout");
});

test("success clears the account key but not the IP's; the IP limit catches spraying across emails", () => {
  const throttle = new SignInThrottle(policies);
  throttle.recordFailure(keys("a"), 0);
  throttle.recordFailure(keys("a"), 0);
  throttle.recordSuccess("account", keys("a").account);
  throttle.recordFailure(keys("a"), 1);
  throttle.recordFailure(keys("a"), 1);
  assert.deepEqual(throttle.check(keys("a"), 1), { isAllowed: true }, "the count started over after the success");
  // 4 IP failures so far; one more on any email locks the whole IP.
  throttle.recordFailure(keys("c"), 2);
  const decision = throttle.check(keys("d"), 3);
  assert.deepEqual(decision, { isAllowed: false, retryAfterMs: 29_999 });
});

test("attempts under way count: of sixty begun at once against a limit of three, three are checked", () => {
  const throttle = new SignInThrottle(policies);
  const allowed = Array.from({ length: 60 }, () => throttle.begin(keys("a"), 0)).filter((decision) => decision.isAllowed).length;
  assert.equal(allowed, 3);
  for (let i = 0; i < 3; i++) throttle.end(keys("a"), 1, { kind: "failure" });
  assert.deepEqual(throttle.begin(keys("a"), 2), { isAllowed: false, retryAfterMs: 9_999 }, "three failures: locked");
});

test("an attempt that ends in success frees its place and clears the account, not the IP", () => {
  const throttle = new SignInThrottle(policies);
  assert.equal(throttle.begin(keys("a"), 0).isAllowed, true);
  assert.equal(throttle.begin(keys("a"), 0).isAllowed, true);
  throttle.end(keys("a"), 0, { kind: "failure" });
  throttle.end(keys("a"), 0, { kind: "success", clears: "account" });
  for (let i = 0; i < 2; i++) assert.equal(throttle.begin(keys("a"), 1).isAllowed, true, "the account's count started over");
});
