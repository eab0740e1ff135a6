/**
 * What a socket still knows once its upgrade request is let go (server/platform/patches/engine-io-upgrade-request.ts):
 * its client's address, for the lockout of tracking-token guessing, and the origin, host and
 * cookie of its handshake, for the staff fleet feed. And what it leaves behind once closed: nothing.
 */
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { Server } from "socket.io";
import { Manager, type Socket } from "socket.io-client";
import { EVENTS, SOCKET_PATH, type TAck } from "../../../lib/realtime/events";
import { RateLimits } from "../../platform/http/rate-limits";
import { startTestApp, waitFor, type TestApp } from "../../../testing/test-app";
import type { RelayServer } from "./relay-server";
import { installSocketGuard } from "./socket-guard";

let t: TestApp;
before(async () => {
  t = await startTestApp({ trustProxyHops: 1 });
});
after(async () => {
  await t.close();
});

async function connect(extraHeaders: Record<string, string>): Promise<Socket> {
  const socket = new Manager(t.baseUrl, { path: SOCKET_PATH, transports: ["websocket"], reconnection: false, extraHeaders }).socket("/");
  await new Promise<void>((resolve, reject) => socket.once("connect", () => resolve()).once("connect_error", reject));
  return socket;
}

const ackCode = async (socket: Socket, event: string, payload: unknown) => {
  const ack = (await socket.timeout(10_000).emitWithAck(event, payload)) as TAck<unknown>;
  return "error" in ack ? ack.error.code : "data";
};

test("order:watch misses lock out the address they come from (read at connection), not another", async () => {
  const guesser = await connect({ "x-forwarded-for": "203.0.113.7" });
  const neighbour = await connect({ "x-forwarded-for": "203.0.113.8" });
  try {
    // trackingMissesPerIp allows 30 misses at once.
    for (let miss = 0; miss < 30; miss++) assert.equal(await ackCode(guesser, EVENTS.orderWatch, { token: `guess-${miss}` }), "not_found");
    assert.equal(await ackCode(guesser, EVENTS.orderWatch, { token: "guess-30" }), "rate_limited");
    assert.equal(await ackCode(neighbour, EVENTS.orderWatch, { token: "guess-0" }), "not_found");
  } finally {
    guesser.close();
    neighbour.close();
  }
});

test("fleet:watch reads the handshake's cookie, origin and host: a staff session from our origin is let in, from another origin refused", async () => {
  const headers = { authorization: `Bearer ${t.adminToken}`, "content-type": "application/json", "x-forwarded-for": "203.0.113.20" };
  const staff = { email: "guard@example.com", name: "Guard", password: "a-long-password-1", role: "support" };
  assert.equal((await fetch(`${t.baseUrl}/api/admin/staff`, { method: "POST", headers, body: JSON.stringify(staff) })).status, 201);
  const signIn = await fetch(`${t.baseUrl}/api/admin/session`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.20" },
    body: JSON.stringify({ email: staff.email, password: staff.password }),
  });
  assert.equal(signIn.status, 201);
  const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0]!;
  const ours = await connect({ cookie, origin: t.baseUrl, "x-forwarded-for": "203.0.113.21" });
  const foreign = await connect({ cookie, origin: "https://elsewhere.example", "x-forwarded-for": "203.0.113.22" });
  const anonymous = await connect({ origin: t.baseUrl, "x-forwarded-for": "203.0.113.23" });
  try {
    assert.equal(await ackCode(ours, EVENTS.fleetWatch, {}), "data");
    assert.equal(await ackCode(foreign, EVENTS.fleetWatch, {}), "forbidden");
    assert.equal(await ackCode(anonymous, EVENTS.fleetWatch, {}), "unauthorized");
  } finally {
    ours.close();
    foreign.close();
    anonymous.close();
  }
});

test("a socket's event budget is dropped when it disconnects: sockets that come and go leave no buckets behind", async () => {
  const httpServer = createServer();
  const io: RelayServer = new Server(httpServer, { path: SOCKET_PATH });
  const rateLimits = new RateLimits();
  installSocketGuard(io, rateLimits);
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = httpServer.address() as AddressInfo;
  try {
    const sockets: Socket[] = [];
    for (let index = 0; index < 5; index++) {
      const socket = new Manager(`http://127.0.0.1:${port}`, { path: SOCKET_PATH, transports: ["websocket"], reconnection: false }).socket("/");
      await new Promise<void>((resolve, reject) => socket.once("connect", () => resolve()).once("connect_error", reject));
      // No handler answers: the guard's budget is taken before any handler, which is what counts here.
      socket.emit(EVENTS.orderUnwatch, { orderId: `order-${index}` });
      sockets.push(socket);
    }
    await waitFor(() => rateLimits.keysHeld("socketEventsPerSocket") === 5, 10_000, "each socket's event to be counted");
    for (const socket of sockets) socket.close();
    await waitFor(() => rateLimits.keysHeld("socketEventsPerSocket") === 0, 10_000, "the closed sockets' buckets to be dropped");
  } finally {
    await io.close();
  }
});
