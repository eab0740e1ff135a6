/**
 * `tsx bench/lighthouse.ts`: the customer's tracking page as Lighthouse 12.2.3 sees it on a phone
 * (its default mobile emulation: Moto G Power screen, simulated slow 4G and 4× CPU slowdown).
 *
 * The production bundle runs as its own process with a driver and five orders
 * (bench/tracking-fixture.ts); Lighthouse loads two tracking pages: the last order (four stops
 * away, the driver not shown yet) and the first (next stop, the driver on the map). For each it reports
 * the performance, accessibility and best-practices scores, the audits that lost points, and the
 * page's JavaScript: files and KB transferred (compressed as `npm start` serves it) on a first
 * load, measured in Chromium through Playwright. Writes bench/results/lighthouse-<date>.md.
 * Targets: performance ≥ 95, accessibility 100, best practices ≥ 95, JavaScript ≤ 200 KB.
 * CHROME_PATH (default /usr/bin/chromium) is the browser both use. LIGHTHOUSE_CPU_SLOWDOWN (default
 * 4, Lighthouse's own) sets the simulated CPU slowdown: scores depend on this machine's speed (the
 * benchmark index in each report), so a faster day's run is compared with a slower day's at a
 * slowdown scaled by their indexes (4 × today's index / that day's).
 */
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { kb, measureScripts } from "../e2e/fixtures/script-weight";
import { startTrackingFixture } from "./tracking-fixture";

const CHROME_PATH = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const CPU_SLOWDOWN = Number(process.env.LIGHTHOUSE_CPU_SLOWDOWN ?? 4);
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

const fixture = await startTrackingFixture();
const { pages, dataDir } = fixture;
const server = { baseUrl: fixture.baseUrl };

function runLighthouse(url: string): Promise<Lhr> {
  const outputPath = path.join(dataDir, `lhr-${Date.now()}.json`);
  const cli = path.join(import.meta.dirname, "../node_modules/lighthouse/cli/index.js");
  const args = [
    cli,
    url,
    "--output=json",
    `--output-path=${outputPath}`,
    "--only-categories=performance,accessibility,best-practices",
    "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    `--throttling.cpuSlowdownMultiplier=${CPU_SLOWDOWN}`,
  ];
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
  return lhr.categories[category]!.auditRefs.filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id]!)
    .filter((audit) => audit.scoreDisplayMode !== "notApplicable" && audit.scoreDisplayMode !== "informative" && audit.score !== null && audit.score < 0.9)
    .map((audit) => `${audit.id} (${Math.round((audit.score ?? 0) * 100)}${audit.displayValue ? `, ${audit.displayValue}` : ""})${category === "performance" ? "" : describeItems(audit)}`);
}

try {
  const browser = await chromium.launch({ executablePath: CHROME_PATH, args: ["--no-sandbox", "--disable-gpu"] });
  const lines = [
    `# Lighthouse ${JSON.parse(readFileSync(path.join(import.meta.dirname, "../node_modules/lighthouse/package.json"), "utf8")).version as string}: the tracking page on a phone`,
    "",
    `${new Date().toISOString()}; \`npm run bench\` (bench/lighthouse.ts): production build, mobile emulation (simulated slow 4G, ${CPU_SLOWDOWN}× CPU), tiles from a local tile server.`,
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
    isOnTarget &&=
      scores.performance >= TARGETS.performance && scores.accessibility >= TARGETS.accessibility && scores["best-practices"] >= TARGETS["best-practices"] && kb(weight.transferred) <= TARGETS.scriptKb;
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
  await fixture.stop();
}
process.exit(0);
