/**
 * What the embedded default holds when idle and empty (issue 21, target ≤ 300 MB): `npm start`
 * (scripts/start.sh: the production build, PGlite in its worker thread, nats-server as a child)
 * on a new DATA_DIR with DEMO=0, then started again on the same DATA_DIR (the steady case: no
 * initdb, migrations already applied). RSS is the server's VmRSS plus its children's (nats-server),
 * read from /proc once a second from /api/health's first answer for IDLE_RSS_SECONDS (default 60);
 * the figures are the reading at ready, the last one (settled) and the highest, in MB (10^6 bytes,
 * as the target is written) and MiB. The server's own RSS is split by kind of mapping from
 * /proc/<pid>/smaps: PGlite's WASM memory, glibc's malloc arenas, the node binary, the rest (V8
 * heaps of both threads, compiled WASM code). BENCH_ROOT=<checkout> measures another checkout's
 * `npm start` (its own scripts/start.sh and dist/); IDLE_RSS_ROOTS=<a>,<b> measures both, one
 * after the other, for a before/after pair in one sitting.
 *
 *   npm run build && npx tsx bench/idle-rss.ts
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { findFreePort } from "../server/platform/backbone/nats-server-process";

const seconds = Number(process.env.IDLE_RSS_SECONDS ?? 60);
const here = path.resolve(import.meta.dirname, "..");
const roots = (process.env.IDLE_RSS_ROOTS ?? process.env.BENCH_ROOT ?? here).split(",").map((root) => path.resolve(root));

/** VmRSS in KiB of `pid` and every descendant (threads' children included), by pid. */
function treeRss(pid: number): Map<number, { name: string; kib: number }> {
  const found = new Map<number, { name: string; kib: number }>();
  const visit = (id: number) => {
    try {
      const status = readFileSync(`/proc/${id}/status`, "utf8");
      found.set(id, { name: /^Name:\s+(.*)$/m.exec(status)?.[1] ?? "?", kib: Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0) });
      for (const task of readFileSync(`/proc/${id}/task/${id}/children`, "utf8").trim().split(/\s+/).filter(Boolean)) visit(Number(task));
    } catch {
      // gone between two reads
    }
  };
  visit(pid);
  return found;
}

/**
 * The server's resident memory by kind of mapping: PGlite's WASM memory (one anonymous mapping
 * of 128–2,048 MiB: its size inside a larger reservation), glibc's per-thread malloc arenas
 * (anonymous, 64 MiB-aligned, at most 64 MiB), the node binary, the brk heap, and the rest.
 */
function rssByKind(pid: number): Record<string, number> {
  const kinds: Record<string, number> = { wasmMemory: 0, mallocArenas: 0, brkHeap: 0, nodeBinary: 0, otherAnonymous: 0, otherFiles: 0 };
  let kind = "otherAnonymous";
  for (const line of readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
    const mapping = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (mapping) {
      const [start, end] = [BigInt(`0x${mapping[1]}`), BigInt(`0x${mapping[2]}`)];
      const mib = Number((end - start) >> 20n);
      const name = mapping[3]!;
      if (name === "[heap]") kind = "brkHeap";
      else if (name.endsWith("/node")) kind = "nodeBinary";
      else if (name !== "") kind = "otherFiles";
      else if (mib >= 128 && mib < 4096) kind = "wasmMemory";
      else if (start % (64n << 20n) === 0n && mib <= 64) kind = "mallocArenas";
      else kind = "otherAnonymous";
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) kinds[kind]! += Number(rss[1]) / 1024;
  }
  return Object.fromEntries(Object.entries(kinds).map(([key, mib]) => [key, Math.round(mib)]));
}

type Reading = { atReadyMB: number; settledMB: number; highestMB: number; serverMB: number; childrenMB: number; readyAfterS: number; byKindMiB: Record<string, number> };

async function measureStart(root: string, dataDir: string): Promise<Reading> {
  const [port, natsPort] = [await findFreePort(), await findFreePort()];
  const started = performance.now();
  const server: ChildProcess = spawn("bash", ["scripts/start.sh"], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), NATS_PORT: String(natsPort), HOST: "127.0.0.1", DEMO: "0", DATABASE_URL: "", NATS_URL: "", LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let errors = "";
  server.stderr!.on("data", (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
  try {
    for (const deadline = Date.now() + 300_000; ;) {
      if (server.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not start:\n${errors}`);
      if ((await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null))?.ok) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const readyAfterS = (performance.now() - started) / 1000;
    // start.sh execs node: the bash child's pid is the server's.
    const pid = server.pid!;
    const total = () => [...treeRss(pid).values()].reduce((sum, { kib }) => sum + kib, 0) * 1024;
    const atReady = total();
    let highest = atReady;
    for (let second = 0; second < seconds; second++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      highest = Math.max(highest, total());
    }
    const tree = treeRss(pid);
    const serverBytes = tree.get(pid)!.kib * 1024;
    const settled = total();
    const mb = (bytes: number) => Math.round(bytes / 1e6);
    return {
      atReadyMB: mb(atReady),
      settledMB: mb(settled),
      highestMB: mb(Math.max(highest, settled)),
      serverMB: mb(serverBytes),
      childrenMB: mb(settled - serverBytes),
      readyAfterS: Math.round(readyAfterS * 10) / 10,
      byKindMiB: rssByKind(pid),
    };
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => (server.exitCode === null ? server.once("exit", resolve) : resolve(null)));
  }
}

const results: { root: string; firstStart: Reading; restart: Reading }[] = [];
for (const root of roots) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "lastmile-idle-rss-"));
  try {
    const firstStart = await measureStart(root, dataDir);
    const restart = await measureStart(root, dataDir);
    // The checkout as a path from this one ('.' for itself): a result file names no machine's folders.
    results.push({ root: path.relative(here, root) || ".", firstStart, restart });
    for (const [label, reading] of [
      ["new DATA_DIR", firstStart],
      ["restart", restart],
    ] as const) {
      console.log(
        `${root} ${label}: ${reading.settledMB} MB idle after ${seconds} s (server ${reading.serverMB} MB, nats-server ${reading.childrenMB} MB), ${reading.atReadyMB} MB at ready (${reading.readyAfterS} s), highest ${reading.highestMB} MB; server by kind (MiB): ${JSON.stringify(reading.byKindMiB)}`,
      );
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
console.log(`load average at the end: ${load} (RSS does not depend on load much; start-up time does)`);
const outDir = path.join(here, "bench", "results");
mkdirSync(outDir, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
writeFileSync(path.join(outDir, `idle-rss-${stamp}.json`), JSON.stringify({ seconds, load, results }, null, 2));
