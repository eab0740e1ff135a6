import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../../../generated/prisma/client";

// The rest of the server imports Prisma's types from here, not from generated/ directly.
export { Prisma } from "../../../generated/prisma/client";
export type { PrismaClient } from "../../../generated/prisma/client";

export type PrismaHandle = { prisma: PrismaClient; close(): Promise<void> };

export function createPrisma({
  connectionString,
  poolSize,
  log = (message) => console.warn(message),
}: {
  connectionString: string;
  poolSize: number;
  log?: (message: string, error?: unknown) => void;
}): PrismaHandle {
  // Our own pool rather than a PoolConfig, so close() ends it deterministically.
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // An idle connection dropped by the server is replaced on next use; without a listener
  // pg's 'error' event would crash the process.
  pool.on("error", (error) => log(`database: idle connection lost: ${error.message}`));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  let closed: Promise<void> | undefined;
  return {
    prisma,
    close() {
      closed ??= (async () => {
        await prisma.$disconnect();
        await pool.end();
      })();
      return closed;
    },
  };
}
