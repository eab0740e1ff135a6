import pg from "pg";
import { createPrisma, type PrismaClient } from "./client";
import { applyMigrations } from "./migrate";
import { recommendedPoolSize, startPgliteServer, type PgliteServer } from "./pglite-server";

export type Database = {
  prisma: PrismaClient;
  connectionString: string;
  /** True when this process serves the database itself (PGlite under dataDir). */
  isEmbedded: boolean;
  close(): Promise<void>;
};

// Per process; N processes against one PostgreSQL multiply it, so stay well under max_connections.
const serverPoolSize = 10;

/**
 * Opens the app's database, migrated to the latest migration: PostgreSQL at `databaseUrl`,
 * or PGlite persisted under `dataDir` when no URL is given.
 */
export async function startDatabase({ databaseUrl, dataDir, log }: { databaseUrl?: string; dataDir: string; log?: (message: string, error?: unknown) => void }): Promise<Database> {
  let pglite: PgliteServer | undefined;
  let connectionString: string;
  if (databaseUrl) {
    connectionString = databaseUrl;
  } else {
    pglite = await startPgliteServer({ dataDir, ...(log ? { log } : {}) });
    connectionString = pglite.connectionString;
  }
  try {
    await migrate(connectionString);
  } catch (error) {
    await pglite?.stop();
    throw error;
  }
  const handle = createPrisma({
    connectionString,
    poolSize: pglite ? recommendedPoolSize : serverPoolSize,
    log,
  });
  let closed: Promise<void> | undefined;
  return {
    prisma: handle.prisma,
    connectionString,
    isEmbedded: pglite !== undefined,
    close() {
      closed ??= (async () => {
        await handle.close();
        await pglite?.stop();
      })();
      return closed;
    },
  };
}

async function migrate(connectionString: string): Promise<void> {
  // A dedicated connection, closed before the app's pool opens: PGlite must not see both at once.
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await applyMigrations(client);
  } finally {
    await client.end();
  }
}
