import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signInAsAdmin } from "../fixtures/admin";
import { createOrder } from "../fixtures/api";
import { E2E_ADMIN_TOKEN, E2E_DATA_DIR } from "../fixtures/e2e-env";

/**
 * Issue 10, finding 4 in a real Chromium against the production build: every page carries a
 * Content-Security-Policy whose scripts need a per-request nonce (no unsafe-eval), and Next's
 * own inline and bundled scripts still run under it (the pages hydrate and go live, with no
 * CSP violation reported). And: no secret of the server is in the built client assets.
 */

function collectCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test("a tracking page: strict headers, a nonce on every script, and the page still goes live", async ({ page, request }) => {
  const order = await createOrder(request, { customerName: "Csp Carla", address: "Calle Nonce 1", lat: 40.41, lng: -3.7 });
  const violations = collectCspViolations(page);
  const response = await page.goto(order.trackingUrl);
  expect(response?.status()).toBe(200);
  const headers = response?.headers() ?? {};
  const csp = headers["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce, csp).toBeTruthy();
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");

  // Next's scripts, inline and bundled, all carry this response's nonce.
  const html = (await response?.text()) ?? "";
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script, script).toContain(`nonce="${nonce}"`);

  // Hydrated and connected: only possible if the scripts ran.
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
  await expect(page.getByTestId("order-status")).toBeVisible();
  expect(violations).toEqual([]);

  // An injected inline script without the nonce does not run.
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.__injected = 1";
    document.body.appendChild(script);
  });
  expect(await page.evaluate(() => (window as unknown as Record<string, unknown>).__injected ?? null)).toBeNull();
});

test("the admin dashboard and the driver app still work under the policy", async ({ page }) => {
  const violations = collectCspViolations(page);
  await signInAsAdmin(page);
  await expect(page.getByTestId("signed-in-as")).toContainText("admin");
  const driverPage = await page.goto("/driver");
  expect(driverPage?.headers()["content-security-policy"]).toContain("script-src 'self' 'nonce-");
  await expect(page.locator("body")).not.toBeEmpty();
  expect(violations.filter((text) => !/tile|127\.0\.0\.1:9/.test(text))).toEqual([]);
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

test("no secret in the built client assets (.next/static)", () => {
  const files = filesUnder(path.join(process.cwd(), ".next", "static")).filter((file) => /\.(js|css|json|html|txt|map)$/.test(file));
  expect(files.length).toBeGreaterThan(0);
  const natsCredential = readFileSync(path.join(E2E_DATA_DIR, "nats", "credential"), "utf8").trim();
  const secrets = [E2E_ADMIN_TOKEN, natsCredential, process.env.ADMIN_TOKEN, process.env.DATABASE_URL, process.env.NATS_URL].filter((value): value is string => Boolean(value && value.length >= 8));
  // Credentialed URLs, and code reading a server variable (the sign-in form may name ADMIN_TOKEN in its help text).
  const patterns = [
    /postgres(?:ql)?:\/\/[^\s"'`]+@/i,
    /nats:\/\/[^\s"'`/]+:[^\s"'`/]+@/i,
    /process\.env\.(?:NATS_URL|DATABASE_URL|ADMIN_TOKEN)\b/,
    /["'](?:NATS_URL|DATABASE_URL|ADMIN_TOKEN)["']\s*\]/,
  ];
  const leaks: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (const secret of secrets) if (text.includes(secret)) leaks.push(`${file}: a server secret`);
    for (const pattern of patterns) if (pattern.test(text)) leaks.push(`${file}: ${pattern}`);
  }
  expect(leaks).toEqual([]);
});
