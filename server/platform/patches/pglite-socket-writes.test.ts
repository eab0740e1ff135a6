/**
 * The write coalescing against the installed pglite-socket: its private net.Server is there, the
 * answers go through the corked writes (several messages each, one flush per statement), and the
 * answers still read right.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import pg from "pg";
import { checkPgliteSocketWritesPatch, coalesceWrites } from "./pglite-socket-writes";

test("the installed pglite-socket is in the tested range", () => {
  const warnings: string[] = [];
  checkPgliteSocketWritesPatch((message) => warnings.push(message));
  assert.deepEqual(warnings, []);
});

test("each parameterised statement's five messages leave in one flush, and answers read right", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "pglite-writes-"));
  const db = await PGlite.create();
  const server = new PGLiteSocketServer({ db, path: path.join(dir, ".s.PGSQL.5432") });
  await server.start();
  const counts = coalesceWrites(server);
  const client = new pg.Client({ host: dir, user: "postgres", database: "postgres" });
  try {
    await client.connect();
    const before = { ...counts };
    const statements = 20;
    for (let index = 0; index < statements; index++) {
      const { rows } = await client.query<{ n: number }>("SELECT $1::int + 1 AS n", [index]);
      assert.equal(rows[0]!.n, index + 1);
    }
    const written = counts.written - before.written;
    const flushed = counts.flushed - before.flushed;
    assert.ok(written >= statements * 4, `the library's answers went through the patched write (${written} writes for ${statements} statements)`);
    assert.ok(flushed <= statements, `one flush per statement at most (${flushed} for ${statements})`);
  } finally {
    await client.end().catch(() => undefined);
    await server.stop();
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
});
