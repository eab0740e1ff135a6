/**
 * Limits that hold under concurrency (security issue, findings 3 and 4, and the shared-address
 * lock-out of finding 7), on the real application: bursts of parallel requests against every
 * failure limit are checked at most the limit's number of times, sign-in is locked per account
 * wherever the guesses come from, and a known-good credential is not refused because someone
 * behind the same address guessed. Each test failed before its fix (the check came before an
 * await and the failure was counted after it; the account key was IP + email).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { io as connectSocket } from "socket.io-client";
import { EVENTS, SOCKET_PATH } from "../../../lib/realtime/events";
import { SIGN_IN_POLICIES } from "../../../lib/domain/sign-in-throttle";
import { RATE_LIMIT_POLICIES } from "../../platform/http/rate-limits";
import { createIpSequence, startTestApp, type TestApp } from "../../../testing/test-app";

let t: TestApp;
const nextIp = createIpSequence();

before(async () => {
  t = await startTestApp({ trustProxyHops: 1, tracker: false });
});
after(async () => {
  await t.close();
});

async function call(method: string, path: string, options: { ip: string; body?: unknown; bearer?: string; cookie?: string }) {
  const headers: Record<string, string> = { "x-forwarded-for": options.ip };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  if (options.cookie) headers.cookie = options.cookie;
  const response = await fetch(`${t.baseUrl}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  await response.arrayBuffer();
  return { status: response.status, setCookies: response.headers.getSetCookie() };
}

const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});

async function createStaff(email: string, password: string) {
  assert.equal((await t.admin("POST", "/api/admin/staff", { email, name: "Staff", password, role: "admin" })).status, 201);
}

describe("sign-in", () => {
  test("sixty simultaneous guesses at one account: at most five are checked, the rest are 429", async () => {
    const email = "burst@example.com";
    await createStaff(email, "the-right-password-1");
    const ip = nextIp();
    const statuses = await Promise.all(
      Array.from({ length: 60 }, (_, i) => call("POST", "/api/admin/session", { ip, body: { email, password: i === 30 ? "the-right-password-1" : `wrong-${i}` } }).then((r) => r.status)),
    );
    const counts = tally(statuses);
    assert.ok((counts[401] ?? 0) + (counts[201] ?? 0) <= SIGN_IN_POLICIES.account.maxFailures, `checked: ${JSON.stringify(counts)}`);
    assert.equal((counts[401] ?? 0) + (counts[201] ?? 0) + (counts[429] ?? 0), 60, JSON.stringify(counts));
  });

  test("three bursts of a hundred guesses across emails from one address: at most thirty are checked", async () => {
    const ip = nextIp();
    let checked = 0;
    for (let burst = 0; burst < 3; burst++) {
      const statuses = await Promise.all(
        Array.from({ length: 100 }, (_, i) => call("POST", "/api/admin/session", { ip, body: { email: `spray-${burst}-${i}@example.com`, password: "guess-guess" } }).then((r) => r.status)),
      );
      checked += statuses.filter((status) => status === 401).length;
    }
    assert.ok(checked <= SIGN_IN_POLICIES.ip.maxFailures, `${checked} checked`);
  });

  test("the lock-out is per account: five wrong passwords from each of eight addresses lock it everywhere", async () => {
    const email = "spread@example.com";
    await createStaff(email, "the-right-password-2");
    for (let address = 0; address < 8; address++) {
      const ip = nextIp();
      for (let i = 0; i < 5; i++) await call("POST", "/api/admin/session", { ip, body: { email, password: `wrong-${i}` } });
    }
    assert.equal((await call("POST", "/api/admin/session", { ip: nextIp(), body: { email, password: "the-right-password-2" } })).status, 429);
  });

  test("a browser that signed in before is not locked out by an attacker locking the account or its address", async () => {
    const email = "known@example.com";
    await createStaff(email, "the-right-password-3");
    const office = nextIp();
    const first = await call("POST", "/api/admin/session", { ip: office, body: { email, password: "the-right-password-3" } });
    assert.equal(first.status, 201);
    const device = first.setCookies.find((cookie) => cookie.startsWith("lastmile_device="))?.split(";")[0];
    assert.ok(device, `a device cookie: ${first.setCookies.join(" | ")}`);
    // Someone in the same office (same address) locks the account, and the address with it.
    for (let i = 0; i < 40; i++) await call("POST", "/api/admin/session", { ip: office, body: { email: i < 10 ? email : `other-${i}@example.com`, password: `wrong-${i}` } });
    assert.equal((await call("POST", "/api/admin/session", { ip: office, body: { email, password: "the-right-password-3" } })).status, 429, "a new browser is locked out");
    assert.equal((await call("POST", "/api/admin/session", { ip: office, cookie: device, body: { email, password: "the-right-password-3" } })).status, 201, "the known browser signs in");
    // The device cookie is for that account only, and guessing through it is limited on its own.
    assert.equal((await call("POST", "/api/admin/session", { ip: office, cookie: device, body: { email: "other-11@example.com", password: "x-x-x-x-x" } })).status, 429);
    for (let i = 0; i < SIGN_IN_POLICIES.device.maxFailures; i++)
      assert.equal((await call("POST", "/api/admin/session", { ip: nextIp(), cookie: device, body: { email, password: `wrong-${i}` } })).status, 401);
    assert.equal((await call("POST", "/api/admin/session", { ip: nextIp(), cookie: device, body: { email, password: "the-right-password-3" } })).status, 429, "the device itself locks");
  });
});

describe("tokens and tracker ids", () => {
  test("120 simultaneous unknown tracker ids from one address: at most the limit answered 404; a real generated id still reports", async () => {
    const driver = await t.createDriver({ name: "Depot phone" });
    const ip = nextIp();
    const statuses = await Promise.all(Array.from({ length: 120 }, (_, i) => call("GET", `/api/osmand?id=unknown-device-${i}-xxxxxxxxxxxx&lat=40.4&lon=-3.7`, { ip }).then((r) => r.status)));
    const counts = tally(statuses);
    assert.ok((counts[404] ?? 0) <= RATE_LIMIT_POLICIES.osmandUnknownPerIp.capacity, JSON.stringify(counts));
    assert.equal(counts[429], 120 - (counts[404] ?? 0), JSON.stringify(counts));
    const known = await call("GET", `/api/osmand?id=${driver.trackerId}&lat=40.4&lon=-3.7&timestamp=${Math.floor(Date.now() / 1000)}`, { ip });
    assert.equal(known.status, 200, "a generated id is not refused for the address's misses");
  });

  test("simultaneous unknown tracking links from one address: at most the limit answered 404; a real link still opens, on the API and the socket", async () => {
    const order = await t.createOrder();
    const token = order.trackingUrl.split("/track/")[1]!;
    const ip = nextIp();
    const statuses = await Promise.all(Array.from({ length: 80 }, (_, i) => call("GET", `/api/track/unknown-${i}-${"x".repeat(30)}`, { ip }).then((r) => r.status)));
    const counts = tally(statuses);
    assert.ok((counts[404] ?? 0) <= RATE_LIMIT_POLICIES.trackingMissesPerIp.capacity, JSON.stringify(counts));
    assert.equal((await call("GET", `/api/track/${token}`, { ip })).status, 200, "a customer behind the same address");
    assert.equal((await call("GET", `/api/track/unknown-again-${"x".repeat(30)}`, { ip })).status, 429, "a miss while locked is a 429");
    const socket = connectSocket(t.baseUrl, { path: SOCKET_PATH, transports: ["websocket"], extraHeaders: { "x-forwarded-for": ip }, forceNew: true });
    try {
      const miss = (await socket.timeout(5_000).emitWithAck(EVENTS.orderWatch, { token: `unknown-socket-${"x".repeat(30)}` })) as { error?: { code: string } };
      assert.equal(miss.error?.code, "rate_limited");
      const hit = (await socket.timeout(5_000).emitWithAck(EVENTS.orderWatch, { token })) as { data?: { orderId: string } };
      assert.equal(hit.data?.orderId, order.id, "the real link watches");
    } finally {
      socket.close();
    }
  });

  test("simultaneous wrong bearer tokens from one address: at most the limit answered 401; a driver whose token worked goes on", async () => {
    const driver = await t.createDriver({ name: "Behind the NAT" });
    const ip = nextIp();
    const fix = () => ({ fixes: [{ lat: 40.4, lng: -3.7, at: Date.now() }] });
    assert.equal((await call("POST", "/api/driver/locations", { ip, bearer: driver.token, body: fix() })).status, 202);
    const statuses = await Promise.all(Array.from({ length: 60 }, (_, i) => call("GET", "/api/driver/me", { ip, bearer: `wrong-token-${i}-${"x".repeat(30)}` }).then((r) => r.status)));
    const counts = tally(statuses);
    assert.ok((counts[401] ?? 0) <= RATE_LIMIT_POLICIES.bearerFailuresPerIp.capacity, JSON.stringify(counts));
    assert.equal(counts[429], 60 - (counts[401] ?? 0), JSON.stringify(counts));
    assert.equal((await call("POST", "/api/driver/locations", { ip, bearer: driver.token, body: fix() })).status, 202, "the known driver is not locked out");
    assert.equal((await call("GET", "/api/driver/me", { ip, bearer: `another-wrong-${"x".repeat(30)}` })).status, 429);
  });
});
