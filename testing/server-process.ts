/**
 * The real server as a child process: `node dist/server.mjs` (the production build, so run
 * `bash scripts/ensure-build.sh` first — the fault suite's script does), on a free port, with
 * the NATS server and database the test gives it. Its stdout is JSON lines (pino); they are
 * kept, parsed, for the test to read.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { waitFor } from "./test-app";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
export const SERVER_BUNDLE = fileURLToPath(new URL("../dist/server.mjs", import.meta.url));

export type LogLine = { level: string; msg: string; time: string; [key: string]: unknown };

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  port: number;
  adminToken: string;
  /** Every stdout line, parsed (lines that are not JSON are kept as `{ level: "raw", msg }`). */
  lines: LogLine[];
  stderr: string[];
  /** Resolves with the exit code (or the signal's name) once the process is gone. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

export interface ServerProcessOptions {
  dataDir: string;
  natsUrl: string;
  databaseUrl?: string;
  adminToken?: string;
  /** A port to reuse (a restart); default: a free one picked by the server (PORT=0). */
  port?: number;
  env?: Record<string, string>;
  /** Start it as a person does, through `npm start` (npm, its shell, scripts/start.sh, node). */
  viaNpmStart?: boolean;
  /** Another build's server bundle (a benchmark's A side); it serves the pages built beside it. */
  bundle?: string;
}

export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const bundle = options.bundle ?? SERVER_BUNDLE;
  if (!existsSync(bundle)) throw new Error(`no ${bundle}: run \`bash scripts/ensure-build.sh\` first`);
  const adminToken = options.adminToken ?? randomBytes(32).toString("base64url");
  const [command, args] = options.viaNpmStart ? ["npm", ["start"]] : [process.execPath, ["--enable-source-maps", bundle]];
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(options.port ?? 0),
      DATA_DIR: options.dataDir,
      NATS_URL: options.natsUrl,
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : { DATABASE_URL: "" }),
      ADMIN_TOKEN: adminToken,
      DEMO: "0",
      NEXT_TELEMETRY_DISABLED: "1",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: LogLine[] = [];
  const stderr: string[] = [];
  createInterface({ input: child.stdout! }).on("line", (line) => {
    try {
      lines.push(JSON.parse(line) as LogLine);
    } catch {
      lines.push({ level: "raw", msg: line, time: new Date().toISOString() });
    }
  });
  createInterface({ input: child.stderr! }).on("line", (line) => stderr.push(line));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal, at: performance.now() })));
  const describe = () => [...lines.map((line) => JSON.stringify(line)), ...stderr].join("\n");
  const started = waitFor(() => lines.find((line) => typeof line.port === "number" && line.msg.startsWith("Lastmile is live")), 60_000, "the server to start");
  const live = await Promise.race([started, exited.then(({ code, signal }) => Promise.reject(new Error(`the server exited during start-up (${code ?? signal}):\n${describe()}`)))]).catch(
    (error: unknown) => {
      // npm passes SIGTERM on to the server; SIGKILL would kill npm alone and leave it running.
      child.kill(options.viaNpmStart ? "SIGTERM" : "SIGKILL");
      throw error;
    },
  );
  const port = live.port as number;
  return { child, baseUrl: `http://127.0.0.1:${port}`, port, adminToken, lines, stderr, exited };
}
