import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import path from "node:path";
import { APP_DURABLES, INTEGRATOR_SUBSCRIPTIONS, STREAMS } from "./subjects";

export interface NatsServerProcess {
  /** `nats://lastmile:<password>@127.0.0.1:<port>`: connectNats() takes the credential from it. */
  url: string;
  port: number;
  /** The nats-server process id (benchmarks read its CPU and memory from /proc). */
  pid: number;
  /** The HTTP monitoring endpoint (`/varz`, `/connz`, `/jsz`), when started with `monitorPort`. */
  monitorUrl: string | null;
  stop(): Promise<void>;
}

const CANDIDATE_BINARIES = ["/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server"];

/** Finds nats-server on PATH or where Debian puts it (/usr/sbin is often not on a user's PATH). */
export function findNatsServerBinary(): string {
  const fromPath = (process.env.PATH ?? "")
    .split(path.delimiter)
    .map((dir) => path.join(dir, "nats-server"))
    .find((candidate) => existsSync(candidate));
  const found = fromPath ?? CANDIDATE_BINARIES.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error("nats-server was not found. Run `npm run setup` (installs Debian's nats-server), " + "install it yourself, or set NATS_URL to an existing JetStream server.");
  }
  return found;
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("could not allocate a port"));
      });
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export const NATS_USER = "lastmile";

/**
 * The child server's password: generated once, kept beside its store (mode 0600), so a restart
 * (and every process of this DATA_DIR) uses the same one. Without it any local user could
 * connect to the loopback port and read every driver's position.
 */
export function natsPassword(storeDir: string): string {
  const file = path.join(storeDir, "credential");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const password = randomBytes(32).toString("hex");
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** The read-only user for integrators (NATS_INTEGRATION_PASSWORD; docs/integrations.md). */
export const NATS_INTEGRATION_USER = "integration";

/** The subjects integrators may subscribe to: the channels of the AsyncAPI document (INTEGRATOR_CHANNELS in subjects.ts). */
export const INTEGRATION_SUBJECTS = INTEGRATOR_SUBSCRIPTIONS;
/** The streams whose consumers integrators may create and read. */
export const INTEGRATION_STREAMS = [STREAMS.orders] as const;

/**
 * What the integration user may do. Subscribe: the published subjects, and its own inboxes (the
 * answers of JetStream's API and the messages a pull consumer hands out). Publish: only the
 * JetStream API calls that create a consumer, read its info and ask for the next messages, on
 * the streams integrators read, and the acknowledgements of their messages. Nothing else: no
 * publishing on the app's subjects, no stream create, update, delete or purge, no consumer delete,
 * and none of that on the app's own durable consumers (it could take or acknowledge their messages).
 */
export function integrationPermissions(): { publish: { allow: string[]; deny: string[] }; subscribe: { allow: string[] } } {
  const allow = INTEGRATION_STREAMS.flatMap((stream) => [
    `$JS.API.CONSUMER.CREATE.${stream}.*`,
    `$JS.API.CONSUMER.CREATE.${stream}.*.>`,
    `$JS.API.CONSUMER.DURABLE.CREATE.${stream}.*`,
    `$JS.API.CONSUMER.INFO.${stream}.*`,
    `$JS.API.CONSUMER.MSG.NEXT.${stream}.*`,
    `$JS.ACK.${stream}.>`,
  ]);
  const deny = INTEGRATION_STREAMS.flatMap((stream) =>
    Object.values(APP_DURABLES).flatMap((name) => [
      `$JS.API.CONSUMER.CREATE.${stream}.${name}`,
      `$JS.API.CONSUMER.CREATE.${stream}.${name}.>`,
      `$JS.API.CONSUMER.DURABLE.CREATE.${stream}.${name}`,
      `$JS.API.CONSUMER.MSG.NEXT.${stream}.${name}`,
      `$JS.ACK.${stream}.${name}.>`,
    ]),
  );
  return { publish: { allow, deny }, subscribe: { allow: [...INTEGRATION_SUBJECTS, "_INBOX.>"] } };
}

/** The server's configuration (mode 0600): on the command line the password would show in `ps`. */
function writeConfig(storeDir: string, port: number, password: string, monitorPort?: number, integrationPassword?: string): string {
  const file = path.join(storeDir, "nats-server.conf");
  const users = [{ user: NATS_USER, password }, ...(integrationPassword ? [{ user: NATS_INTEGRATION_USER, password: integrationPassword, permissions: integrationPermissions() }] : [])];
  const config = [
    `listen: "127.0.0.1:${port}"`,
    `jetstream { store_dir: ${JSON.stringify(storeDir)} }`,
    // JSON is valid nats-server configuration syntax.
    `authorization { users: ${JSON.stringify(users)} }`,
    // No leaf or cluster listeners; the HTTP monitoring port (loopback) only when a test asks for it.
    ...(monitorPort === undefined ? [] : [`http: "127.0.0.1:${monitorPort}"`]),
    "",
  ].join("\n");
  writeFileSync(file, config, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}

/**
 * Starts `nats-server -js` as a child process on a loopback port, its store under `storeDir`,
 * requiring the generated credential (see natsPassword). Pass `port` to restart a server on the
 * same address (tests of reconnection do), and `monitorPort` to serve its HTTP monitoring
 * endpoint on loopback (tests count consumers there), and `integrationPassword` to let the
 * read-only `integration` user in (see integrationPermissions).
 */
export async function startNatsServer(options: { storeDir: string; port?: number; monitorPort?: number; integrationPassword?: string }): Promise<NatsServerProcess> {
  mkdirSync(options.storeDir, { recursive: true, mode: 0o700 });
  const port = options.port ?? (await findFreePort());
  const password = natsPassword(options.storeDir);
  const child: ChildProcess = spawn(
    findNatsServerBinary(),
    ["-c", writeConfig(options.storeDir, port, password, options.monitorPort, options.integrationPassword)],
    // Same process group on purpose: whatever kills our group (Ctrl-C, a test runner's SIGKILL)
    // must take the child too, or every killed run would leave an orphan server behind.
    // Only what it needs from our environment: never ADMIN_TOKEN, LINK_SEALING_KEY, DATABASE_URL
    // or anything else secret (readable in /proc/<pid>/environ by the same user).
    { stdio: ["ignore", "ignore", "pipe"], env: { PATH: process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin", NODE_ENV: process.env.NODE_ENV } },
  );
  let output = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // A crashed parent must not leave an orphan holding the store's lock.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const deadline = Date.now() + 15_000;
  while (!(await canConnect(port))) {
    if (child.exitCode !== null) throw new Error(`nats-server exited at start-up:\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`nats-server did not start within 15 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return {
    url: `nats://${NATS_USER}:${password}@127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    monitorUrl: options.monitorPort === undefined ? null : `http://127.0.0.1:${options.monitorPort}`,
    async stop() {
      process.removeListener("exit", killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
