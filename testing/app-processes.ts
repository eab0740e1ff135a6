/**
 * Real Lastmile app processes for multi-process tests: `node --import tsx server/index.ts` with
 * the production settings an operator would use (NODE_ENV=production, DEMO=0, a configured
 * ADMIN_TOKEN, NATS_URL and DATABASE_URL shared by all of them) and SERVE_PAGES=0, so no
 * `next build` is needed: everything of the live pipeline runs (API, ingest, outbox, tracker,
 * relay, webhooks), only Next.js pages are left out. Each process gets its own free port and
 * DATA_DIR; kill("SIGKILL") is a crash, nothing is flushed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { findFreePort } from "../server/platform/backbone/nats-server-process";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));

export interface AppProcessOptions {
  /** A short name for logs and reports ("A", "B", …). */
  name: string;
  natsUrl: string;
  databaseUrl: string;
  adminToken: string;
  /** More environment (overrides the defaults above). */
  env?: Record<string, string>;
}

export interface AppProcess {
  name: string;
  pid: number;
  baseUrl: string;
  child: ChildProcess;
  /** Resolves once the process has exited (any way). */
  exited: Promise<void>;
  isAlive(): boolean;
  /** The last few KiB of its stdout and stderr, for failure messages. */
  output(): string;
  kill(signal: NodeJS.Signals): void;
}

/** Starts one app process and resolves once it listens (its "Lastmile is live" line); rejects if it exits first or after `timeoutMs`. */
export async function startAppProcess(options: AppProcessOptions, timeoutMs = 90_000): Promise<AppProcess> {
  const port = await findFreePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), `lastmile-app-${options.name}-`));
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: "production",
      SERVE_PAGES: "0",
      DEMO: "0",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATA_DIR: dataDir,
      NATS_URL: options.natsUrl,
      DATABASE_URL: options.databaseUrl,
      ADMIN_TOKEN: options.adminToken,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (text: string) => {
    output = (output + text).slice(-8_000);
    if (process.env.TEST_VERBOSE) process.stderr.write(`[app ${options.name}] ${text}`);
  };
  child.stderr!.on("data", (chunk: Buffer) => keep(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  exited.finally(() => rmSync(dataDir, { recursive: true, force: true })).catch(() => undefined);

  const isAlive = () => child.exitCode === null && child.signalCode === null;
  const handle: AppProcess = {
    name: options.name,
    pid: child.pid!,
    baseUrl: `http://127.0.0.1:${port}`,
    child,
    exited,
    isAlive,
    output: () => output,
    kill(signal) {
      if (isAlive()) child.kill(signal);
    },
  };

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      handle.kill("SIGKILL");
      reject(new Error(`app ${options.name} did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    createInterface({ input: child.stdout! }).on("line", (line) => {
      keep(`${line}\n`);
      // Logs are JSON lines (pino): the start-up line carries this message.
      if (line.includes("Lastmile is live")) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`app ${options.name} exited (${child.exitCode ?? child.signalCode}) before it listened:\n${output}`));
    });
  });
  return handle;
}

/** Stops every process still running (SIGTERM, then SIGKILL after `graceMs`) and waits for them. */
export async function stopAppProcesses(processes: readonly AppProcess[], graceMs = 10_000): Promise<void> {
  for (const app of processes) app.kill("SIGTERM");
  const timer = setTimeout(() => {
    for (const app of processes) app.kill("SIGKILL");
  }, graceMs);
  await Promise.all(processes.map((app) => app.exited));
  clearTimeout(timer);
}
