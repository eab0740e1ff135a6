import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { startDatabase, type Database } from "../server/platform/db/start-database";

export type TestDatabase = Omit<Database, "isEmbedded">;

/**
 * A fresh, migrated database for one test file: PGlite in a temp dir, or, when DATABASE_URL
 * is set, a new uniquely named database on that server (dropped by close()), so tests never
 * read or write the data at DATABASE_URL itself.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  return serverUrl ? createServerTestDatabase(serverUrl) : createEmbeddedTestDatabase();
}

export type TestDatabaseVariant = { name: string; create(): Promise<TestDatabase> };

/**
 * For tests of the database layer itself: PGlite always, plus real PostgreSQL when
 * DATABASE_URL is set, so one run covers both back ends.
 */
export function testDatabaseVariants(): TestDatabaseVariant[] {
  const serverUrl = process.env.DATABASE_URL;
  const variants: TestDatabaseVariant[] = [{ name: "PGlite", create: createEmbeddedTestDatabase }];
  if (serverUrl) variants.push({ name: "PostgreSQL", create: () => createServerTestDatabase(serverUrl) });
  return variants;
}

export async function createEmbeddedTestDatabase(): Promise<TestDatabase> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "lastmile-test-"));
  try {
    await seedPgliteDataDir(dataDir);
    const database = await startDatabase({ dataDir });
    return {
      prisma: database.prisma,
      connectionString: database.connectionString,
      async close() {
        await database.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** `<dataDir>/pglite` as a new PGlite leaves it (initdb done, never migrated), copied from a template. */
export async function seedPgliteDataDir(dataDir: string): Promise<void> {
  await cp(await pgliteTemplate(), path.join(dataDir, "pglite"), { recursive: true });
}

/** Why the PostgreSQL server at `serverUrl` cannot be used (the password hidden), or null when it answers. */
export async function postgresProblem(serverUrl: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    return `no PostgreSQL answers at ${serverUrl.replace(/\/\/[^@]*@/, "//")}: ${(error as Error).message}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function createServerTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `lastmile_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
  await onServer(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    const database = await startDatabase({ databaseUrl: url.toString(), dataDir: os.tmpdir() });
    return {
      prisma: database.prisma,
      connectionString: database.connectionString,
      async close() {
        await database.close();
        await onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      },
    };
  } catch (error) {
    await onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    throw error;
  }
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * A freshly initialised, never migrated PGlite data dir, shared by test processes. initdb is
 * most of a new PGlite's start-up (3–6 s); copying its result takes a fraction of that. Keyed
 * by PGlite's version, since a data dir only suits the PGlite that made it.
 */
async function pgliteTemplate(): Promise<string> {
  const packageJson = fileURLToPath(new URL("../package.json", import.meta.resolve("@electric-sql/pglite")));
  const { version } = JSON.parse(await readFile(packageJson, "utf8")) as { version: string };
  const template = path.join(os.tmpdir(), `lastmile-pglite-template-${version}`);
  if (existsSync(path.join(template, "PG_VERSION"))) return template;

  const building = await mkdtemp(`${template}-building-`);
  try {
    const db = await PGlite.create({ dataDir: building });
    await db.close();
    await rename(building, template);
  } catch (error) {
    // Another test process may have published the template first; that one is as good.
    await rm(building, { recursive: true, force: true });
    if (!existsSync(path.join(template, "PG_VERSION"))) throw error;
  }
  return template;
}
