/**
 * SIGTERM on the real server process (dist/server.mjs, with its own nats-server and PGlite):
 * a watcher socket is open and a request is in flight (its body half sent). Measured: new
 * connections are refused at once, the in-flight request is answered (202) and its fix is on
 * the stream, the socket is told `server:draining` and closed as a transport close (so
 * socket.io-client reconnects), and the process exits 0 well within the 10 s deadline.
 */
import assert from "node:assert/strict";
import { request } from "node:http";
import { test } from "node:test";
import { jetstreamManager } from "@nats-io/jetstream";
import { io } from "socket.io-client";
import { EVENTS, SOCKET_PATH } from "../../lib/realtime/events";
import { connectNats } from "../../server/platform/backbone/backbone";
import { STREAMS } from "../../server/platform/backbone/subjects";
import { callApi, useFaultServer } from "./fault-server";
import { SHUTDOWN_DEADLINE_MS } from "../../server/platform/shutdown/graceful-shutdown";
import { lastSeq, readStream } from "../read-stream";

const env = useFaultServer("shutdown");

const api = <T>(method: string, urlPath: string, body: unknown, token: string) => callApi<T>(env, method, urlPath, body, token);

test("SIGTERM: in-flight request answered, sockets told to reconnect, exit 0 within the deadline", async () => {
  const driver = await api<{ id: string; token: string }>("POST", "/api/drivers", { name: "Shutdown Driver" }, env.server.adminToken);
  const order = await api<{ id: string; trackingUrl: string }>("POST", "/api/orders", { customerName: "C", address: "A", lat: 48.85, lng: 2.35, driverId: driver.id }, env.server.adminToken);
  await api("PUT", `/api/drivers/${driver.id}/route`, { orderIds: [order.id] }, env.server.adminToken);
  const trackingToken = order.trackingUrl.split("/track/")[1]!;

  // A watcher as the tracking page has it: websocket, reconnecting on its own.
  const socket = io(env.server.baseUrl, { path: SOCKET_PATH, transports: ["websocket"], reconnectionDelay: 200, reconnectionDelayMax: 500 });
  const ack = (await socket.timeout(10_000).emitWithAck(EVENTS.orderWatch, { token: trackingToken })) as { data?: unknown };
  assert.ok(ack.data, "the watch is acknowledged with the order's view");
  const seen: { drainingAt: number | null; disconnect: { reason: string; willReconnect: boolean } | null } = { drainingAt: null, disconnect: null };
  socket.on(EVENTS.serverDraining, () => (seen.drainingAt = performance.now()));
  socket.on("disconnect", (reason) => (seen.disconnect ??= { reason, willReconnect: socket.active }));

  // The in-flight request: headers and half the body sent before SIGTERM, the rest after.
  const nc = await connectNats(env.nats.server.url, "shutdown-test");
  const jsm = await jetstreamManager(nc);
  const seqBefore = await lastSeq(jsm, STREAMS.locations);
  const lat = 48.8512345;
  const body = JSON.stringify({ fixes: [{ lat, lng: 2.35, at: Date.now(), seq: 1, accuracy: 5 }] });
  const half = Math.floor(body.length / 2);
  const inFlight = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(`${env.server.baseUrl}/api/driver/locations`, {
      method: "POST",
      headers: { authorization: `Bearer ${driver.token}`, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
    });
    req.on("response", (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.write(body.slice(0, half));
    setTimeout(() => {
      sigtermAt = performance.now();
      env.server.child.kill("SIGTERM");
      setTimeout(() => req.end(body.slice(half)), 500);
    }, 200);
  });
  let sigtermAt = 0;

  // Stop accepting: a new connection is refused while the in-flight request is still open.
  await new Promise((resolve) => setTimeout(resolve, 400));
  await assert.rejects(fetch(`${env.server.baseUrl}/healthz`), "no new connection once SIGTERM arrived");

  const answered = await inFlight;
  assert.equal(answered.status, 202, `the in-flight request is answered: ${answered.body}`);
  const exit = await env.server.exited;
  const shutdownMs = Math.round(exit.at - sigtermAt);
  assert.equal(exit.code, 0, `exit code 0 (got ${exit.code ?? exit.signal}); stderr: ${env.server.stderr.join("\n")}`);
  assert.ok(shutdownMs < SHUTDOWN_DEADLINE_MS, `exited within the deadline (${shutdownMs} ms)`);

  const { drainingAt, disconnect } = seen;
  assert.ok(drainingAt !== null, "the socket was told server:draining");
  assert.ok(disconnect, "the socket was closed");
  assert.equal(disconnect.reason, "transport close", "closed as a transport close, which socket.io-client reconnects after");
  assert.equal(disconnect.willReconnect, true, "the client is reconnecting");
  socket.close();

  const stored = await readStream(jsm, STREAMS.locations, seqBefore);
  assert.equal(stored.filter((message) => (message.data as { lat?: number }).lat === lat).length, 1, "the in-flight request's fix is on the stream once");
  await nc.close();

  // Structured logs: every line is JSON with a level; the steps and the totals are there.
  // (Next.js prints a few lines of its own at start-up, marked ✓ ▲ ⚠; everything of ours is JSON.)
  const ours = env.server.lines.filter((line) => !(line.level === "raw" && /^\s*[✓▲⚠○]/.test(line.msg)));
  assert.deepEqual(
    ours.filter((line) => line.level === "raw"),
    [],
    "every stdout line of ours is a JSON log line",
  );
  const drained = env.server.lines.find((line) => line.msg === "requests drained");
  assert.ok(drained && (drained.inFlightAtStart as number) >= 1 && drained.cutOff === 0, `in-flight requests finished: ${JSON.stringify(drained)}`);
  const done = env.server.lines.find((line) => line.msg === "shut down");
  assert.ok(done, "the shutdown's end is logged");
  console.log(`shutdown: exit ${exit.code} ${shutdownMs} ms after SIGTERM (server's own count: ${String(done.ms)} ms); socket told to reconnect ${Math.round(drainingAt - sigtermAt)} ms after`);
});
