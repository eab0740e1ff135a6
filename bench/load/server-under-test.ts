/**
 * The server a load benchmark measures: the production build started as a child process, the
 * way `npm start` runs it (DEMO=0), on the benchmark's own nats-server and a fresh DATA_DIR (or
 * DATABASE_URL's PostgreSQL when set). CPU and memory are read from /proc, from outside.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { findFreePort } from "../../server/platform/backbone/nats-server-process";
import { readNpmStartSettings } from "../../testing/npm-start-settings";

export function processRssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) * 1024 : 0;
}

export interface ServerUnderTest {
  baseUrl: string;
  pid: number;
  /** CPU seconds (user + system) the process has used so far. */
  cpuSeconds(): number;
  rssBytes(): number;
  stop(): Promise<void>;
}

const CLOCK_TICKS = 100;

/** CPU seconds (user + system) process `pid` has used so far, from /proc. */
export function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

export async function startServerUnderTest(options: { natsUrl: string; dataDir: string; adminToken: string; env?: Record<string, string> }): Promise<ServerUnderTest> {
  const port = await findFreePort();
  const root = path.resolve(import.meta.dirname, "../..");
  // BENCH_PROFILE=<dir>: a V8 CPU profile of the server, written when it stops (open in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`] : [];
  // BENCH_SERVER=<file>: another build of the server (a copy of dist/ from another commit, inside the project) to compare in one sitting.
  const entry = process.env.BENCH_SERVER ?? "dist/server.mjs";
  // The flags and malloc settings `npm start` runs the server with (scripts/start.sh); a MALLOC_*
  // variable set for the bench wins, as it does with start.sh.
  const { nodeFlags, mallocEnv } = readNpmStartSettings(root);
  const child: ChildProcess = spawn(process.execPath, [...profile, ...nodeFlags, entry], {
    cwd: root,
    env: {
      ...mallocEnv,
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: options.dataDir,
      NATS_URL: options.natsUrl,
      ADMIN_TOKEN: options.adminToken,
      DEMO: "0",
      ...options.env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited at start-up:\n${errors}`);
    if (Date.now() > deadline) throw new Error(`the server did not answer within 120 s:\n${errors}`);
    const answer = await fetch(`${baseUrl}/api/health`).catch(() => null);
    if (answer?.ok) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const pid = child.pid!;
  return {
    baseUrl,
    pid,
    cpuSeconds: () => processCpuSeconds(pid),
    rssBytes: () => processRssBytes(pid),
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
