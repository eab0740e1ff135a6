import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { parseEnv } from "../../env";
import { defaultVapidSubject, resolveVapidKeys } from "./vapid-keys";

test("VAPID keys: generated once and kept in DATA_DIR (0600), the same on the next start; configured keys win", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "lastmile-vapid-"));
  try {
    const first = resolveVapidKeys({}, dataDir, undefined);
    assert.match(first.publicKey, /^[A-Za-z0-9_-]{87}$/);
    assert.equal(statSync(first.file!).mode & 0o777, 0o600);
    const second = resolveVapidKeys({}, dataDir, "https://track.example.com");
    assert.equal(second.publicKey, first.publicKey);
    assert.equal(second.privateKey, first.privateKey);
    assert.equal(second.subject, "https://track.example.com");
    const configured = resolveVapidKeys({ publicKey: "pub", privateKey: "priv", subject: "mailto:ops@example.com" }, dataDir, undefined);
    assert.deepEqual(configured, { publicKey: "pub", privateKey: "priv", subject: "mailto:ops@example.com", file: null });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("push services want an https or mailto contact: an http PUBLIC_URL gets a placeholder address", () => {
  assert.equal(defaultVapidSubject("http://localhost:3000"), "mailto:notifications@lastmile.invalid");
  assert.equal(defaultVapidSubject(undefined), "mailto:notifications@lastmile.invalid");
  assert.equal(defaultVapidSubject("https://track.example.com"), "https://track.example.com");
});

const envOf = (variables: Record<string, string>) => parseEnv({ NODE_ENV: "test", ...variables });

test("notification configuration: SMTP_URL needs MAIL_FROM, VAPID keys come in pairs, NOTIFY_STOPS_AWAY defaults to 3", () => {
  assert.equal(envOf({}).NOTIFY_STOPS_AWAY, 3);
  assert.equal(envOf({ NOTIFY_STOPS_AWAY: "5" }).NOTIFY_STOPS_AWAY, 5);
  assert.throws(() => envOf({ NOTIFY_STOPS_AWAY: "0" }), /NOTIFY_STOPS_AWAY/);
  assert.throws(() => envOf({ SMTP_URL: "smtp://127.0.0.1:2525" }), /MAIL_FROM/);
  assert.throws(() => envOf({ SMTP_URL: "http://x", MAIL_FROM: "a@b.c" }), /SMTP_URL/);
  assert.equal(envOf({ SMTP_URL: "smtp://127.0.0.1:2525", MAIL_FROM: "Lastmile <t@example.com>" }).SMTP_URL, "smtp://127.0.0.1:2525");
  assert.throws(() => envOf({ VAPID_PUBLIC_KEY: "B".repeat(87) }), /VAPID_PRIVATE_KEY/);
  assert.throws(() => envOf({ VAPID_SUBJECT: "http://example.com" }), /VAPID_SUBJECT/);
});
