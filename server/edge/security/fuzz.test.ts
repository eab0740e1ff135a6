/**
 * Property-based fuzzing (fast-check) of every API route (the list comes from the router),
 * /api/osmand in both of its shapes, and every client socket event, on the real application.
 *
 * Properties: an answer always comes (within 5 s), is never a 5xx, is JSON, and every error is
 * `{ error: { code, message } }`; socket acks are `{ data } | { error }` and the socket
 * survives; afterwards the server still answers and nothing stored breaks the input rules
 * (no NUL or lone surrogate, coordinates in range, timestamps in bounds).
 *
 * Inputs: random and hostile path segments (NUL, lone surrogates, bad percent-encoding, 5 kB),
 * query strings, JSON values (any shape), raw bodies and content types, as anonymous, a driver
 * and the admin (so bodies get past the gate and are parsed). Limits enforced by the server,
 * documented in docs/security.md: bodies 16 KB unless the route needs more (GPS batch 128 KB,
 * CSV import 4 MB, tracker reports 64 KB) → 413; GPS batches ≤ 500 fixes; names ≤ 120, addresses ≤ 500,
 * notes ≤ 1000 characters; lat ±90, lng ±180; fix times 2000-01-01 … now + 1 day; seq ≤ 2^53−1.
 * FUZZ_RUNS scales the number of cases (default 25 per route, 300 for osmand, 40 per event).
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import fc from "fast-check";
import { Manager } from "socket.io-client";
import { SOCKET_PATH } from "../../../lib/realtime/events";
import { isUnsafeText } from "../../platform/http/text-hygiene";
import { createIpSequence, isApiError, startTestApp, type Driver, type Order, type TestApp } from "../../../testing/test-app";
import { EVENT_RULES } from "./authorization-table";

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const REQUEST_TIMEOUT_MS = 5_000;

let t: TestApp;
let driver: Driver;
let order: Order;
const outcomes = new Map<string, number>();
const problems: string[] = [];
let cases = 0;
/** Every request from its own address (one trusted proxy hop), so rate limits stay out of the way. */
const nextIp = createIpSequence();

before(async () => {
  t = await startTestApp({ trustProxyHops: 1, tracker: false });
  driver = await t.createDriver({ name: "Fuzz driver" });
  order = await t.createOrder({ driverId: driver.id });
  await t.setRoute(driver.id, [order.id]);
});
after(async () => {
  console.log(
    `fuzz: ${cases} cases; outcomes ${[...outcomes]
      .sort()
      .map(([key, count]) => `${key}: ${count}`)
      .join(", ")}; problems ${problems.length}`,
  );
  await t.close();
});

/** Percent-encodes the UTF-8 bytes of `text` (a lone surrogate becomes U+FFFD, as a browser would send it). */
const percentEncode = (text: string) =>
  [...Buffer.from(text, "utf8")].map((byte) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).padStart(2, "0").toUpperCase()}`)).join("");

const hostileSegment = fc.oneof(
  fc.string().map(percentEncode),
  fc.string({ unit: "binary" }).map(percentEncode),
  fc.constantFrom("%00", "%ZZ", "%", "%ED%A0%80", "%C0%AF", "..", "%2E%2E", "%2F", "a".repeat(5_000), "null", "-1", "1e308", "NaN"),
);
const jsonBody = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.dictionary(fc.string(), fc.oneof(fc.string({ unit: "binary" }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null))).map((value) => JSON.stringify(value)),
  fc.string({ unit: "binary" }),
  fc.constantFrom('{"name":"\\u0000"}', '{"name":"\\ud800"}', "{", "[]", "null", '{"fixes":[]}', '{"__proto__":{"admin":true}}', "9".repeat(400), '{"a":'.repeat(2_000)),
);
const query = fc.dictionary(
  fc.oneof(fc.string(), fc.constantFrom("id", "lat", "lon", "timestamp", "limit", "afterSeq", "status")),
  fc.oneof(fc.string({ unit: "binary" }), fc.constantFrom("%00", "1e308", "-1", "NaN", "")),
  { maxKeys: 5 },
);
const credential = fc.constantFrom("none", "driver", "admin");
const contentType = fc.constantFrom("application/json", "text/csv", "application/x-www-form-urlencoded", "text/plain", "");

function record(outcome: string): void {
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
}

async function send(method: string, path: string, options: { body?: string; credential: string; contentType: string }): Promise<void> {
  cases++;
  const headers: Record<string, string> = { "x-forwarded-for": nextIp() };
  if (options.credential === "driver") headers.authorization = `Bearer ${driver.token}`;
  if (options.credential === "admin") headers.authorization = `Bearer ${t.adminToken}`;
  if (options.contentType) headers["content-type"] = options.contentType;
  const hasBody = method !== "GET" && method !== "HEAD";
  let response: Response;
  try {
    response = await fetch(`${t.baseUrl}${path}`, { method, headers, body: hasBody ? options.body : undefined, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    record("no answer");
    problems.push(`${method} ${path.slice(0, 80)}: no answer (${(error as Error).name})`);
    return;
  }
  const text = await response.text();
  record(`${Math.floor(response.status / 100)}xx`);
  if (response.status >= 500) problems.push(`${method} ${path.slice(0, 80)}: ${response.status} ${text.slice(0, 100)}`);
  if (response.status >= 400) {
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON
    }
    if (!isApiError(json)) problems.push(`${method} ${path.slice(0, 80)}: ${response.status} is not the error shape: ${text.slice(0, 100)}`);
  }
}

test("every route: hostile path segments, queries and bodies never give a 5xx, a hang or a non-JSON error", async () => {
  const routes = t.app.routes();
  assert.ok(routes.length >= 40);
  for (const route of routes) {
    await fc.assert(
      fc.asyncProperty(fc.array(hostileSegment, { minLength: 4, maxLength: 4 }), fc.boolean(), query, jsonBody, credential, contentType, async (segments, useRealIds, params, body, who, type) => {
        let index = 0;
        const real: Record<string, string> = { orderId: order.id, driverId: driver.id, token: order.token, kind: "photo" };
        const path = route.path.replace(/:([a-zA-Z]+)/g, (_, name: string) => (useRealIds && real[name] ? encodeURIComponent(real[name]) : (segments[index++] ?? "x")));
        const search = new URLSearchParams(params).toString();
        await send(route.method, `${path}${search ? `?${search}` : ""}`, { body, credential: who, contentType: type });
        return true;
      }),
      { numRuns: RUNS },
    );
  }
  assert.deepEqual(problems, []);
});

test("/api/osmand: query, form and Traccar JSON with hostile values", async () => {
  const trackerId = driver.trackerId ?? "";
  const value = fc.oneof(fc.string({ unit: "binary" }), fc.double().map(String), fc.integer().map(String), fc.constantFrom("1e308", "-1e308", "NaN", "Infinity", "8640000000000001", "%00", ""));
  const flat = fc.record(
    { id: fc.oneof(fc.constant(trackerId), fc.string({ unit: "binary" })), lat: value, lon: value, timestamp: value, speed: value, bearing: value, accuracy: value, batt: value, location: value },
    { requiredKeys: [] },
  );
  const traccar = fc.record(
    {
      device_id: fc.oneof(fc.constant(trackerId), fc.string()),
      location: fc.record(
        {
          timestamp: fc.oneof(fc.double(), fc.string(), fc.constant(1e308)),
          coords: fc.record(
            { latitude: fc.oneof(fc.double(), fc.string()), longitude: fc.double(), accuracy: fc.double(), speed: fc.double(), heading: fc.double(), altitude: fc.double() },
            { requiredKeys: [] },
          ),
          battery: fc.record({ level: fc.double() }, { requiredKeys: [] }),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  );
  await fc.assert(
    fc.asyncProperty(fc.constantFrom("query", "form", "json"), flat, traccar, async (shape, params, json) => {
      const encoded = new URLSearchParams(params as Record<string, string>).toString();
      if (shape === "query") await send("GET", `/api/osmand?${encoded}`, { credential: "none", contentType: "" });
      else if (shape === "form") await send("POST", "/api/osmand", { body: encoded, credential: "none", contentType: "application/x-www-form-urlencoded" });
      else await send("POST", "/api/osmand", { body: JSON.stringify(json), credential: "none", contentType: "application/json" });
      return true;
    }),
    { numRuns: RUNS * 12 },
  );
  assert.deepEqual(problems, []);
});

test("every socket event: any payload gets a well-formed ack (or none), and the socket survives", async () => {
  const payload = fc.oneof(
    fc.anything({ withBigInt: false, withBoxedValues: false, withTypedArray: false, withSparseArray: false, withNullPrototype: false }),
    fc.record({ token: fc.oneof(fc.constant(order.token), fc.string({ unit: "binary" }), fc.constant("\u0000")), afterSeq: fc.oneof(fc.integer(), fc.double(), fc.string()) }, { requiredKeys: [] }),
  );
  for (const rule of EVENT_RULES) {
    // A socket (and address) per event, so the per-address event limit does not answer for the handlers.
    const manager = new Manager(t.baseUrl, { path: SOCKET_PATH, transports: ["websocket"], reconnection: false, extraHeaders: { "x-forwarded-for": nextIp() } });
    const socket = manager.socket("/");
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    try {
      await fc.assert(
        fc.asyncProperty(payload, async (value) => {
          cases++;
          if (!rule.hasAck) {
            socket.emit(rule.event, value);
            record("socket no-ack");
            return true;
          }
          let ack: unknown;
          try {
            ack = await socket.timeout(REQUEST_TIMEOUT_MS).emitWithAck(rule.event, value);
          } catch {
            record("socket no answer");
            problems.push(`${rule.event}: no ack for ${JSON.stringify(value)?.slice(0, 80)}`);
            return true;
          }
          const reply = ack as { data?: unknown; error?: unknown } | null;
          const hasData = reply !== null && typeof reply === "object" && reply.data !== undefined;
          const isWellFormed = hasData || isApiError(reply);
          record(isWellFormed ? (hasData ? "socket data" : "socket error") : "socket malformed");
          if (!isWellFormed) problems.push(`${rule.event}: malformed ack ${JSON.stringify(ack)?.slice(0, 100)}`);
          if (isApiError(reply) && reply.error.code === "internal") problems.push(`${rule.event}: internal error for ${JSON.stringify(value)?.slice(0, 80)}`);
          return true;
        }),
        { numRuns: Math.round(RUNS * 1.6) },
      );
      assert.ok(socket.connected, `the socket survived every ${rule.event} payload`);
    } finally {
      socket.disconnect();
    }
  }
  assert.deepEqual(problems, []);
});

test("afterwards: the server answers and nothing stored breaks the input rules", async () => {
  assert.equal((await t.api("GET", "/api/health")).status, 200);
  for (const stored of await t.core.prisma.driver.findMany({ select: { name: true, trackerId: true } })) {
    assert.ok(!isUnsafeText(stored.name) && !isUnsafeText(stored.trackerId ?? ""), JSON.stringify(stored));
  }
  for (const stored of await t.core.prisma.order.findMany({ select: { customerName: true, address: true, lat: true, lng: true } })) {
    assert.ok(!isUnsafeText(stored.customerName) && !isUnsafeText(stored.address), JSON.stringify(stored));
    assert.ok(Math.abs(stored.lat) <= 90 && Math.abs(stored.lng) <= 180, JSON.stringify(stored));
  }
  const fixes = await t.api<{ at: number }[] | { fixes: { at: number }[] }>("GET", "/api/driver/fixes?limit=500", undefined, driver.token);
  const list = Array.isArray(fixes.body) ? fixes.body : (fixes.body.fixes ?? []);
  for (const fix of list) assert.ok(fix.at >= Date.UTC(2000, 0, 1) && fix.at <= Date.now() + 86_400_000, JSON.stringify(fix));
});
