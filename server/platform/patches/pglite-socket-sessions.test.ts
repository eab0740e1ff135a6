/**
 * Two connections to one pglite-socket server sending parameterised queries at once: without the
 * patch a connection gets the other's answers (the library interleaves their protocol messages);
 * with it every answer is the asker's, and a transaction on one connection still holds the other off.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import pg from "pg";
import { keepSessionsWhole } from "./pglite-socket-sessions";

async function withTwoClients(isPatched: boolean, run: (a: pg.Client, b: pg.Client) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), "pglite-sessions-"));
  const db = await PGlite.create();
  const server = new PGLiteSocketServer({ db, path: path.join(dir, ".s.PGSQL.5432"), maxConnections: 4 });
  if (isPatched) keepSessionsWhole(server);
  await server.start();
  const clients = [0, 1].map(() => new pg.Client({ host: dir, user: "postgres", database: "postgres" })) as [pg.Client, pg.Client];
  try {
    for (const client of clients) await client.connect();
    await run(...clients);
  } finally {
    for (const client of clients) await client.end().catch(() => undefined);
    await server.stop();
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Both clients ask in parallel, each its own statement: how many answers were someone else's. */
async function wrongAnswers(a: pg.Client, b: pg.Client, rounds: number): Promise<number> {
  let wrong = 0;
  const statements = { a: "SELECT $1::text AS tag, $2::int AS n, length($3::text) AS size", b: "SELECT $1::text AS tag, $2::int + 1000000 AS n, length($3::text) AS size" };
  // A's statements carry a big parameter (a batch of projection rows is one), so its Bind arrives in several reads.
  const payload = { a: "x".repeat(256 * 1024), b: "y" };
  const ask = async (client: pg.Client, tag: "a" | "b", index: number) => {
    const result = await client.query<{ tag: string; n: number }>(statements[tag], [tag, index, payload[tag]]).catch(() => null);
    if (result?.rows[0]?.tag !== tag || result.rows[0].n !== index + (tag === "b" ? 1_000_000 : 0)) wrong++;
  };
  for (let index = 0; index < rounds; index++) await Promise.all([ask(a, "a", index), ask(b, "b", index), ask(a, "a", -index), ask(b, "b", -index)]);
  return wrong;
}

test("unpatched, two connections' parameterised queries get each other's answers", async (t) => {
  await withTwoClients(false, async (a, b) => {
    const wrong = await wrongAnswers(a, b, 20);
    t.diagnostic(`${wrong} of 80 answers were wrong`);
    assert.ok(wrong > 0, "the library interleaves messages (if this fails, pglite-socket keeps sessions whole itself: drop the patch)");
  });
});

test("patched, every answer is the asker's", async () => {
  await withTwoClients(true, async (a, b) => {
    assert.equal(await wrongAnswers(a, b, 50), 0);
  });
});

test("patched, a transaction on one connection holds the other's statements until it ends", async () => {
  await withTwoClients(true, async (a, b) => {
    await a.query("CREATE TABLE counter (n int)");
    await a.query("INSERT INTO counter VALUES (0)");
    await a.query("BEGIN");
    await a.query("UPDATE counter SET n = $1", [1]);
    let hasReadDuringTransaction = false;
    const read = b.query<{ n: number }>("SELECT n FROM counter WHERE n >= $1", [0]).then((result) => {
      hasReadDuringTransaction = true;
      return result.rows[0]?.n;
    });
    await a.query("UPDATE counter SET n = $1", [2]);
    assert.equal(hasReadDuringTransaction, false);
    await a.query("COMMIT");
    assert.equal(await read, 2);
  });
});
