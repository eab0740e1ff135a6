import assert from "node:assert/strict";
import { test } from "node:test";
import { webhookSecretProblem } from "./webhook-secret";

const base64OfBytes = (count: number) => Buffer.from(Array.from({ length: count }, (_, index) => (index * 37 + 11) % 256)).toString("base64");

test("whsec_ with standard base64 of 24 to 64 bytes is accepted", () => {
  for (const bytes of [24, 25, 26, 32, 64]) assert.equal(webhookSecretProblem(`whsec_${base64OfBytes(bytes)}`), null, `${bytes} bytes`);
});

test("a missing prefix, bad base64 or a key too short or too long is refused with a reason", () => {
  assert.match(webhookSecretProblem(base64OfBytes(32)) ?? "", /starts with whsec_/);
  assert.match(webhookSecretProblem("whsec_") ?? "", /standard base64/);
  assert.match(webhookSecretProblem(`whsec_${base64OfBytes(32).replace(/=+$/, "")}`) ?? "", /standard base64/, "padding is required");
  assert.match(webhookSecretProblem(`whsec_${Buffer.from(base64OfBytes(32), "base64").toString("base64url")}`) ?? "", /standard base64/);
  assert.match(webhookSecretProblem(`whsec_${base64OfBytes(23)}`) ?? "", /23 bytes/);
  assert.match(webhookSecretProblem(`whsec_${base64OfBytes(65)}`) ?? "", /65 bytes/);
});
