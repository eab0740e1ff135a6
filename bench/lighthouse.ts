/**
 * `tsx bench/lighthouse.ts`: the customer's tracking page as Lighthouse 12.2.3 sees it on a phone
 * (its default mobile emulation: Moto G Power screen, simulated slow 4G and 4× CPU slowdown).
 *
 * The production bundle runs as its own process (its own nats-server, PGlite, DEMO=0), with map
 * tiles from a local tile server (one neutral 256 px PNG for every tile, so the map looks as in
 * production without reaching the internet). A driver gets a route of five orders, picks them
 * up and posts a fix; Lighthouse then loads two tracking pages: the last order (four stops away,
 * the driver not shown yet) and the first (next stop, the driver on the map). For each it reports
 * the performance, accessibility and best-practices scores, the audits that lost points, and the
 * page's JavaScript: files and KB transferred (compressed as `npm start` serves it) on a first
 * load, measured in Chromium through Playwright. Writes bench/results/lighthouse-<date>.md.
 * Targets: performance ≥ 95, accessibility 100, best practices ≥ 95, JavaScript ≤ 200 KB.
 * CHROME_PATH (default /usr/bin/chromium) is the browser both use.
 */
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { kb, measureScripts } from "../e2e/fixtures/script-weight";
import { encodePng } from "../lib/png/encode-png";
import { startServerProcess } from "../server/testing/server-process";
import { startTestNats } from "../server/testing/test-nats";

const CHROME_PATH = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const TARGETS = { performance: 95, accessibility: 100, "best-practices": 95, scriptKb: 200 };

interface Audit {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode: string;
  displayValue?: string;
  details?: { items?: Array<Record<string, unknown>> };
}
interface Lhr {
  environment?: { benchmarkIndex?: number };
  categories: Record<string, { score: number | null; auditRefs: Array<{ id: string; weight: number }> }>;
  audits: Record<string, Audit>;
}

// Tiles: one light grey 256 px PNG for every {z}/{x}/{y}.
const tile = encodePng({ width: 256, height: 256, channels: 3, pixel: () => [232, 234, 237] });
const tiles = createServer((_req, res) => res.writeHead(200, { "content-type": "image/png", "cache-control": "max-age=86400" }).end(tile));
await new Promise<void>((resolve) => tiles.listen(0, "127.0.0.1", resolve));
const tileUrl = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}/{z}/{x}/{y}.png`;

const nats = await startTestNats({ monitoring: false });
const dataDir = mkdtempSync(path.join(tmpdir(), "lastmile-lighthouse-"));
// A busy machine may take longer than the helper's minute to start the server: one more try.
const startServer = () => startServerProcess({ dataDir, natsUrl: nats.server.url, env: { TILE_URL: tileUrl } });
const server = await startServer().catch((error: unknown) => {
  console.log(`the server did not start (${String(error).split("\n")[0]}); trying once more`);
  return startServer();
});
const admin = { Authorization: `Bearer ${server.adminToken}`, "content-type": "application/json" };

async function api<T>(method: string, url: string, headers: Record<string, string>, body: unknown): Promise<T> {
  const response = await fetch(server.baseUrl + url, { method, headers, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const driver = await api<{ id: string; token: string }>("POST", "/api/drivers", admin, { name: "Ana Lighthouse" });
const orders: Array<{ id: string; trackingUrl: string }> = [];
for (let index = 0; index < 5; index++) {
  orders.push(await api("POST", "/api/orders", admin, { customerName: `Customer ${index + 1}`, address: `Calle Mayor ${index + 1}, Madrid`, lat: 40.4168 + index * 0.004, lng: -3.7038 }));
}
await api("PUT", `/api/drivers/${driver.id}/route`, admin, { orderIds: orders.map((order) => order.id) });
const driverHeaders = { Authorization: `Bearer ${driver.token}`, "content-type": "application/json" };
for (const order of orders) await api("POST", `/api/driver/orders/${order.id}/status`, driverHeaders, { status: "picked_up" });
await api("POST", "/api/driver/locations", driverHeaders, { fixes: [{ lat: 40.41, lng: -3.7038, at: Date.now(), seq: 1, accuracy: 8 }] });

const pages = [
  { name: "on the way (driver not shown)", url: orders[4]!.trackingUrl },
  { name: "driver on the map", url: orders[0]!.trackingUrl },
];

function runLighthouse(url: string): Promise<Lhr> {
  const outputPath = path.join(dataDir, `lhr-${Date.now()}.json`);
  const cli = path.join(import.meta.dirname, "../node_modules/lighthouse/cli/index.js");
  const args = [cli, url, "--output=json", `--output-path=${outputPath}`, "--only-categories=performance,accessibility,best-practices", "--chrome-flags=--headless=new --no-sandbox --disable-gpu"];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, CHROME_PATH }, stdio: ["ignore", "pipe", "pipe"] });
    // Its log is kept and shown only when it fails.
    let log = "";
    child.stdout.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
    child.stderr.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`lighthouse exited with ${code}:\n${log}`));
      // LIGHTHOUSE_KEEP=<dir> keeps each full report (open it in https://googlechrome.github.io/lighthouse/viewer/).
      if (process.env.LIGHTHOUSE_KEEP) copyFileSync(outputPath, path.join(process.env.LIGHTHOUSE_KEEP, path.basename(outputPath)));
      resolve(JSON.parse(readFileSync(outputPath, "utf8")) as Lhr);
    });
  });
}

/** What a failing audit found, briefly (its first items' URLs or descriptions). */
function describeItems(audit: Audit): string {
  const items = (audit.details?.items ?? []).slice(0, 3).map((item) => {
    const text = item.url ?? item.issueType ?? item.description ?? (item.node as { snippet?: string } | undefined)?.snippet ?? JSON.stringify(item);
    return String(text).slice(0, 140);
  });
  return items.length > 0 ? `: ${items.join(" | ")}` : "";
}

/** The audits that cost points in a category (weighted, failing or partly failing). */
function lostPoints(lhr: Lhr, category: string): string[] {
  return lhr.categories[category]!.auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id]!)
    .filter((audit) => audit.scoreDisplayMode !== "notApplicable" && audit.scoreDisplayMode !== "informative" && audit.score !== null && audit.score < 0.9)
    .map((audit) => `${audit.id} (${Math.round((audit.score ?? 0) * 100)}${audit.displayValue ? `, ${audit.displayValue}` : ""})${category === "performance" ? "" : describeItems(audit)}`);
}

try {
  const browser = await chromium.launch({ executablePath: CHROME_PATH, args: ["--no-sandbox", "--disable-gpu"] });
  const lines = [
    `# Lighthouse ${JSON.parse(readFileSync(path.join(import.meta.dirname, "../node_modules/lighthouse/package.json"), "utf8")).version as string}: the tracking page on a phone`,
    "",
    `${new Date().toISOString()}; \`npm run bench\` (bench/lighthouse.ts): production build, mobile emulation (simulated slow 4G, 4× CPU), tiles from a local tile server.`,
    `Targets: performance ≥ ${TARGETS.performance}, accessibility ${TARGETS.accessibility}, best practices ≥ ${TARGETS["best-practices"]}, JavaScript ≤ ${TARGETS.scriptKb} KB transferred.`,
    "",
    "| page | performance | accessibility | best practices | JS transferred | JS files | JS decoded | FCP | LCP | TBT | CLS |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  const notes: string[] = [];
  let isOnTarget = true;
  for (const page of pages) {
    const context = await browser.newContext();
    const weight = await measureScripts(await context.newPage(), server.baseUrl + page.url, async (shown) => {
      await shown.getByTestId("order-status").waitFor();
    });
    await context.close();
    const lhr = await runLighthouse(server.baseUrl + page.url);
    const score = (category: string) => Math.round((lhr.categories[category]?.score ?? 0) * 100);
    const metric = (id: string) => lhr.audits[id]?.displayValue ?? "?";
    const scores = { performance: score("performance"), accessibility: score("accessibility"), "best-practices": score("best-practices") };
    isOnTarget &&= scores.performance >= TARGETS.performance && scores.accessibility >= TARGETS.accessibility && scores["best-practices"] >= TARGETS["best-practices"] && kb(weight.transferred) <= TARGETS.scriptKb;
    lines.push(
      `| ${page.name} | ${scores.performance} | ${scores.accessibility} | ${scores["best-practices"]} | ${kb(weight.transferred)} KB | ${weight.files} | ${kb(weight.decoded)} KB | ${metric("first-contentful-paint")} | ${metric("largest-contentful-paint")} | ${metric("total-blocking-time")} | ${metric("cumulative-layout-shift")} |`,
    );
    notes.push(`- ${page.name}: this machine's Lighthouse benchmark index ${Math.round(lhr.environment?.benchmarkIndex ?? 0)} (a busy or slow CPU scores lower and inflates total blocking time)`);
    for (const category of ["performance", "accessibility", "best-practices"]) {
      const lost = lostPoints(lhr, category);
      if (lost.length > 0) notes.push(`- ${page.name}, ${category}: ${lost.join("; ")}`);
    }
    notes.push(`- ${page.name}, scripts: ${weight.scripts.map((script) => `${path.basename(script.url)} ${kb(script.transferred)} KB`).join(", ")}`);
  }
  await browser.close();
  lines.push("", "Audits below 90 and the scripts loaded:", "", ...notes, "", isOnTarget ? "All targets met." : "Some targets NOT met.", "");
  const report = lines.join("\n");
  console.log(report);
  const dir = path.join(import.meta.dirname, "results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `lighthouse-${new Date().toISOString().slice(0, 10)}${process.env.LIGHTHOUSE_LABEL ? `-${process.env.LIGHTHOUSE_LABEL}` : ""}.md`);
  writeFileSync(file, report);
  console.log(`written to ${path.relative(process.cwd(), file)}`);
} finally {
  // Also when Lighthouse fails: never leave the server, nats-server or the data behind.
  server.child.kill("SIGTERM");
  await server.exited;
  await nats.stop();
  tiles.close();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
