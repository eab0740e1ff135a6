/**
 * PGlite served over the PostgreSQL wire protocol on a Unix socket in a 0700 directory
 * (pglite-socket-dir.ts), persisted under `<dataDir>/pglite`. Runs in the PGlite worker thread
 * (pglite-worker.ts), not on the main loop. Not on TCP: pglite-socket accepts any credentials,
 * so on a loopback port any local process could read and write the whole database (and one
 * holding BEGIN stalls every query of the app); the socket's directory lets in this user only.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { coalesceWrites } from "../patches/pglite-socket-writes";
import { keepSessionsWhole } from "../patches/pglite-socket-sessions";
import { preparePgliteSocketDir, socketConnectionString } from "./pglite-socket-dir";

/**
 * Connections the socket server accepts: the app's pool, the tracker thread's, and short-lived
 * helpers (the migration client, a test's or a developer's psql). Each keeps PGlite's one session
 * from a statement's first message to its end (keepSessionsWhole); the headroom is there so that
 * a helper whose close the server has not yet processed does not get a pool's connection refused.
 */
const maxSocketConnections = 6;

/**
 * PostgreSQL's settings for the embedded database, on top of PGlite's own start parameters.
 * PGlite keeps shared memory in its WASM heap and touches all of it at start: initdb's default
 * shared_buffers of 128MB was 122 MiB of the worker's resident memory before the first query
 * (WASM memory never shrinks, so it stays). 16MB (2,048 pages) holds a shop's working set of
 * orders and routes; a page that misses comes from the OS's page cache, not from a disk.
 * wal_buffers follows (1/32 of it: 512kB). PostgreSQL mode does not pass through here.
 */
export const pgliteSettings = ["shared_buffers=16MB"] as const;

export function pgliteOptions(pgliteDir: string): PGliteOptions {
  return { dataDir: pgliteDir, startParams: [...PGlite.defaultStartParams, ...pgliteSettings.flatMap((setting) => ["-c", setting])] };
}

/**
 * Creates the database under `pgliteDir` (initdb) if it has none, and closes it. initdb runs in
 * a PGlite of its own and a WASM module of its own (~320 MiB resident between them) which,
 * closed, are freed only when this thread's heap is next collected: an idle server never is.
 * So pglite-server.ts runs this in a worker thread that then exits, and its memory with it.
 */
export async function initialisePglite({ dataDir }: { dataDir: string }): Promise<void> {
  const pgliteDir = path.join(dataDir, "pglite");
  await mkdir(pgliteDir, { recursive: true });
  const db = await PGlite.create(pgliteOptions(pgliteDir));
  await db.close();
}

export async function servePglite({ dataDir }: { dataDir: string }): Promise<{ connectionString: string; stop(): Promise<void> }> {
  // Before PGlite opens its files: a live server on this DATA_DIR is refused here.
  const socketDir = await preparePgliteSocketDir(dataDir);
  let served: { server: PGLiteSocketServer; db: PGlite };
  try {
    served = await listenOn(socketDir.socketPath, path.join(dataDir, "pglite"));
  } catch (error) {
    await socketDir.remove();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    connectionString: socketConnectionString(socketDir.dir),
    stop() {
      stopped ??= (async () => {
        // Closing the net.Server removes the socket file; a temp directory goes as well.
        await served.server.stop();
        await served.db.close();
        await socketDir.remove();
      })();
      return stopped;
    },
  };
}

async function listenOn(socketPath: string, pgliteDir: string): Promise<{ server: PGLiteSocketServer; db: PGlite }> {
  await mkdir(pgliteDir, { recursive: true });
  const db = await PGlite.create(pgliteOptions(pgliteDir));
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: maxSocketConnections });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  coalesceWrites(server);
  keepSessionsWhole(server);
  return { server, db };
}
