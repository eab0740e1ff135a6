import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { CREATE_PRISMA_MIGRATIONS_TABLE, PRISMA_CHECKSUM_ALGORITHM, PRISMA_MIGRATE_LOCK_KEY } from "../patches/prisma-migrations";
import { findProjectRoot } from "../project-root";

export const defaultMigrationsDir = path.join(findProjectRoot(), "prisma", "migrations");

export type MigrationFile = { name: string; sql: string; checksum: string };

export async function readMigrations(migrationsDir = defaultMigrationsDir): Promise<MigrationFile[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(path.join(migrationsDir, name, "migration.sql"));
      return {
        name,
        sql: bytes.toString("utf8"),
        checksum: createHash(PRISMA_CHECKSUM_ALGORITHM).update(bytes).digest("hex"),
      };
    }),
  );
}

type AppliedRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
};

/**
 * Applies the pending migrations of `migrationsDir` (default prisma/migrations) in folder
 * order, each in its own transaction together with its `_prisma_migrations` row, so a failed
 * migration leaves no trace and the next start retries it. Returns the names applied.
 */
export async function applyMigrations(client: pg.Client | pg.Pool, migrationsDir = defaultMigrationsDir): Promise<string[]> {
  const migrations = await readMigrations(migrationsDir);
  if (!(client instanceof pg.Pool)) return applyWithLock(client, migrations);
  // A session-level advisory lock belongs to one connection, so hold one for the whole run.
  const connection = await client.connect();
  try {
    return await applyWithLock(connection, migrations);
  } finally {
    connection.release();
  }
}

async function applyWithLock(connection: pg.ClientBase, migrations: MigrationFile[]): Promise<string[]> {
  await connection.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
  try {
    return await applyLocked(connection, migrations);
  } finally {
    await connection.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
  }
}

async function applyLocked(connection: pg.ClientBase, migrations: MigrationFile[]): Promise<string[]> {
  await connection.query(CREATE_PRISMA_MIGRATIONS_TABLE);
  const { rows } = await connection.query<AppliedRow>(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`);
  const applied = new Map<string, AppliedRow>();
  for (const row of rows) {
    if (row.rolled_back_at !== null) continue;
    if (row.finished_at === null) {
      throw new Error(`Migration ${row.migration_name} started but never finished (a failed \`prisma migrate deploy\`?). ` + `Resolve it with \`prisma migrate resolve\` before starting Lastmile.`);
    }
    applied.set(row.migration_name, row);
  }

  for (const migration of migrations) {
    const row = applied.get(migration.name);
    if (row && row.checksum !== migration.checksum) {
      throw new Error(
        `Migration ${migration.name} was modified after it was applied to this database ` +
          `(checksum ${row.checksum} in _prisma_migrations, ${migration.checksum} on disk). ` +
          `Applied migrations are immutable: restore the file and put the change in a new migration.`,
      );
    }
  }

  const appliedNow: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.name)) continue;
    await connection.query("BEGIN");
    try {
      const id = randomUUID();
      await connection.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ($1, $2, $3)`, [id, migration.checksum, migration.name]);
      await connection.query(migration.sql);
      await connection.query(`UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = applied_steps_count + 1 WHERE id = $1`, [id]);
      await connection.query("COMMIT");
    } catch (error) {
      // The migration's error is the one worth reporting, even if the connection is gone.
      await connection.query("ROLLBACK").catch(() => undefined);
      throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
    }
    appliedNow.push(migration.name);
  }
  return appliedNow;
}
