/**
 * Where the PGlite server's Unix socket lives. pglite-socket has no authentication (any
 * password is accepted), so the socket's directory is the lock: mode 0700, owned by the
 * server's user, so no other local user can reach the socket (connect needs search permission
 * on the directory). `<dataDir>/pglite-socket/.s.PGSQL.5432` — the file name libpq and pg look
 * for when the host is a directory — or, when that path is too long for a socket address, a
 * fresh 0700 directory under the system's temp directory, removed on stop.
 */
import { chmod, lstat, mkdir, mkdtemp, rm, unlink } from "node:fs/promises";
import { connect } from "node:net";
import os from "node:os";
import path from "node:path";

/** The socket's file name in its directory: what pg connects to for `host=<dir>` and the default port. */
export const SOCKET_FILE_NAME = ".s.PGSQL.5432";

/**
 * sockaddr_un.sun_path is 108 bytes on Linux, with the terminating NUL: 107 for the path.
 * Node does not refuse a longer one; it truncates it (listening on `.s.PGSQL.543`, measured on
 * Node 20), so the limit is checked here.
 */
export const MAX_SOCKET_PATH_BYTES = 107;

export interface PgliteSocketDir {
  dir: string;
  socketPath: string;
  /** Removes the directory when it is a temp one of ours; the one in DATA_DIR stays (the socket file goes with the server). */
  remove(): Promise<void>;
}

export async function preparePgliteSocketDir(dataDir: string): Promise<PgliteSocketDir> {
  const inDataDir = path.join(path.resolve(dataDir), "pglite-socket");
  if (Buffer.byteLength(path.join(inDataDir, SOCKET_FILE_NAME)) <= MAX_SOCKET_PATH_BYTES) {
    await ensurePrivateDir(inDataDir);
    const socketPath = path.join(inDataDir, SOCKET_FILE_NAME);
    await removeStaleSocket(socketPath);
    return { dir: inDataDir, socketPath, remove: async () => undefined };
  }
  // mkdtemp creates the directory 0700 and with a name nobody could have taken before us.
  const dir = await mkdtemp(path.join(os.tmpdir(), "lastmile-pglite-"));
  await chmod(dir, 0o700);
  const socketPath = path.join(dir, SOCKET_FILE_NAME);
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH_BYTES) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`no room for the database's socket: ${socketPath} is longer than ${MAX_SOCKET_PATH_BYTES} bytes (set TMPDIR to a shorter directory)`);
  }
  return { dir, socketPath, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** pg's connection string for a server listening in `dir`: no TCP host, no port, no password. */
export function socketConnectionString(dir: string): string {
  return `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(dir)}&sslmode=disable`;
}

/** Ours and private: a real directory (not a link someone planted), owned by this user, 0700. */
async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const stats = await lstat(dir);
  if (!stats.isDirectory()) throw new Error(`${dir} must be a directory (the database's socket goes there)`);
  const uid = process.getuid?.();
  if (uid !== undefined && stats.uid !== uid) throw new Error(`${dir} belongs to uid ${stats.uid}, not to this server's user (${uid}): remove it`);
  if ((stats.mode & 0o777) !== 0o700) await chmod(dir, 0o700);
}

/**
 * A socket file left by a crash makes listen() fail (EADDRINUSE). One that still answers is
 * another live server on this DATA_DIR: PGlite is one process's database, so that is refused.
 */
async function removeStaleSocket(socketPath: string): Promise<void> {
  const stats = await lstat(socketPath).catch(() => null);
  if (!stats) return;
  if (!stats.isSocket()) throw new Error(`${socketPath} exists and is not a socket: remove it`);
  if (await answers(socketPath)) throw new Error(`another process serves the database at ${socketPath} (one DATA_DIR, one Lastmile process)`);
  await unlink(socketPath);
}

function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(socketPath);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
