/**
 * A PostgreSQL server of the test's own (initdb in a temp dir, a free port), which the test may
 * stop and start again — the machine's shared server must never be stopped. Needs PostgreSQL's
 * server binaries (initdb, pg_ctl); as root they run as the `postgres` user. Resolves with a
 * reason instead when they are missing, for the test to skip saying why.
 */
import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { findFreePort } from "../server/platform/backbone/nats-server-process";

const run = promisify(execFile);

export interface OwnPostgres {
  url: string;
  /** `pg_ctl stop -m fast`: every connection is closed, new ones are refused. */
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

function findBinary(name: string): string | null {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/local/bin"];
  for (const base of ["/usr/lib/postgresql"]) {
    if (existsSync(base)) for (const version of readdirSync(base).sort().reverse()) dirs.push(path.join(base, version, "bin"));
  }
  return dirs.map((dir) => path.join(dir, name)).find((candidate) => existsSync(candidate)) ?? null;
}

export async function startOwnPostgres(): Promise<OwnPostgres | string> {
  const initdb = findBinary("initdb");
  const pgCtl = findBinary("pg_ctl");
  if (!initdb || !pgCtl) return "PostgreSQL's server binaries (initdb, pg_ctl) are not installed";
  const isRoot = process.getuid?.() === 0;
  const as = (binary: string, args: string[]) => (isRoot ? run("runuser", ["-u", "postgres", "--", binary, ...args]) : run(binary, args));
  const dir = mkdtempSync(path.join(tmpdir(), "lastmile-pg-"));
  if (isRoot) {
    try {
      chownSync(dir, Number((await run("id", ["-u", "postgres"])).stdout.trim()), Number((await run("id", ["-g", "postgres"])).stdout.trim()));
    } catch {
      rmSync(dir, { recursive: true, force: true });
      return "running as root and there is no `postgres` user to run PostgreSQL as";
    }
  }
  const port = await findFreePort();
  const data = path.join(dir, "data");
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
  try {
    await as(initdb, ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return `initdb failed: ${(error as Error).message}`;
  }
  const start = async () => {
    await as(pgCtl, ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "start"]);
  };
  await start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    start,
    async stop() {
      await as(pgCtl, ["-D", data, "-m", "fast", "-w", "stop"]);
    },
    async destroy() {
      await as(pgCtl, ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
