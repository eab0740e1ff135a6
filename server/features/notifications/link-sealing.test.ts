import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { generateToken } from "../../platform/auth/tokens";
import { createLinkSealer } from "./link-sealing";

const sealer = createLinkSealer(randomBytes(32));
const token = generateToken();
const orderId = "order-1";

test("a sealed tracking link opens to the token again, for its order, and shows nothing of it", () => {
  const sealed = sealer.seal(token, orderId);
  assert.equal(sealer.open(sealed, orderId), token);
  assert.match(sealed, /^v1\.[A-Za-z0-9_-]+$/);
  assert.ok(!sealed.includes(token));
  assert.ok(!Buffer.from(sealed.slice(3), "base64url").includes(Buffer.from(token)), "the token's bytes are not in the sealed bytes");
  // A fresh IV each time: the same link sealed twice is two different values.
  assert.notEqual(sealer.seal(token, orderId), sealed);
});

test("a tampered sealed link is refused, whichever byte changed", () => {
  const sealed = sealer.seal(token, orderId);
  const bytes = Buffer.from(sealed.slice(3), "base64url");
  for (let index = 0; index < bytes.length; index++) {
    const tampered = Buffer.from(bytes);
    tampered[index]! ^= 0x01;
    assert.equal(sealer.open(`v1.${tampered.toString("base64url")}`, orderId), null, `byte ${index} flipped`);
  }
  assert.equal(sealer.open(`v1.${bytes.subarray(0, bytes.length - 1).toString("base64url")}`, orderId), null, "truncated");
  assert.equal(sealer.open(`v1.${bytes.subarray(0, 20).toString("base64url")}`, orderId), null, "shorter than IV and tag");
  assert.equal(sealer.open(`v2.${sealed.slice(3)}`, orderId), null, "unknown version");
});

test("another key, or another order's row, does not open it; a plaintext token is not a sealed one", () => {
  const sealed = sealer.seal(token, orderId);
  assert.equal(createLinkSealer(randomBytes(32)).open(sealed, orderId), null);
  assert.equal(sealer.open(sealed, "order-2"), null);
  assert.equal(sealer.open(token, orderId), null);
  assert.equal(sealer.open(`plaintext:${token}`, orderId), null);
  assert.throws(() => createLinkSealer(randomBytes(16)), /32 bytes/);
});
