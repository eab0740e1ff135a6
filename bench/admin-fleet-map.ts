/**
 * Is the admin fleet map smooth with BENCH_DRIVERS (2,000) drivers (target: ≥ 50 fps)? Runs the
 * server (from source, NODE_ENV=production: the pages of the production build; DEMO=0) and
 * Debian's Chromium, signs in, and measures the page's main-thread busy share (CDP TaskDuration
 * over wall time) and frame rate (requestAnimationFrame count) in two phases of the same run: a
 * baseline with the drivers on the map but none moving, then all of them moving (every driver
 * posts a fix each second, as fast as the bench's fetch loop allows). Reported as figures and as
 * a ratio to baseline.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";

const DRIVERS = Number(process.env.BENCH_DRIVERS ?? 2000);
const PHASE_MS = 10_000;
const ADMIN = "bench-admin-token-0123456789abcdef0123456789";
const PORT = 30_000 + Math.floor(Math.random() * 10_000);
const BASE = `http://127.0.0.1:${PORT}`;

async function api(method: string, url: string, body: unknown, token = ADMIN): Promise<any> {
  const response = await fetch(BASE + url, { method, headers: { Authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<unknown>): Promise<void> {
  for (let index = 0; index < items.length; index += size) await Promise.all(items.slice(index, index + size).map(work));
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "lastmile-bench-map-"));
  const server = spawn("npx", ["tsx", "server/index.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DEMO: "0",
      ADMIN_TOKEN: ADMIN,
      TILE_URL: "http://127.0.0.1:9/{z}/{x}/{y}.png",
      NATS_URL: "",
      DATABASE_URL: "",
    },
    stdio: "ignore",
    detached: true,
  });
  try {
    for (let attempt = 0; ; attempt++) {
      const ok = await fetch(`${BASE}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (attempt > 240) throw new Error("server did not start");
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const drivers: { id: string; token: string; lat: number; lng: number; seq: number }[] = [];
    await inBatches(
      Array.from({ length: DRIVERS }, (_, index) => index),
      25,
      async (index) => {
        const driver = await api("POST", "/api/drivers", { name: `Bench ${String(index).padStart(4, "0")}` });
        // Spread over ~20 × 20 km around Madrid.
        drivers.push({ id: driver.id, token: driver.token, lat: 40.33 + Math.random() * 0.18, lng: -3.82 + Math.random() * 0.24, seq: 0 });
      },
    );
    const postAll = () =>
      inBatches(drivers, 50, (driver) => {
        driver.lat += (Math.random() - 0.5) * 0.0006;
        driver.lng += (Math.random() - 0.5) * 0.0006;
        return api("POST", "/api/driver/locations", { fixes: [{ lat: driver.lat, lng: driver.lng, at: Date.now(), seq: ++driver.seq, speed: 8 }] }, driver.token);
      });
    await postAll();

    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${BASE}/admin`);
    await page.getByRole("tab", { name: "Admin password" }).click();
    await page.getByLabel("Admin password").fill(ADMIN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page
      .getByTestId("fleet-live")
      .filter({ hasText: `${DRIVERS} drivers` })
      .waitFor({ timeout: 60_000 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");

    const measure = async (label: string, during: () => Promise<void>) => {
      const taskDuration = async () => (await cdp.send("Performance.getMetrics")).metrics.find((metric) => metric.name === "TaskDuration")?.value ?? 0;
      // A string, not a function: tsx's name helpers do not exist in the page.
      await page.evaluate(
        "window.__gen = (window.__gen || 0) + 1; window.__frames = 0; (function (gen) { (function tick() { if (window.__gen !== gen) return; window.__frames++; requestAnimationFrame(tick); })(); })(window.__gen);",
      );
      const busyBefore = await taskDuration();
      const started = Date.now();
      await during();
      const wallS = (Date.now() - started) / 1000;
      const busy = (await taskDuration()) - busyBefore;
      const frames = Number(await page.evaluate("window.__gen++; window.__frames"));
      const result = { label, busyShare: busy / wallS, fps: frames / wallS };
      console.log(`${label.padEnd(34)} main thread busy ${(result.busyShare * 100).toFixed(1)}%  ·  ${result.fps.toFixed(1)} frames/s`);
      return result;
    };

    for (const zoom of ["clustered (city view)", "zoomed in (no clusters)"]) {
      if (zoom.startsWith("zoomed")) {
        for (let step = 0; step < 3; step++) await page.getByRole("button", { name: "Zoom in" }).click();
        await page.waitForTimeout(1500);
      }
      const idle = await measure(`idle map, ${zoom}`, () => page.waitForTimeout(PHASE_MS));
      const moving = await measure(`${DRIVERS} moving, ${zoom}`, async () => {
        const until = Date.now() + PHASE_MS;
        let rounds = 0;
        while (Date.now() < until) {
          rounds++;
          const tickStart = Date.now();
          await postAll();
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 - (Date.now() - tickStart))));
        }
        console.log(`  (${rounds} rounds of ${DRIVERS} fixes in ${PHASE_MS / 1000} s)`);
      });
      console.log(`  → busy ×${(moving.busyShare / Math.max(idle.busyShare, 1e-6)).toFixed(1)} vs idle; frame rate ${((moving.fps / idle.fps) * 100).toFixed(0)}% of idle`);
    }
    await browser.close();
  } finally {
    // The server may have died already (its start-up failure is then the error to see, not this).
    if (server.pid) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {}
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
