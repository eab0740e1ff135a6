/**
 * The facts of Prisma's migration history that server/platform/db/migrate.ts relies on (Prisma's documented
 * format, written by its schema engine for PostgreSQL), so `prisma migrate status/deploy` reads
 * this runner's history as its own and the two exclude each other. Measured need: the runner
 * applies migrations at start-up without Prisma's schema engine (a devDependency, not installed in
 * production). prisma-migrations.test.ts reads the installed schema engine and fails when these
 * facts no longer match it; `checkPrismaMigrationsFormat` warns at start-up outside the tested range.
 */
import { checkTestedRange, type TestedRange } from "./tested-range";

/** @prisma/client is installed in production and moves in step with the prisma CLI and its engine. */
export const PRISMA_RANGE: TestedRange = { library: "@prisma/client", from: "7.0.0", below: "8.0.0" };

/** The key `prisma migrate deploy` takes `pg_advisory_lock` on. */
export const PRISMA_MIGRATE_LOCK_KEY = 72707369;

/** The history table, as the schema engine creates it on PostgreSQL (names quoted here). */
export const CREATE_PRISMA_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** A migration's checksum: SHA-256 of its migration.sql's bytes, in hex. */
export const PRISMA_CHECKSUM_ALGORITHM = "sha256";

export function checkPrismaMigrationsFormat(warn: (message: string) => void): void {
  checkTestedRange(PRISMA_RANGE, "The migration runner (server/platform/db/migrate.ts, Prisma's _prisma_migrations format)", warn);
}
