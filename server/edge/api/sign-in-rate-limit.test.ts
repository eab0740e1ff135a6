/**
 * Sign-in rate limiting on a real server: wrong passwords for one email lock that email (from
 * this IP) with a 429 and Retry-After, even for the right password; other emails are unaffected.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { SIGN_IN_POLICIES } from "../../../lib/domain/sign-in-throttle";
import { isApiError, startTestApp, type TestApp } from "../../../testing/test-app";

let t: TestApp;
const staff = { email: "rita@example.com", name: "Rita", password: "dispatch-password-1", role: "admin" };
const other = { email: "omar@example.com", name: "Omar", password: "dispatch-password-2", role: "support" };

before(async () => {
  t = await startTestApp({ tracker: false });
  for (const account of [staff, other]) assert.equal((await t.admin("POST", "/api/admin/staff", account)).status, 201);
});

after(async () => {
  await t?.close();
});

const signIn = (body: unknown) => t.api("POST", "/api/admin/session", body);

test("five wrong passwords lock the email: 429 JSON with Retry-After, even for the right password", async () => {
  const limit = SIGN_IN_POLICIES.account.maxFailures;
  for (let index = 0; index < limit; index++) {
    const wrong = await signIn({ email: staff.email, password: `wrong-${index}` });
    assert.equal(wrong.status, 401, `attempt ${index + 1}`);
  }
  const locked = await signIn({ email: staff.email, password: staff.password });
  assert.equal(locked.status, 429, locked.text);
  assert.ok(isApiError(locked.body));
  assert.equal(locked.body.error.code, "too_many_attempts");
  const retryAfter = Number(locked.headers.get("retry-after"));
  assert.ok(retryAfter > 0 && retryAfter <= SIGN_IN_POLICIES.account.lockoutMs / 1000, `Retry-After ${retryAfter}`);
  assert.equal(locked.headers.get("set-cookie"), null, "no session while locked");
  // The same email in another case is the same account (emails are normalised before the key).
  assert.equal((await signIn({ email: staff.email.toUpperCase(), password: staff.password })).status, 429);

  // Another account from the same IP still signs in; a bad request is 400 and counts nothing.
  assert.equal((await signIn({ email: other.email, password: other.password })).status, 201);
  assert.equal((await signIn({ email: other.email })).status, 400);
});

test("a success clears the account's failures", async () => {
  const limit = SIGN_IN_POLICIES.account.maxFailures;
  for (let round = 0; round < 2; round++) {
    for (let index = 0; index < limit - 1; index++) assert.equal((await signIn({ email: other.email, password: "nope-nope-nope" })).status, 401);
    assert.equal((await signIn({ email: other.email, password: other.password })).status, 201, `round ${round + 1}`);
  }
});
