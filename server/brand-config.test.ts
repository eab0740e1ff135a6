/** BRAND_* and SUPPORT_* (server/env.ts) and the logo's origin in the pages' CSP. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseEnv } from "./env";
import { contentSecurityPolicy, logoOrigin } from "./platform/http/security-headers";

test("nothing configured: no brand, no support contact", () => {
  const env = parseEnv({ NODE_ENV: "test" });
  assert.equal(env.BRAND_NAME, undefined);
  assert.equal(env.BRAND_LOGO_URL, undefined);
  assert.equal(env.BRAND_COLOR, undefined);
  assert.equal(env.SUPPORT_PHONE, undefined);
  assert.equal(env.SUPPORT_EMAIL, undefined);
});

test("a brand and a support contact are read once, the phone normalised", () => {
  const env = parseEnv({
    NODE_ENV: "test",
    BRAND_NAME: "Tienda Sol",
    BRAND_LOGO_URL: "https://cdn.tiendasol.example/logo.svg",
    BRAND_COLOR: "#FFD400",
    SUPPORT_PHONE: "+34 910 00 00 00",
    SUPPORT_EMAIL: "ayuda@tiendasol.example",
  });
  assert.equal(env.BRAND_NAME, "Tienda Sol");
  assert.equal(env.BRAND_LOGO_URL, "https://cdn.tiendasol.example/logo.svg");
  assert.equal(env.BRAND_COLOR, "#FFD400");
  assert.equal(env.SUPPORT_PHONE, "+34910000000");
  assert.equal(env.SUPPORT_EMAIL, "ayuda@tiendasol.example");
  assert.equal(parseEnv({ NODE_ENV: "test", BRAND_LOGO_URL: "/brand/logo.png" }).BRAND_LOGO_URL, "/brand/logo.png");
});

test("a bad brand or support value stops the start with a message naming it", () => {
  for (const [name, value] of [
    ["BRAND_COLOR", "red"],
    ["BRAND_COLOR", "#12345"],
    ["BRAND_COLOR", "#fff;background:url(x)"],
    ["BRAND_LOGO_URL", "javascript:alert(1)"],
    ["BRAND_LOGO_URL", "data:image/svg+xml,<svg/>"],
    ["BRAND_LOGO_URL", "//evil.example/logo.png"],
    ["BRAND_LOGO_URL", "ftp://files.example/logo.png"],
    ["BRAND_LOGO_URL", "https://user:pw@cdn.example/logo.png"],
    ["BRAND_NAME", "x".repeat(81)],
    ["SUPPORT_PHONE", "910 00 00 00"],
    ["SUPPORT_EMAIL", "help@"],
  ] as const) {
    assert.throws(() => parseEnv({ NODE_ENV: "test", [name]: value }), new RegExp(name), `${name}=${value}`);
  }
});

test("the CSP allows an absolute logo's origin and nothing more; a same-origin path needs nothing", () => {
  assert.equal(logoOrigin("https://cdn.tiendasol.example/a/logo.svg?v=2"), "https://cdn.tiendasol.example");
  assert.equal(logoOrigin("/brand/logo.png"), null);
  assert.equal(logoOrigin(undefined), null);
  const csp = contentSecurityPolicy("n", { tileUrl: "https://{s}.tile.example.org/{z}/{x}/{y}.png", brandLogoUrl: "https://cdn.tiendasol.example/logo.svg" });
  assert.match(csp, /img-src 'self' data: blob: https:\/\/\*\.tile\.example\.org https:\/\/cdn\.tiendasol\.example;/);
  assert.match(contentSecurityPolicy("n", { brandLogoUrl: "/logo.svg" }), /img-src 'self' data: blob:;/);
});
