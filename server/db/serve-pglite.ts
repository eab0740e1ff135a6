/**
 * PGlite served over the PostgreSQL wire protocol on 127.0.0.1 (a free port), persisted under
 * `<dataDir>/pglite`. Runs in the PGlite worker thread (pglite-worker.ts), not on the main loop.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * Connections the socket server accepts: the app's pool plus short-lived helpers (the
 * migration client, a test's or a developer's psql). For the reason given at
 * `recommendedPoolSize` (pglite-server.ts) they must not send parameterised queries while the
 * pool does; the headroom is there so that a helper whose close the server has not yet
 * processed does not get the pool's connection refused.
 */
const maxSocketConnections = 4;

export async function servePglite({ dataDir }: { dataDir: string }): Promise<{ connectionString: string; stop(): Promise<void> }> {
  const pgliteDir = path.join(dataDir, "pglite");
  await mkdir(pgliteDir, { recursive: true });
  const db = await PGlite.create({ dataDir: pgliteDir });
  const server = new PGLiteSocketServer({
    db,
    host: "127.0.0.1",
    port: 0,
    maxConnections: maxSocketConnections,
  });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  const connectionString = `postgresql://postgres:postgres@${server.getServerConn()}/postgres?sslmode=disable`;
  let stopped: Promise<void> | undefined;
  return {
    connectionString,
    stop() {
      stopped ??= (async () => {
        await server.stop();
        await db.close();
      })();
      return stopped;
    },
  };
}
