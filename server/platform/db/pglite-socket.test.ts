/**
 * The embedded database is reachable by this server's user only: PGlite is served on a Unix
 * socket in a 0700 directory, nothing listens on TCP, a client running as another local user is
 * refused, a stale socket from a crash does not stop the next start, and a DATA_DIR too long
 * for a socket path falls back to a private temp directory. On real PGlite, through the worker.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, lstatSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { parse } from "pg-connection-string";
import { tryPgClientAs } from "../../../testing/pg-client-as";
import { tcpPortsListenedOn } from "../../../testing/tcp-listeners";
import { createEmbeddedTestDatabase, seedPgliteDataDir, type TestDatabase } from "../../../testing/test-database";
import { startPgliteServer } from "./pglite-server";
import { MAX_SOCKET_PATH_BYTES, SOCKET_FILE_NAME } from "./pglite-socket-dir";

const NOBODY = { uid: 65534, gid: 65534 };
const isRoot = process.getuid?.() === 0;

async function scratchDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

describe("the embedded database's socket", () => {
  let db: TestDatabase;
  let tcpBefore: number[] | null;
  let socketDir: string;

  before(async () => {
    tcpBefore = tcpPortsListenedOn();
    db = await createEmbeddedTestDatabase();
    socketDir = parse(db.connectionString).host ?? "";
  });
  after(async () => {
    await db?.close();
  });

  test("is a Unix socket in a 0700 directory of this user's, and nothing listens on TCP", async () => {
    const url = new URL(db.connectionString);
    assert.equal(url.port, "", `no port in ${db.connectionString}`);
    assert.notEqual(url.hostname, "127.0.0.1");
    assert.ok(path.isAbsolute(socketDir), `pg's host is the socket's directory: ${db.connectionString}`);
    const dir = lstatSync(socketDir);
    assert.ok(dir.isDirectory());
    assert.equal((dir.mode & 0o777).toString(8), "700");
    assert.equal(dir.uid, process.getuid?.());
    assert.ok(lstatSync(path.join(socketDir, SOCKET_FILE_NAME)).isSocket());

    const client = new pg.Client({ connectionString: db.connectionString });
    await client.connect();
    try {
      assert.deepEqual((await client.query("SELECT $1::int + 1 AS answer", [41])).rows, [{ answer: 42 }]);
    } finally {
      await client.end();
    }

    const tcpNow = tcpPortsListenedOn();
    if (tcpBefore === null || tcpNow === null) return;
    assert.deepEqual(tcpNow, tcpBefore, "the database added no TCP listener to this process");
  });

  test("a client running as another local user is refused; this user's is let in", async (t) => {
    if (!isRoot) {
      t.skip("needs root to run a client as another user (nobody); CI runs as root");
      return;
    }
    // As the default DATA_DIR (.data, created 0755 under umask 022), and a socket file anyone may
    // write to (what a umask of 000 gives): the socket's 0700 directory is what keeps others out.
    await chmod(path.dirname(socketDir), 0o755);
    await chmod(path.join(socketDir, SOCKET_FILE_NAME), 0o777);
    const asNobody = await tryPgClientAs(db.connectionString, NOBODY);
    if (!asNobody.isLoaded) {
      t.skip(`nobody cannot read this checkout's node_modules/pg (${asNobody.message ?? ""}), so it cannot run the client`);
      return;
    }
    assert.equal(asNobody.isConnected, false, "nobody connected to the database");
    assert.equal(asNobody.code, "EACCES", `refused by the directory's permissions: ${asNobody.message ?? ""}`);

    const asServerUser = await tryPgClientAs(db.connectionString, null);
    assert.deepEqual(asServerUser, { isLoaded: true, isConnected: true });
  });

  test("writes coalescing still holds on the socket: one parameterised statement's answer is one read", async () => {
    const client = new pg.Client({ connectionString: db.connectionString });
    await client.connect();
    try {
      const stream = (client as unknown as { connection: { stream: NodeJS.EventEmitter } }).connection.stream;
      let reads = 0;
      stream.on("data", () => reads++);
      const statements = 20;
      for (let index = 0; index < statements; index++) await client.query("SELECT $1::int AS n, 'x' AS label", [index]);
      assert.equal(reads, statements);
    } finally {
      await client.end();
    }
  });
});

describe("starting the embedded database", () => {
  test("a stale socket left by a crash is removed; a live one (another server on this DATA_DIR) is refused", async () => {
    const dataDir = await scratchDir("lastmile-stale-");
    try {
      const socketPath = path.join(dataDir, "pglite-socket", SOCKET_FILE_NAME);
      await mkdir(path.dirname(socketPath), { mode: 0o700 });
      // A process killed while listening leaves its socket file behind.
      const crashed = spawn(process.execPath, ["-e", `require("node:net").createServer().listen(${JSON.stringify(socketPath)}, () => process.kill(process.pid, "SIGKILL"))`]);
      await new Promise((resolve) => crashed.once("exit", resolve));
      assert.ok(lstatSync(socketPath).isSocket(), "the crashed listener left its socket");

      await seedPgliteDataDir(dataDir);
      const server = await startPgliteServer({ dataDir, log: () => undefined });
      try {
        const client = new pg.Client({ connectionString: server.connectionString });
        await client.connect();
        await client.end();
        await assert.rejects(startPgliteServer({ dataDir, log: () => undefined }), /another process serves the database/);
      } finally {
        await server.stop();
      }
      assert.equal(existsSync(socketPath), false, "stopping removes the socket");
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  test(`a DATA_DIR too long for a socket path (> ${MAX_SOCKET_PATH_BYTES} bytes) serves from a private temp directory, removed on stop`, async () => {
    const base = await scratchDir("lastmile-long-");
    const dataDir = path.join(base, "d".repeat(100));
    try {
      await mkdir(dataDir);
      await seedPgliteDataDir(dataDir);
      const server = await startPgliteServer({ dataDir, log: () => undefined });
      let dir = "";
      try {
        dir = parse(server.connectionString).host ?? "";
        assert.ok(dir.startsWith(os.tmpdir()), `a temp directory: ${dir}`);
        assert.equal((lstatSync(dir).mode & 0o777).toString(8), "700");
        const client = new pg.Client({ connectionString: server.connectionString });
        await client.connect();
        assert.deepEqual((await client.query("SELECT 1 AS one")).rows, [{ one: 1 }]);
        await client.end();
      } finally {
        await server.stop();
      }
      assert.equal(existsSync(dir), false, "the temp directory is removed on stop");
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });
});
