import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { parseEnv } from "../../env";
import { parseLinkSealingKey, resolveLinkSealingKey } from "./link-sealing-key";

const aKey = () => randomBytes(32).toString("base64url");

test("link sealing key: generated once and kept in DATA_DIR (0600), the same on the next start; a configured key wins", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "lastmile-link-key-"));
  try {
    const first = resolveLinkSealingKey(undefined, dataDir);
    assert.equal(first.file, path.join(dataDir, "link-sealing-key"));
    assert.equal(first.key.length, 32);
    assert.equal(statSync(first.file).mode & 0o777, 0o600);
    assert.deepEqual(resolveLinkSealingKey(undefined, dataDir).key, first.key);
    const configured = aKey();
    assert.deepEqual(resolveLinkSealingKey(configured, dataDir), { key: Buffer.from(configured, "base64url"), file: null });

    writeFileSync(first.file, "not a key\n");
    assert.throws(() => resolveLinkSealingKey(undefined, dataDir), /does not hold a link sealing key/);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("a link sealing key is 32 random bytes of base64url", () => {
  const key = aKey();
  assert.equal(parseLinkSealingKey(key)?.length, 32);
  assert.equal(parseLinkSealingKey(`${key}=`)?.length, 32, "openssl's padded base64url");
  assert.equal(parseLinkSealingKey(key.slice(1)), null, "31 bytes and a bit");
  assert.equal(parseLinkSealingKey(`+${key.slice(1)}`), null, "standard base64's + and / are not base64url");
  assert.equal(parseLinkSealingKey("A".repeat(43)), null, "a placeholder, not random");
  assert.equal(parseLinkSealingKey(randomBytes(48).toString("base64url")), null);
});

test("LINK_SEALING_KEY: optional; a malformed one stops the start naming the variable", () => {
  const env = (variables: Record<string, string>) => parseEnv({ NODE_ENV: "test", ...variables });
  assert.equal(env({}).LINK_SEALING_KEY, undefined);
  const key = aKey();
  assert.equal(env({ LINK_SEALING_KEY: key }).LINK_SEALING_KEY, key);
  assert.throws(() => env({ LINK_SEALING_KEY: "change-me" }), /LINK_SEALING_KEY: must be 32 random bytes in base64url/);
  assert.throws(() => env({ LINK_SEALING_KEY: "_".repeat(43) }), /LINK_SEALING_KEY/);
});
