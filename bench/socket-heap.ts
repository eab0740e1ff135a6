/**
 * What an idle watching socket costs the server: the production bundle (dist/server.mjs,
 * SERVE_PAGES=0) as a child on its own nats-server and PGlite, with its inspector on; orders are
 * seeded through the API, then SOCKET_HEAP_N (default 2,000) sockets connect over websocket (as
 * the tracking page does) and each watches its own order. Heap is read after forced GCs
 * (HeapProfiler.collectGarbage), after a warm-up round of sockets that watch and leave, with 0,
 * N/2 and N sockets: (N − 0) / N and the marginal (N − N/2) / (N/2) are the figures (run to run
 * they move by ±0.4 KiB); RSS (VmRSS, its PGlite worker thread included) at the same points.
 * The baseline, measured in the same run the same way: the floor, Socket.IO with no app logic
 * (bench/socket-floor-server.ts) — what a socket costs before the relay adds anything.
 * SOCKET_HEAP_SNAPSHOTS=<dir> also writes the server's 0 and N heap snapshots and prints the
 * object types whose self size grew most, per socket. SOCKET_HEAP_TRANSPORTS=page connects as the
 * tracking page does (socket.io-client's default: long-polling, then the upgrade to websocket).
 * BENCH_SERVER=<file> measures another bundle. *
 *   node scripts/build-server.mjs && npx tsx bench/socket-heap.ts
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { io as connectSocket, type Socket } from "socket.io-client";
import WebSocket from "ws";
import { findFreePort, startNatsServer } from "../server/platform/backbone/nats-server-process";
import { EVENTS, SOCKET_PATH, type TAck } from "../lib/realtime/events";
import type { TOrderView } from "../lib/schemas/order-view";
import { readNpmStartSettings } from "../testing/npm-start-settings";
import { BenchApi, inParallel } from "./load/fleet";
import { processRssBytes } from "./load/server-under-test";
import { loopbackAddresses } from "./loopback-addresses";

const N = Number(process.env.SOCKET_HEAP_N ?? 2000);
const ORDERS_PER_DRIVER = 10;
const ADMIN_TOKEN = "socket-heap-admin-token-0123456789";
const asPage = process.env.SOCKET_HEAP_TRANSPORTS === "page";
const snapshotDir = process.env.SOCKET_HEAP_SNAPSHOTS ? path.resolve(process.env.SOCKET_HEAP_SNAPSHOTS) : null;

/** One socket per token, each watching its order (forceNew: every watcher is its own connection, as browsers are). */
async function watchAll(baseUrl: string, tokens: readonly string[]): Promise<{ sockets: Socket[]; close(): void }> {
  const sockets: Socket[] = [];
  const nextAddress = loopbackAddresses();
  await inParallel(tokens, 50, async (token) => {
    const socket = connectSocket(baseUrl, { path: SOCKET_PATH, ...(asPage ? {} : { transports: ["websocket"] }), forceNew: true, reconnection: false, localAddress: nextAddress() } as Parameters<
      typeof connectSocket
    >[1]);
    sockets.push(socket);
    const ack = (await socket.timeout(30_000).emitWithAck(EVENTS.orderWatch, { token })) as TAck<TOrderView>;
    if ("error" in ack) throw new Error(ack.error.message);
    // The page's socket ends on websocket: idle is after the upgrade.
    if (asPage && socket.io.engine.transport.name !== "websocket") await new Promise((resolve) => socket.io.engine.once("upgrade", resolve));
  });
  return { sockets, close: () => sockets.forEach((socket) => socket.close()) };
}

/** A minimal Chrome DevTools Protocol client over the inspector's websocket. */
class Inspector {
  private nextId = 1;
  private pending = new Map<number, (result: unknown) => void>();
  private chunkSink: ((chunk: string) => void) | null = null;
  private constructor(private readonly ws: WebSocket) {
    ws.on("message", (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown; method?: string; params?: { chunk: string } };
      if (message.id !== undefined) this.pending.get(message.id)?.(message.result);
      else if (message.method === "HeapProfiler.addHeapSnapshotChunk") this.chunkSink?.(message.params!.chunk);
    });
  }
  static async connect(url: string): Promise<Inspector> {
    const ws = new WebSocket(url, { maxPayload: 1 << 30 });
    await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
    return new Inspector(ws);
  }
  send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve) => {
      this.pending.set(id, (result) => resolve(result as T));
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }
  async heapUsed(): Promise<number> {
    for (let round = 0; round < 3; round++) await this.send("HeapProfiler.collectGarbage");
    const answer = await this.send<{ result: { value: number } }>("Runtime.evaluate", { expression: "process.memoryUsage().heapUsed", returnByValue: true });
    return answer.result.value;
  }
  async snapshot(file: string): Promise<void> {
    const out = createWriteStream(file);
    this.chunkSink = (chunk) => out.write(chunk);
    await this.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
    this.chunkSink = null;
    await new Promise((resolve) => out.end(resolve));
  }
  close(): void {
    this.ws.close();
  }
}

/** Self size and count per object type ("type:name") of a .heapsnapshot file. */
function classSizes(file: string): Map<string, { count: number; size: number }> {
  const snapshot = JSON.parse(readFileSync(file, "utf8")) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ["type", "name", "self_size"].map((field) => fields.indexOf(field));
  const sizes = new Map<string, { count: number; size: number }>();
  for (let index = 0; index < snapshot.nodes.length; index += fields.length) {
    const type = types[snapshot.nodes[index + typeAt!]!]!;
    // Strings and code by type only; objects and closures by constructor / function name.
    const name = ["string", "concatenated string", "sliced string", "code", "number", "hidden", "array"].includes(type) ? "" : snapshot.strings[snapshot.nodes[index + nameAt!]!]!.slice(0, 60);
    const key = `${type}:${name}`;
    const entry = sizes.get(key) ?? { count: 0, size: 0 };
    entry.count++;
    entry.size += snapshot.nodes[index + sizeAt!]!;
    sizes.set(key, entry);
  }
  return sizes;
}

interface Reading {
  heap: number;
  rss: number;
}
interface Figures {
  count: number;
  half: number;
  at: [Reading, Reading, Reading];
}

/** A server under measurement: a child with its inspector open, answering `healthUrl` once up. */
interface ChildServer {
  child: ChildProcess;
  baseUrl: string;
  inspector: Inspector;
}

// With the flag and malloc settings `npm start` runs the server with (scripts/start.sh): RSS depends on them. A MALLOC_* variable set for the bench wins, as with start.sh.
const { nodeFlags: NODE_FLAGS, mallocEnv: MALLOC_ENV } = readNpmStartSettings();

async function startChild(args: string[], env: Record<string, string>, healthPath: string): Promise<ChildServer> {
  const port = await findFreePort();
  const inspectPort = await findFreePort();
  const child = spawn(process.execPath, [`--inspect=127.0.0.1:${inspectPort}`, ...NODE_FLAGS, ...args], {
    cwd: root,
    env: { ...MALLOC_ENV, ...process.env, ...env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let errors = "";
  child.stderr!.on("data", (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
  const baseUrl = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 120_000; ;) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${args.join(" ")} did not start:\n${errors}`);
    }
    if ((await fetch(`${baseUrl}${healthPath}`).catch(() => null))?.ok) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  return { child, baseUrl, inspector: await Inspector.connect(targets[0]!.webSocketDebuggerUrl) };
}

async function stopChild(server: ChildServer): Promise<void> {
  // Before the SIGTERM: with a debugger attached the server's exit waits for it to leave.
  server.inspector.close();
  server.child.kill("SIGTERM");
  await new Promise((resolve) => (server.child.exitCode === null ? server.child.once("exit", resolve) : resolve(null)));
}

/**
 * RSS once it has stopped moving: with malloc returning freed blocks to the system (start.sh's
 * mmap threshold), what seeding the orders freed leaves the process over the next seconds, and a
 * reading taken too early would charge that to the sockets (RSS fell as sockets were added).
 * Read every second until it moves less than 1 MB over 5 s, at most 60 s.
 */
async function settledRss(pid: number): Promise<number> {
  const readings = [processRssBytes(pid)];
  for (let second = 0; second < 60; second++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    readings.push(processRssBytes(pid));
    const recent = readings.slice(-6);
    if (recent.length === 6 && Math.max(...recent) - Math.min(...recent) < 1e6) break;
  }
  return readings.at(-1)!;
}

/**
 * Heap (after forced GCs) and RSS with 0, N/2 and N idle sockets, each watching its own token.
 * A warm-up round of sockets watching and leaving first: what is created once (lazily built
 * state, the code the JIT compiles for the connect path) is then in every reading, not per socket.
 */
async function measure(server: ChildServer, tokens: string[], snapshotPrefix: string | null): Promise<Figures> {
  const read = async (): Promise<Reading> => ({ heap: await server.inspector.heapUsed(), rss: await settledRss(server.child.pid!) });
  (await watchAll(server.baseUrl, tokens.slice(0, Math.min(500, tokens.length)))).close();
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const zero = await read();
  if (snapshotPrefix) await server.inspector.snapshot(`${snapshotPrefix}-0.heapsnapshot`);
  // Half, then all: the second half's growth is the marginal cost of a socket, free of any
  // one-off growth the first connections still cause.
  const half = Math.floor(tokens.length / 2);
  const firstHalf = await watchAll(server.baseUrl, tokens.slice(0, half));
  await new Promise((resolve) => setTimeout(resolve, 5000));
  const atHalf = await read();
  const secondHalf = await watchAll(server.baseUrl, tokens.slice(half));
  // Idle: every watch answered, then a few seconds for what the handshake left to settle.
  await new Promise((resolve) => setTimeout(resolve, 5000));
  const all = await read();
  if (snapshotPrefix) await server.inspector.snapshot(`${snapshotPrefix}-${tokens.length}.heapsnapshot`);
  firstHalf.close();
  secondHalf.close();
  return { count: tokens.length, half, at: [zero, atHalf, all] };
}

const perSocket = (figures: Figures, key: keyof Reading) => ({
  fromZero: (figures.at[2][key] - figures.at[0][key]) / figures.count,
  marginal: (figures.at[2][key] - figures.at[1][key]) / (figures.count - figures.half),
});

function report(label: string, figures: Figures): void {
  const [zero, atHalf, all] = figures.at;
  const heap = perSocket(figures, "heap");
  const rss = perSocket(figures, "rss");
  const kib = (bytes: number) => (bytes / 1024).toFixed(2);
  const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  console.log(`${label}: heap ${mib(zero.heap)} MiB with 0 sockets, ${mib(atHalf.heap)} MiB with ${figures.half}, ${mib(all.heap)} MiB with ${figures.count} watching`);
  console.log(
    `  heap per idle watching socket: ${kib(heap.fromZero)} KiB from 0 to ${figures.count}; ${kib(heap.marginal)} KiB marginal (from ${figures.half}) (${asPage ? "polling then websocket, as the page" : "websocket"})`,
  );
  console.log(`  RSS: ${mb(zero.rss)} MB with 0 sockets, ${mb(atHalf.rss)} MB with ${figures.half}, ${mb(all.rss)} MB with ${figures.count} watching`);
  console.log(`  RSS per idle watching socket: ${(rss.fromZero / 1000).toFixed(2)} KB from 0 to ${figures.count}; ${(rss.marginal / 1000).toFixed(2)} KB marginal (from ${figures.half})`);
}

const root = path.resolve(import.meta.dirname, "..");
const dataDir = mkdtempSync(path.join(tmpdir(), "lastmile-socket-heap-"));
const nats = await startNatsServer({ storeDir: path.join(dataDir, "nats") });
const running: ChildServer[] = [];
try {
  // The floor first: Socket.IO with no app logic, the same number of sockets.
  const floor = await startChild(["--import", "tsx", "bench/socket-floor-server.ts"], {}, "/");
  running.push(floor);
  const floorFigures = await measure(
    floor,
    Array.from({ length: N }, (_, index) => `floor-${index}`),
    null,
  );
  await stopChild(running.pop()!);

  const server = await startChild(
    [process.env.BENCH_SERVER ?? "dist/server.mjs"],
    {
      DATA_DIR: path.join(dataDir, "app"),
      NATS_URL: nats.url,
      ADMIN_TOKEN,
      DEMO: "0",
      SERVE_PAGES: "0",
      DATABASE_URL: "",
    },
    "/api/health",
  );
  running.push(server);
  const api = new BenchApi(server.baseUrl, ADMIN_TOKEN);
  const started = performance.now();
  // One call first: until the admin token has once succeeded, the server holds concurrent
  // requests bearing it to its failure budget (server/platform/http/bearer-guard.ts), and a burst gets 429s.
  const createDriver = (index: number) => api.call<{ id: string }>("POST", "/api/drivers", { name: `Heap ${index}` });
  const drivers = [await createDriver(0)];
  await inParallel(
    Array.from({ length: Math.ceil(N / ORDERS_PER_DRIVER) - 1 }, (_, index) => index + 1),
    8,
    async (index) => {
      drivers[index] = await createDriver(index);
    },
  );
  const tokens: string[] = [];
  await inParallel(
    Array.from({ length: N }, (_, index) => index),
    8,
    async (index) => {
      const order = await api.call<{ trackingUrl: string }>("POST", "/api/orders", {
        customerName: `Customer ${index}`,
        address: `Calle ${index + 1}`,
        lat: 40.3 + (index % 100) * 0.001,
        lng: -3.8,
        driverId: drivers[Math.floor(index / ORDERS_PER_DRIVER)]!.id,
      });
      tokens.push(order.trackingUrl.split("/").pop()!);
    },
  );
  console.log(`seeded ${N} orders in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const serverFigures = await measure(server, tokens, snapshotDir ? path.join(snapshotDir, "sockets") : null);

  report("the server (dist/server.mjs)", serverFigures);
  report("the floor (bench/socket-floor-server.ts: Socket.IO as the relay configures it, a room per socket, no app logic)", floorFigures);
  const ratio = (key: keyof Reading) => (perSocket(serverFigures, key).marginal / perSocket(floorFigures, key).marginal).toFixed(2);
  console.log(`the server against the floor, marginal per socket: heap × ${ratio("heap")}, RSS × ${ratio("rss")}`);
  if (snapshotDir) {
    const [zero, many] = [classSizes(path.join(snapshotDir, "sockets-0.heapsnapshot")), classSizes(path.join(snapshotDir, `sockets-${N}.heapsnapshot`))];
    const growth = [...many].map(([key, { count, size }]) => ({ key, count: (count - (zero.get(key)?.count ?? 0)) / N, bytes: (size - (zero.get(key)?.size ?? 0)) / N }));
    console.log("object types that grew most in the server, per socket (count, self bytes):");
    for (const row of growth.sort((a, b) => b.bytes - a.bytes).slice(0, 40)) console.log(`  ${row.bytes.toFixed(0).padStart(6)} B  ${row.count.toFixed(2).padStart(6)}×  ${row.key}`);
  }
} finally {
  for (const server of running) await stopChild(server);
  await nats.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
