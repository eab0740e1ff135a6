/**
 * Issue 10, finding 4: no CSP, frame-ancestors/X-Frame-Options, Referrer-Policy, HSTS or nosniff
 * on any page. Checked here on the application's own responses (API on the real app, pages
 * through createApplication with a stand-in for Next.js that reports the nonce it was given);
 * e2e/security/security-headers.spec.ts checks that Next's scripts still run in Chromium.
 */
import assert from "node:assert/strict";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { createApplication, type Application } from "../../create-application";
import { startTestApp, type TestApp } from "../../../testing/test-app";
import { contentSecurityPolicy } from "./security-headers";

let t: TestApp;
let pagesApp: Application;
let pagesUrl: string;
let httpsApp: Application;
let httpsUrl: string;

async function listen(app: Application): Promise<string> {
  await new Promise<void>((resolve) => app.httpServer.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
}

before(async () => {
  t = await startTestApp({ tracker: false });
  // A stand-in for Next.js: answers with the nonce it read from the request, as Next does.
  const pages = {
    async handle(req: IncomingMessage, res: ServerResponse) {
      const csp = String(req.headers["content-security-policy"] ?? "");
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1] ?? "";
      res.writeHead(200, { "Content-Type": "text/html" }).end(`<script nonce="${nonce}">1</script>`);
    },
  };
  pagesApp = createApplication({ core: t.core, adminToken: t.adminToken, pages, log: () => undefined, securityHeaders: { tileUrl: "https://{s}.tile.example.org/{z}/{x}/{y}.png" } });
  pagesUrl = await listen(pagesApp);
  httpsApp = createApplication({ core: t.core, adminToken: t.adminToken, pages, log: () => undefined, securityHeaders: { publicUrl: "https://track.example.com" } });
  httpsUrl = await listen(httpsApp);
});
after(async () => {
  await pagesApp.close();
  await httpsApp.close();
  await t.close();
});

describe("pages", () => {
  test("a tracking page: CSP with a fresh nonce and no unsafe-eval, no framing, no referrer, nosniff", async () => {
    const first = await fetch(`${pagesUrl}/track/some-token`);
    const csp = first.headers.get("content-security-policy") ?? "";
    assert.match(csp, /script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    assert.doesNotMatch(csp, /unsafe-eval/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /object-src 'none'/);
    assert.match(csp, /img-src 'self' data: blob: https:\/\/\*\.tile\.example\.org/);
    assert.equal(first.headers.get("x-frame-options"), "DENY");
    assert.equal(first.headers.get("referrer-policy"), "no-referrer");
    assert.equal(first.headers.get("x-content-type-options"), "nosniff");
    assert.equal(first.headers.get("strict-transport-security"), null, "no HSTS without an https PUBLIC_URL");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce && (await first.text()).includes(`nonce="${nonce}"`), "Next.js is handed the same nonce");
    const second = await fetch(`${pagesUrl}/track/some-token`);
    assert.notEqual(second.headers.get("content-security-policy"), csp, "a nonce per response");
  });

  test("HSTS when PUBLIC_URL is https", async () => {
    const response = await fetch(`${httpsUrl}/admin`);
    assert.match(response.headers.get("strict-transport-security") ?? "", /max-age=\d{7,}/);
  });

  test("unsafe-eval only in development", () => {
    assert.doesNotMatch(contentSecurityPolicy("n", {}), /unsafe-eval/);
    assert.match(contentSecurityPolicy("n", { isDevelopment: true }), /unsafe-eval/);
  });
});

test("API responses: nosniff, no framing, no referrer", async () => {
  for (const path of ["/api/health", "/api/track/nope", "/api/orders"]) {
    const response = await fetch(`${t.baseUrl}${path}`);
    assert.equal(response.headers.get("x-content-type-options"), "nosniff", path);
    assert.equal(response.headers.get("x-frame-options"), "DENY", path);
    assert.equal(response.headers.get("referrer-policy"), "no-referrer", path);
  }
});

test("Socket.IO's own answers (handshake, long-polling) carry the same headers", async () => {
  const handshake = await fetch(`${t.baseUrl}/socket.io/?EIO=4&transport=polling`);
  const sid = /"sid":"([^"]+)"/.exec(await handshake.text())?.[1];
  assert.ok(sid);
  const poll = await fetch(`${t.baseUrl}/socket.io/?EIO=4&transport=polling&sid=${sid}`, { method: "POST", body: "40", headers: { "content-type": "text/plain;charset=UTF-8" } });
  await poll.text();
  for (const [what, response] of [
    ["handshake", handshake],
    ["a polling POST", poll],
  ] as const) {
    assert.equal(response.headers.get("x-content-type-options"), "nosniff", what);
    assert.equal(response.headers.get("x-frame-options"), "DENY", what);
    assert.equal(response.headers.get("referrer-policy"), "no-referrer", what);
  }
});
