/**
 * What the machine itself allows, measured in the same run as the product: JetStream's own
 * acknowledged-publish rate from one Node client, and a minimal relay (a NATS subscription
 * emitting to a Socket.IO room, no application logic) for the latency floor.
 */
import { createServer } from "node:http";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { Server } from "socket.io";
import { io as connectSocket } from "socket.io-client";
import { connectNats } from "../../server/backbone/backbone";
import { summarize, type LatencySummary } from "./stats";

/** A payload the size of a stored fix. */
const FIX_LIKE = JSON.stringify({ driverId: "00000000-0000-0000-0000-000000000000", lat: 40.41234, lng: -3.70123, at: Date.now(), seq: 1, accuracy: 8, speed: 6, heading: null, receivedAt: Date.now(), source: "driver-app" });

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
