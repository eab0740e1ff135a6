/**
 * The migration runner's Prisma facts against the installed Prisma: the schema engine that
 * `prisma migrate` runs (prisma/build/schema_engine_bg.wasm) still locks on the same key and still
 * creates `_prisma_migrations` with the same columns on PostgreSQL. Fails when a Prisma upgrade
 * changes either, before a database is migrated by both.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { CREATE_PRISMA_MIGRATIONS_TABLE, checkPrismaMigrationsFormat, PRISMA_MIGRATE_LOCK_KEY, PRISMA_RANGE } from "./prisma-migrations";
import { installedVersion, isInRange, packageDirOf } from "./tested-range";

const engineText = () => readFileSync(path.join(packageDirOf("prisma"), "build", "schema_engine_bg.wasm")).toString("latin1");

/** "name type…" per column, without quotes, `IF NOT EXISTS` or spacing. */
function columnsOf(createTable: string): string[] {
  const body = createTable.slice(createTable.indexOf("(") + 1, createTable.lastIndexOf(")"));
  return body.split(/,\n/).map((line) => line.replaceAll('"', "").replace(/\s+/g, " ").trim());
}

test("the installed @prisma/client and prisma CLI are in the tested range", () => {
  const warnings: string[] = [];
  checkPrismaMigrationsFormat((message) => warnings.push(message));
  assert.deepEqual(warnings, []);
  assert.ok(isInRange(installedVersion({ library: "prisma" }), PRISMA_RANGE), "the prisma CLI moves with @prisma/client");
});

test("Prisma's schema engine locks on the key the runner locks on", () => {
  assert.ok(engineText().includes(`SELECT pg_advisory_lock(${PRISMA_MIGRATE_LOCK_KEY})`));
});

test("Prisma's schema engine creates _prisma_migrations on PostgreSQL with the runner's columns", () => {
  const text = engineText();
  // The PostgreSQL flavour (SQLite's says TEXT and DATETIME); it ends before the closing parenthesis.
  const start = text.indexOf("CREATE TABLE _prisma_migrations (\n    id                      VARCHAR(36)");
  assert.ok(start >= 0, "the PostgreSQL _prisma_migrations definition is in the schema engine");
  const end = text.indexOf("\n)", start);
  assert.deepEqual(columnsOf(CREATE_PRISMA_MIGRATIONS_TABLE), columnsOf(text.slice(start, end + 2)));
});
