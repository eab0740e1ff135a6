/**
 * Connects `new pg.Client({ connectionString })` from a child `node` process running as another
 * user (uid/gid; needs root) or as this one (null), and reports what happened: a local
 * attacker's view of the database. The child's script is written to a temp file 0644 in a 0755
 * directory so that user can read it; it imports pg from this checkout by absolute URL (the
 * checkout must be readable by that user: `isLoaded` false says it was not).
 */
import { spawn } from "node:child_process";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export interface PgClientOutcome {
  /** The child could import pg at all (false: the checkout is unreadable to that user). */
  isLoaded: boolean;
  /** Connected and `SELECT count(*) FROM staff_sessions` answered. */
  isConnected: boolean;
  code?: string;
  message?: string;
}

const script = (pgUrl: string) => `
let pg;
try {
  pg = (await import(${JSON.stringify(pgUrl)})).default;
} catch (error) {
  console.log(JSON.stringify({ isLoaded: false, isConnected: false, code: error.code, message: error.message }));
  process.exit(0);
}
const client = new pg.Client({ connectionString: process.argv[2], connectionTimeoutMillis: 5000 });
client.on("error", () => undefined);
try {
  await client.connect();
  await client.query("SELECT count(*) FROM staff_sessions");
  console.log(JSON.stringify({ isLoaded: true, isConnected: true }));
} catch (error) {
  console.log(JSON.stringify({ isLoaded: true, isConnected: false, code: error.code, message: error.message }));
} finally {
  await client.end().catch(() => undefined);
}
`;

export async function tryPgClientAs(connectionString: string, user: { uid: number; gid: number } | null): Promise<PgClientOutcome> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "lastmile-pg-client-"));
  try {
    await chmod(dir, 0o755);
    const file = path.join(dir, "connect.mjs");
    await writeFile(file, script(import.meta.resolve("pg")), { mode: 0o644 });
    await chmod(file, 0o644);
    const child = spawn(process.execPath, [file, connectionString], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "test" },
      stdio: ["ignore", "pipe", "pipe"],
      ...(user ?? {}),
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", resolve);
    });
    const last = stdout.trim().split("\n").pop() ?? "";
    if (!last.startsWith("{")) throw new Error(`the pg client child exited ${code} without an answer: ${stderr.slice(0, 500)}`);
    return JSON.parse(last) as PgClientOutcome;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
