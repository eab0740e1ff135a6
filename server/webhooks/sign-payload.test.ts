import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { test } from "node:test";
import { isValidSignature, signatureOf } from "./sign-payload";

const secret = "a-secret-of-some-length";
const body = '{"id":"1","type":"order.created"}';

test("the signature is HMAC-SHA256 of '<timestamp>.<body>' in hex, prefixed sha256=", () => {
  const expected = createHmac("sha256", secret).update(`1700000000.${body}`).digest("hex");
  assert.equal(signatureOf(secret, 1_700_000_000, body), `sha256=${expected}`);
});

test("a receiver accepts the right signature and refuses a changed body, timestamp, secret or an old request", () => {
  const now = 1_700_000_000;
  const signature = signatureOf(secret, now, body);
  assert.equal(isValidSignature({ secret, rawBody: body, signature, timestamp: String(now), nowSeconds: now + 10 }), true);
  assert.equal(isValidSignature({ secret, rawBody: `${body} `, signature, timestamp: String(now), nowSeconds: now }), false);
  assert.equal(isValidSignature({ secret, rawBody: body, signature, timestamp: String(now + 1), nowSeconds: now }), false, "the timestamp is signed");
  assert.equal(isValidSignature({ secret: "another-secret-entirely", rawBody: body, signature, timestamp: String(now), nowSeconds: now }), false);
  assert.equal(isValidSignature({ secret, rawBody: body, signature, timestamp: String(now), nowSeconds: now + 301 }), false, "replayed too late");
  assert.equal(isValidSignature({ secret, rawBody: body, signature: undefined, timestamp: String(now), nowSeconds: now }), false);
  assert.equal(isValidSignature({ secret, rawBody: body, signature, timestamp: "soon", nowSeconds: now }), false);
});
