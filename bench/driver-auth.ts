/**
 * The hot ingest path's authentication: the driver token resolved from the in-memory cache
 * (server/platform/auth/driver-token-cache.ts) against the baseline of a database lookup per request,
 * both on the same database in the same run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DriverTokenCache } from "../server/platform/auth/driver-token-cache";
import { generateToken, hashToken } from "../server/platform/auth/tokens";
import { startDatabase } from "../server/platform/db/start-database";

const SAMPLES = 2_000;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "lastmile-bench-auth-"));
  const database = await startDatabase({ dataDir, databaseUrl: process.env.DATABASE_URL });
  const prisma = database.prisma;
  const token = generateToken();
  await prisma.driver.create({ data: { id: `bench-${Date.now()}`, name: "Bench", tokenHash: hashToken(token) } });

  const time = async (run: () => Promise<unknown>): Promise<number> => {
    for (let i = 0; i < 100; i++) await run();
    const started = performance.now();
    for (let i = 0; i < SAMPLES; i++) await run();
    return ((performance.now() - started) * 1000) / SAMPLES;
  };

  const baselineUs = await time(() => prisma.driver.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, name: true } }));
  const cache = new DriverTokenCache(prisma);
  const cachedUs = await time(() => cache.authenticate(token));

  console.log(`driver auth, ${SAMPLES} requests each (${database.isEmbedded ? "PGlite" : "PostgreSQL"})`);
  console.log(`  baseline: database lookup per request  ${baselineUs.toFixed(1)} µs/request`);
  console.log(`  token cache (revocation-aware)        ${cachedUs.toFixed(1)} µs/request`);
  console.log(`  ratio: the cache takes ${(cachedUs / baselineUs).toFixed(4)}× the baseline's time (${(baselineUs / cachedUs).toFixed(0)}× faster)`);

  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
