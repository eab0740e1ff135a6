/**
 * The authorisation table (authorization-table.ts: the roles each access policy row allows, and
 * the socket events) against the real application: every role against every API route and every
 * client socket event. Fails for any route the router has, or event the relay listens to, that
 * the table lacks, or a row without its route (both lists come from the running app, not a copy),
 * for an allowed role that is turned away, a denied role that gets through, and for any answer
 * to an outsider that contains the order's customer name.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Manager, type Socket } from "socket.io-client";
import { SOCKET_PATH } from "../../../lib/realtime/events";
import { createIpSequence, startTestApp, type Driver, type Order, type TestApp } from "../../../testing/test-app";
import { tinyPng } from "../../../testing/tiny-png";
import { EVENT_RULES, ROLES, ROUTE_RULES, type Role, type RouteRule } from "./authorization-table";

const SECRET_NAME = "Authz Alice Secretname";
const SUPPORT = { email: "authz-support@example.com", name: "Support", password: "support-password-1", role: "support" };

let t: TestApp;
/** Every request from its own address (one trusted proxy hop), so rate limits stay out of the way. */
const nextIp = createIpSequence();

before(async () => {
  t = await startTestApp({ trustProxyHops: 1, tracker: false });
  assert.equal((await t.admin("POST", "/api/admin/staff", SUPPORT)).status, 201);
});
after(async () => {
  await t.close();
});

interface World {
  driverX: Driver;
  driverY: Driver;
  order: Order;
  otherOrder: Order;
  staffId: string;
  webhookId: string;
  messageId: string;
  shopOrderId: string;
}

let worldCounter = 0;
async function seedWorld(): Promise<World> {
  const n = worldCounter++;
  const driverX = await t.createDriver({ name: `X${n}` });
  const driverY = await t.createDriver({ name: `Y${n}` });
  const order = await t.createOrder({ driverId: driverX.id, customerName: SECRET_NAME });
  const otherOrder = await t.createOrder({ driverId: driverY.id, customerName: `Bob ${n}` });
  await t.setRoute(driverX.id, [order.id]);
  await t.setRoute(driverY.id, [otherOrder.id]);
  for (const [orderId, driverId] of [
    [order.id, driverX.id],
    [otherOrder.id, driverY.id],
  ] as const) {
    await t.core.prisma.deliveryProof.create({ data: { id: `proof-${orderId}`, orderId, driverId, photo: new Uint8Array(tinyPng()), photoType: "image/png", signature: new Uint8Array(tinyPng()) } });
  }
  const staff = await t.admin("POST", "/api/admin/staff", { email: `victim-${n}@example.com`, name: "Victim", password: "victim-password-1", role: "support" });
  const webhook = await t.core.prisma.webhook.create({ data: { id: `wh-${n}`, url: "http://203.0.113.9/hook", secret: "s".repeat(32) } });
  const message = await t.core.prisma.driverMessage.create({ data: { id: `msg-${n}`, driverId: driverX.id, authorName: "admin token", body: "hello" } });
  // A shop order waiting for a location (what an admin may place).
  const shopOrder = await t.core.prisma.shopOrder.create({
    data: { id: `shop-${n}`, source: "shopify", shopOrderId: `authz-${n}`, customerName: "Shop customer", address: "1 Shop Road", state: "needs_location", orderId: crypto.randomUUID() },
  });
  return { driverX, driverY, order, otherOrder, staffId: (staff.body as { id: string }).id, webhookId: webhook.id, messageId: message.id, shopOrderId: shopOrder.id };
}

async function signIn(body: unknown): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${t.baseUrl}/api/admin/session`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": nextIp() }, body: JSON.stringify(body) });
  assert.equal(response.status, 201);
  const json = (await response.json()) as { csrfToken: string };
  return { cookie: (response.headers.get("set-cookie") ?? "").split(";")[0]!, csrf: json.csrfToken };
}

/** Outsiders' unknown tokens differ per call: customer writes are limited per token, and one shared key would run out across the routes. */
let unknownTokens = 0;
function tokenFor(role: Role, world: World): string {
  if (role === "customer") return world.order.token;
  if (role === "otherCustomer") return world.otherOrder.token;
  return `not-a-tracking-token-${++unknownTokens}`;
}

function fillPath(path: string, role: Role, world: World): string {
  const values: Record<string, string> = {
    orderId: world.order.id,
    driverId: world.driverX.id,
    token: tokenFor(role, world),
    staffId: world.staffId,
    webhookId: world.webhookId,
    messageId: world.messageId,
    shopOrderId: world.shopOrderId,
    kind: "photo",
  };
  return path.replace(/:([a-zA-Z]+)/g, (_, name: string) => encodeURIComponent(values[name] ?? "x"));
}

type Outcome = "allowed" | "denied" | "unexpected";
function classify(status: number): Outcome {
  if (status === 401 || status === 403 || status === 404) return "denied";
  if (status < 300 || status === 400 || status === 409 || status === 422) return "allowed";
  return "unexpected";
}

async function callAs(rule: RouteRule, role: Role, world: World): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { "x-forwarded-for": nextIp() };
  if (role === "driverX") headers.authorization = `Bearer ${world.driverX.token}`;
  if (role === "driverY") headers.authorization = `Bearer ${world.driverY.token}`;
  if (role === "admin") headers.authorization = `Bearer ${t.adminToken}`;
  if (role === "support") {
    const session = await signIn({ email: SUPPORT.email, password: SUPPORT.password });
    headers.cookie = session.cookie;
    headers["x-csrf-token"] = session.csrf;
  }
  let body: string | undefined;
  if (rule.method !== "GET" && rule.method !== "DELETE") {
    const value = typeof rule.body === "function" ? (rule.body as () => unknown)() : (rule.body ?? {});
    body = JSON.stringify(value);
    headers["content-type"] = rule.contentType ?? "application/json";
  }
  let path = fillPath(rule.path, role, world);
  if (rule.query) path += `?${rule.query}`;
  if (rule.path === "/api/osmand") path += `?id=${encodeURIComponent(world.driverX.trackerId ?? "")}&lat=40.4&lon=-3.7`;
  const response = await fetch(`${t.baseUrl}${path}`, { method: rule.method, headers, body: rule.path === "/api/osmand" ? undefined : body });
  return { status: response.status, text: await response.text() };
}

/** Who may see this order's customer data at all. */
const INSIDERS: readonly Role[] = ["customer", "driverX", "support", "admin"];
/** Roles in an order that runs the harmless first and the destructive (admin) last. */
const ROLE_ORDER: readonly Role[] = ["anonymous", "otherCustomer", "driverY", "customer", "driverX", "support", "admin"];

const counts = { routes: 0, events: 0, combinations: 0 };

describe("authorisation table", () => {
  test("every route the router has is in the table, and nothing else", () => {
    const key = (route: { method: string; path: string }) => `${route.method} ${route.path}`;
    const actual = new Set(t.app.routes().map(key));
    const table = new Set(ROUTE_RULES.map(key));
    const missing = [...actual].filter((route) => !table.has(route));
    const stale = [...table].filter((route) => !actual.has(route));
    assert.deepEqual(missing, [], `routes without an authorisation rule: ${missing.join(", ")}`);
    assert.deepEqual(stale, [], `rules for routes that do not exist: ${stale.join(", ")}`);
    assert.equal(ROLE_ORDER.length, ROLES.length);
  });

  test("every socket event the server listens to is in the table, and nothing else", async () => {
    const manager = new Manager(t.baseUrl, { path: SOCKET_PATH, transports: ["websocket"], reconnection: false });
    const socket = manager.socket("/");
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    const serverSocket = t.app.relay.io.of("/").sockets.get(socket.id ?? "");
    assert.ok(serverSocket);
    const reserved = new Set(["disconnect", "disconnecting", "error"]);
    const listened = serverSocket
      .eventNames()
      .map(String)
      .filter((name) => !reserved.has(name));
    socket.disconnect();
    const table = EVENT_RULES.map((rule) => rule.event);
    assert.deepEqual([...new Set(listened)].sort(), [...table].sort(), "socket events and the table differ");
  });

  test("every role against every route", async () => {
    const failures: string[] = [];
    for (const rule of ROUTE_RULES) {
      counts.routes++;
      const world = await seedWorld();
      for (const role of ROLE_ORDER) {
        counts.combinations++;
        const { status, text } = await callAs(rule, role, world);
        const outcome = classify(status);
        const expected = rule.allowed.includes(role) ? "allowed" : "denied";
        if (outcome !== expected) failures.push(`${rule.method} ${rule.path} as ${role}: ${status} (expected ${expected}) ${text.slice(0, 120)}`);
        if (!INSIDERS.includes(role) && text.includes(SECRET_NAME)) failures.push(`${rule.method} ${rule.path} as ${role}: the customer's name leaked`);
      }
    }
    assert.deepEqual(failures, []);
  });

  test("every role against every socket event", async () => {
    const failures: string[] = [];
    const world = await seedWorld();
    const adminSession = await signIn({ adminToken: t.adminToken });
    const supportSession = await signIn({ email: SUPPORT.email, password: SUPPORT.password });
    for (const rule of EVENT_RULES) {
      counts.events++;
      for (const role of ROLE_ORDER) {
        counts.combinations++;
        const cookie = role === "admin" ? adminSession.cookie : role === "support" ? supportSession.cookie : undefined;
        const manager = new Manager(t.baseUrl, {
          path: SOCKET_PATH,
          transports: ["websocket"],
          reconnection: false,
          extraHeaders: { "x-forwarded-for": nextIp(), ...(cookie ? { cookie } : {}) },
        });
        const socket: Socket = manager.socket("/");
        await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
        const token = tokenFor(role, world);
        try {
          if (!rule.hasAck) {
            socket.emit(rule.event, { token });
            await new Promise((resolve) => setTimeout(resolve, 50));
            if (!socket.connected) failures.push(`${rule.event} as ${role}: the socket was dropped`);
            continue;
          }
          if (rule.event === "order:history") await socket.timeout(5_000).emitWithAck("order:watch", { token });
          const payload = rule.event === "order:history" ? { token, afterSeq: 0 } : rule.event === "order:watch" ? { token } : {};
          const ack = (await socket.timeout(5_000).emitWithAck(rule.event, payload)) as { data?: unknown; error?: { code: string } };
          const outcome = ack.data !== undefined ? "allowed" : ["not_found", "unauthorized", "forbidden", "not_watching"].includes(ack.error?.code ?? "") ? "denied" : "unexpected";
          const expected = rule.allowed.includes(role) ? "allowed" : "denied";
          if (outcome !== expected) failures.push(`${rule.event} as ${role}: ${JSON.stringify(ack).slice(0, 120)} (expected ${expected})`);
          if (!INSIDERS.includes(role) && JSON.stringify(ack).includes(SECRET_NAME)) failures.push(`${rule.event} as ${role}: the customer's name leaked`);
        } finally {
          socket.disconnect();
        }
      }
    }
    assert.deepEqual(failures, []);
  });

  after(() => {
    console.log(`authorisation: ${counts.routes} routes, ${counts.events} socket events, ${counts.combinations} role combinations tried`);
  });
});
