import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * How many pg connections the app's pool may hold against the PGlite server.
 *
 * PGlite is one backend session. The socket server's multiplexer keeps an explicit
 * transaction (BEGIN…COMMIT) on its own connection, but it interleaves protocol *messages*,
 * not queries: two connections' extended-protocol queries (Parse/Bind/Execute/Sync, which
 * is how pg sends every parameterised query) share the session's unnamed statement and
 * portal, and outside BEGIN nothing stops them from clobbering each other: with pglite-socket
 * 0.2.17, A sending Parse, then B a whole query, then A's Bind/Execute/Sync makes A run B's
 * statement (`db.isInTransaction()`, which the multiplexer relies on, is false between Parse
 * and Sync). So the app uses exactly one connection; PGlite executes one query at a time
 * anyway, so a bigger pool would add no throughput.
 */
export const recommendedPoolSize = 1;

/**
 * Connections the socket server accepts: the app's pool plus short-lived helpers (the
 * migration client, a test's or a developer's psql). For the reason above they must not send
 * parameterised queries while the pool does; the headroom is there so that a helper whose
 * close the server has not yet processed does not get the pool's connection refused.
 */
const maxSocketConnections = 4;

export type PgliteServer = {
  connectionString: string;
  stop(): Promise<void>;
};

export async function startPgliteServer({ dataDir }: { dataDir: string }): Promise<PgliteServer> {
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
