/**
 * Sizes bounded at the edge (security issue, finding 2), on the real application: every route
 * that takes a body refuses one over its limit with a 413 JSON error, before reading it when the
 * length is declared; JSON nested deeper than any schema is a 400 before it is parsed; the live
 * channel refuses frames over its message size, bounds the acks a packet storm can queue, and
 * caps sockets per address. Nothing is stored by a refused request.
 */
import assert from "node:assert/strict";
import { request } from "node:http";
import { after, before, describe, test } from "node:test";
import { io as connectSocket, type Socket } from "socket.io-client";
import WebSocket from "ws";
import { EVENTS, SOCKET_PATH } from "../../../lib/realtime/events";
import { DEFAULT_BODY_LIMIT_BYTES, MAX_JSON_DEPTH } from "../../platform/http/read-body";
import { MAX_SOCKET_MESSAGE_BYTES, MAX_SOCKETS_PER_IP } from "../../pipeline/relay/socket-limits";
import { createIpSequence, isApiError, startTestApp, waitFor, type Order, type TestApp } from "../../../testing/test-app";

let t: TestApp;
let order: Order;
let trackingToken: string;
const nextIp = createIpSequence();

before(async () => {
  t = await startTestApp({ trustProxyHops: 1, tracker: false });
  const driver = await t.createDriver({ name: "Edge driver" });
  order = await t.createOrder({ driverId: driver.id });
  await t.setRoute(driver.id, [order.id]);
  trackingToken = order.trackingUrl.split("/track/")[1]!;
});
after(async () => {
  await t.close();
});

/** Routes that take no body: they answer without reading one (and are not asked to refuse it). */
const ROUTES_WITHOUT_BODY = new Set([
  "POST /api/admin/orders/:orderId/cancel",
  "POST /api/drivers/:driverId/revoke",
  "POST /api/admin/orders/:orderId/tracking-link",
  "POST /api/admin/orders/:orderId/reschedule/accept",
  "POST /api/driver/messages/:messageId/read",
  "POST /api/driver/orders/:orderId/hand-in",
]);

/**
 * Every route that may take a body, each with a driver and an order of its own (some routes
 * revoke or cancel them), its parameters filled and the credential it needs to get past its gate.
 */
async function bodyRoutes(): Promise<{ method: string; path: string; bearer?: string; takesBody: boolean }[]> {
  const routes = t.app.routes().filter((route) => ["POST", "PUT", "PATCH"].includes(route.method));
  return Promise.all(
    routes.map(async (route) => {
      const driver = await t.createDriver({ name: "Edge driver" });
      const order = await t.createOrder({ driverId: driver.id });
      await t.setRoute(driver.id, [order.id]);
      const token = order.trackingUrl.split("/track/")[1]!;
      const path = route.path.replace(/:(\w+)/g, (_, name: string) => (name === "token" ? token : name === "driverId" ? driver.id : name === "orderId" ? order.id : "x"));
      const bearer = route.path.startsWith("/api/driver/") ? driver.token : route.path.startsWith("/api/track/") || route.path.startsWith("/api/osmand") ? undefined : t.adminToken;
      return { method: route.method, path, bearer, takesBody: !ROUTES_WITHOUT_BODY.has(`${route.method} ${route.path}`) };
    }),
  );
}

/** Sends headers declaring `declaredBytes` and only `sentBytes` of body: the answer must come without the rest. */
function declareLargeBody(route: { method: string; path: string; bearer?: string }, declaredBytes: number, sentBytes: number): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { "content-type": "application/json", "content-length": declaredBytes, "x-forwarded-for": nextIp(), origin: t.baseUrl };
    if (route.bearer) headers.authorization = `Bearer ${route.bearer}`;
    const req = request(`${t.baseUrl}${route.path}`, { method: route.method, headers }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
    });
    req.on("error", reject);
    req.setTimeout(5_000, () => req.destroy(new Error(`${route.method} ${route.path} waited for the declared body`)));
    req.write("{" + " ".repeat(sentBytes - 1));
  });
}

describe("HTTP bodies", () => {
  test("every route refuses a body declared over any limit with a 413 JSON error, without waiting for it", async () => {
    const routes = await bodyRoutes();
    assert.ok(routes.length > 20, `the router's body routes (${routes.length})`);
    const orderCount = await t.core.prisma.order.count();
    for (const route of routes) {
      const answer = await declareLargeBody(route, 64 * 1024 * 1024, 1024);
      if (!route.takesBody) {
        assert.ok(answer.status < 500, `${route.method} ${route.path} (no body): ${answer.status}`);
        continue;
      }
      assert.equal(answer.status, 413, `${route.method} ${route.path}: ${JSON.stringify(answer.body)}`);
      assert.ok(isApiError(answer.body) && answer.body.error.code === "payload_too_large", `${route.method} ${route.path}: error shape`);
    }
    assert.equal(await t.core.prisma.order.count(), orderCount, "nothing stored");
  });

  test("a body over the default limit is refused while it streams in, when no length is declared", async () => {
    const response = await fetch(`${t.baseUrl}/api/admin/session`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": nextIp(), origin: t.baseUrl },
      // A stream has no Content-Length: the limit must hold while reading.
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(`{"email":"a@example.com","password":"${"x".repeat(DEFAULT_BODY_LIMIT_BYTES * 4)}"}`));
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    assert.equal(response.status, 413);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, "payload_too_large");
  });

  test("JSON nested deeper than any schema is a 400 that says so, on every route that reads JSON", async () => {
    const deep = `{"a":${"[".repeat(MAX_JSON_DEPTH + 1)}${"]".repeat(MAX_JSON_DEPTH + 1)}}`;
    // Shop webhooks check their HMAC on the raw bytes before parsing anything: unsigned, a deep body is a 401
    // (server/features/integrations/shop-orders.test.ts sends a signed one and gets this 400).
    const readsJson = (path: string) => !path.startsWith("/api/osmand") && !path.startsWith("/api/integrations/");
    for (const route of (await bodyRoutes()).filter((candidate) => candidate.takesBody && readsJson(candidate.path))) {
      const headers: Record<string, string> = { "content-type": "application/json", "x-forwarded-for": nextIp(), origin: t.baseUrl };
      if (route.bearer) headers.authorization = `Bearer ${route.bearer}`;
      const response = await fetch(`${t.baseUrl}${route.path}`, { method: route.method, headers, body: deep });
      const body = (await response.json()) as { error?: { code: string; message: string } };
      assert.equal(response.status, 400, `${route.method} ${route.path}: ${JSON.stringify(body)}`);
      assert.equal(body.error?.code, "invalid_json", `${route.method} ${route.path}`);
      assert.match(body.error?.message ?? "", /nests deeper/, `${route.method} ${route.path}`);
    }
    const signIn = await fetch(`${t.baseUrl}/api/admin/session`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": nextIp(), origin: t.baseUrl }, body: deep });
    assert.equal(signIn.status, 400);
    assert.match(((await signIn.json()) as { error: { message: string } }).error.message, /nests deeper than 16 levels/);
  });
});

describe("the live channel", () => {
  const socketFrom = (ip: string): Socket => connectSocket(t.baseUrl, { path: SOCKET_PATH, transports: ["websocket"], extraHeaders: { "x-forwarded-for": ip }, reconnection: false, forceNew: true });

  test("a websocket frame over the message size closes that connection; the server and other sockets go on", async () => {
    const bystander = await t.watch(trackingToken);
    const ws = new WebSocket(`${t.baseUrl.replace("http", "ws")}${SOCKET_PATH}/?EIO=4&transport=websocket`, { headers: { "x-forwarded-for": nextIp() } });
    const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
    ws.on("error", () => undefined);
    ws.on("message", (data) => {
      if (String(data).startsWith("0")) ws.send("40");
      else if (String(data).startsWith("40")) ws.send(`42["${EVENTS.orderWatch}",{"token":"${"x".repeat(MAX_SOCKET_MESSAGE_BYTES)}"}]`);
    });
    assert.equal(await closed, 1009, "closed as 'message too big'");
    const ack = (await socketFrom(nextIp()).timeout(5_000).emitWithAck(EVENTS.orderWatch, { token: trackingToken })) as { data?: { orderId: string } };
    assert.equal(ack.data?.orderId, order.id, "a new socket still watches");
    assert.ok(bystander.latest(), "the bystander still has its view");
    bystander.close();
  });

  test("a payload nested deeper than any event's is refused with a clear ack", async () => {
    const socket = socketFrom(nextIp());
    const ack = (await socket.timeout(5_000).emitWithAck(EVENTS.orderWatch, { token: { a: { b: { c: {} } } } })) as { error?: { code: string; message: string } };
    assert.equal(ack.error?.code, "invalid_request");
    assert.match(ack.error?.message ?? "", /nests deeper/);
    socket.close();
  });

  test("a long-polling packet storm earns a bounded number of acks, then the socket is dropped", async () => {
    const ip = nextIp();
    const headers = { "x-forwarded-for": ip, "content-type": "text/plain;charset=UTF-8" };
    const open = await (await fetch(`${t.baseUrl}${SOCKET_PATH}/?EIO=4&transport=polling`, { headers })).text();
    const sid = /"sid":"([^"]+)"/.exec(open)?.[1];
    assert.ok(sid, open);
    const session = `${t.baseUrl}${SOCKET_PATH}/?EIO=4&transport=polling&sid=${sid}`;
    assert.equal((await fetch(session, { method: "POST", headers, body: "40" })).status, 200);
    await (await fetch(session, { headers })).text(); // the namespace's connect answer
    // As many acked events as fit in one message: each would be refused with an ack past the budget.
    const packets: string[] = [];
    for (let i = 0; packets.join("\x1e").length < MAX_SOCKET_MESSAGE_BYTES - 40; i++) packets.push(`42${i}["${EVENTS.orderUnwatch}",{}]`);
    assert.ok(packets.length > 300, `${packets.length} packets in one POST`);
    await fetch(session, { method: "POST", headers, body: packets.join("\x1e") });
    const queued = await (await fetch(session, { headers })).text();
    const acks = queued.split("\x1e").filter((packet) => /^43\d+/.test(packet));
    // The budget's 60 events pass (unwatch has no ack of its own); at most 10 refusals are acked, then the socket goes.
    assert.ok(acks.length <= 10, `${acks.length} acks queued for ${packets.length} packets`);
    assert.ok(
      queued.split("\x1e").some((packet) => packet === "41" || packet === "1"),
      `the socket was disconnected: ${queued.slice(0, 200)}`,
    );
  });

  test(`at most ${MAX_SOCKETS_PER_IP} sockets from one address; others are not affected, and a closed one frees its place`, async () => {
    const ip = nextIp();
    const sockets: Socket[] = [];
    for (let i = 0; i < MAX_SOCKETS_PER_IP; i++) sockets.push(socketFrom(ip));
    await waitFor(() => sockets.every((socket) => socket.connected), 20_000, "the address's sockets to connect");
    const refused = socketFrom(ip);
    const error = await new Promise<Error>((resolve) => refused.once("connect_error", resolve));
    assert.match(error.message, /too many connections from this address/);
    const other = socketFrom(nextIp());
    await waitFor(() => other.connected, 5_000, "another address's socket to connect");
    sockets.pop()!.close();
    const again = socketFrom(ip);
    await waitFor(() => again.connected, 5_000, "a socket in the freed place");
    for (const socket of [...sockets, refused, other, again]) socket.close();
  });
});
