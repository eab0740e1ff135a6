/**
 * What the machine itself allows, measured in the same run as the product: JetStream's own
 * acknowledged-publish rate from one Node client, a minimal HTTP ingest (node:http, JSON.parse,
 * one acknowledged publish per fix: what any Node server must do for a fix, nothing else), and a
 * minimal relay (a NATS subscription emitting to a Socket.IO room, no application logic) for the
 * latency floor.
 */
import { createServer, type IncomingMessage } from "node:http";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { Server } from "socket.io";
import { io as connectSocket } from "socket.io-client";
import { connectNats } from "../../server/platform/backbone/backbone";
import type { SeededDriver } from "./fleet";
import { loadIngest, type IngestResult } from "./ingest-load";
import { summarize, type LatencySummary } from "./stats";

/** A payload the size of a stored fix. */
const FIX_LIKE = JSON.stringify({
  driverId: "00000000-0000-0000-0000-000000000000",
  lat: 40.41234,
  lng: -3.70123,
  at: Date.now(),
  seq: 1,
  accuracy: 8,
  speed: 6,
  heading: null,
  receivedAt: Date.now(),
  source: "driver-app",
});

/** Acknowledged publishes per second with `window` in flight (what a busy ingest could reach). */
export async function jetStreamPublishRate(natsUrl: string, seconds: number, window = 256): Promise<number> {
  const nc = await connectNats(natsUrl, "bench-baseline");
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name: "BENCH_BASELINE", subjects: ["bench.baseline.>"], duplicate_window: 60_000_000_000 });
  const js = jetstream(nc);
  let acked = 0;
  let next = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  const worker = async () => {
    while (performance.now() < deadline) {
      const id = next++;
      await js.publish(`bench.baseline.${id % 64}`, FIX_LIKE, { msgID: `b-${id}` });
      acked++;
    }
  };
  await Promise.all(Array.from({ length: window }, worker));
  const rate = acked / ((performance.now() - started) / 1000);
  await jsm.streams.delete("BENCH_BASELINE");
  await nc.close();
  return rate;
}

/** Latency of publish → NATS subscription → Socket.IO room → client, with no app logic between. */
export async function minimalRelayLatency(natsUrl: string, samples: number): Promise<LatencySummary> {
  const nc = await connectNats(natsUrl, "bench-minimal-relay");
  const httpServer = createServer();
  const io = new Server(httpServer);
  nc.subscribe("bench.relay.*", {
    callback: (_error, message) => {
      io.to("room").emit("view", message.string());
    },
  });
  io.on("connection", (socket) => void socket.join("room"));
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const address = httpServer.address();
  const port = address && typeof address === "object" ? address.port : 0;
  const client = connectSocket(`http://127.0.0.1:${port}`, { transports: ["websocket"] });
  await new Promise<void>((resolve) => client.once("connect", () => resolve()));
  await new Promise((resolve) => setTimeout(resolve, 100));
  const latencies: number[] = [];
  for (let index = 0; index < samples; index++) {
    const seen = new Promise<number>((resolve) => client.once("view", () => resolve(performance.now())));
    const started = performance.now();
    nc.publish(`bench.relay.${index}`, FIX_LIKE);
    latencies.push((await seen) - started);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  client.close();
  await io.close();
  await nc.close();
  return summarize(latencies);
}

/**
 * The same HTTP load as the product's saturated phases (autocannon thread, `connections`,
 * `fixesPerRequest`) on a minimal Node ingest: read the body, JSON.parse, an acknowledged JetStream
 * publish per fix with a msgID, 202. No auth, no validation, no tracker or sockets: the ceiling
 * of one Node process serving HTTP on this machine.
 */
export async function minimalHttpIngestRate(natsUrl: string, seconds: number, connections: number, fixesPerRequest: number): Promise<IngestResult> {
  const nc = await connectNats(natsUrl, "bench-minimal-ingest");
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name: "BENCH_MINIMAL_INGEST", subjects: ["bench.ingest.>"], duplicate_window: 60_000_000_000 });
  const js = jetstream(nc);
  const server = createServer((request, response) => {
    void (async () => {
      try {
        const body = JSON.parse(await readAll(request)) as { fixes: { seq: number }[] };
        const driverId = request.headers.authorization?.slice("Bearer ".length) ?? "anonymous";
        await Promise.all(body.fixes.map((fix) => js.publish(`bench.ingest.${driverId}`, JSON.stringify(fix), { msgID: `${driverId}:${fix.seq}` })));
        response.writeHead(202, { "content-type": "application/json" }).end(`{"accepted":${body.fixes.length}}`);
      } catch {
        response.writeHead(400).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = address && typeof address === "object" ? address.port : 0;
  const drivers: SeededDriver[] = Array.from({ length: 200 }, (_, index) => ({ id: `d${index}`, token: `d${index}`, lat: 40.4, lng: -3.7, seq: 0, orderTokens: [] }));
  try {
    return await loadIngest({ baseUrl: `http://127.0.0.1:${port}`, drivers, seconds, connections, fixesPerRequest });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await jsm.streams.delete("BENCH_MINIMAL_INGEST");
    await nc.close();
  }
}

async function readAll(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
