/**
 * Issue 10's findings 2, 3, 5–10 and 12, each tried on the real application (real nats-server,
 * real database) the way the attacker did. Each test failed before its fix.
 *
 * The app trusts one proxy hop here, so every test speaks from its own X-Forwarded-For address
 * and one test's lock-out cannot spill into the next.
 */
import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { connect as netConnect, type AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { Manager } from "socket.io-client";
import { EVENTS, SOCKET_PATH, type TAck } from "../../../lib/realtime/events";
import type { TFleetPosition, TFleetSnapshot } from "../../../lib/schemas/admin";
import { adminTokenProblem } from "../../admin-token";
import { parseEnv } from "../../env";
import { createSession, endSessionsOfOldAdminTokens, findSession } from "../../features/staff/sessions";
import { isApiError, startTestApp, type TestApp } from "../../../testing/test-app";
import { startWebhookReceiver } from "../../../testing/webhook-receiver";
import { toOrderCloudEvent } from "../../../lib/domain/cloud-event";

let t: TestApp;
before(async () => {
  t = await startTestApp({ trustProxyHops: 1 });
});
after(async () => {
  await t.close();
});

let nextAddress = 1;
/** A fresh client address (through the trusted proxy) for one test. */
const freshIp = () => `198.51.100.${nextAddress++}`;

async function call(method: string, path: string, options: { ip: string; body?: unknown; bearer?: string; cookie?: string; csrf?: string; rawBody?: string; contentType?: string }) {
  const headers: Record<string, string> = { "x-forwarded-for": options.ip };
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  if (options.cookie) headers.cookie = options.cookie;
  if (options.csrf) headers["x-csrf-token"] = options.csrf;
  let payload: string | undefined;
  if (options.rawBody !== undefined) {
    payload = options.rawBody;
    headers["content-type"] = options.contentType ?? "application/json";
  } else if (options.body !== undefined) {
    payload = JSON.stringify(options.body);
    headers["content-type"] = "application/json";
  }
  const response = await fetch(`${t.baseUrl}${path}`, { method, headers, body: payload });
  const text = await response.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep text
  }
  return { status: response.status, headers: response.headers, body, text };
}

function assertRateLimited(response: { status: number; headers: Headers; body: unknown }, what: string): void {
  assert.equal(response.status, 429, what);
  assert.ok(isApiError(response.body), `${what}: JSON error shape`);
  assert.ok(Number(response.headers.get("retry-after")) > 0, `${what}: Retry-After`);
}

describe("finding 2: GPS spoofing through the tracker-app protocol", () => {
  test("tracker ids are generated, long and unguessable by default; a short chosen one only when the admin insists", async () => {
    const ip = freshIp();
    const generated = await call("POST", "/api/drivers", { ip, bearer: t.adminToken, body: { name: "Gen" } });
    assert.equal(generated.status, 201);
    assert.match(generated.body.trackerId, /^[a-z0-9]{22}$/);
    const weak = await call("POST", "/api/drivers", { ip, bearer: t.adminToken, body: { name: "Weak", trackerId: "van-7" } });
    assert.equal(weak.status, 400);
    assert.ok(isApiError(weak.body));
    assert.equal(await t.core.prisma.driver.count({ where: { name: "Weak" } }), 0, "nothing stored");
    const insisted = await call("POST", "/api/drivers", { ip, bearer: t.adminToken, body: { name: "Insist", trackerId: "van-7", allowGuessableTrackerId: true } });
    assert.equal(insisted.status, 201);
    assert.equal(insisted.body.trackerId, "van-7");
  });

  test("guessing tracker ids is locked out with 429 + Retry-After, even for a real id afterwards", async () => {
    const ip = freshIp();
    const driver = await t.createDriver({ name: "Target", trackerId: "target-phone-1" });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await call("GET", `/api/osmand?id=guess-${i}&lat=40.5&lon=-3.6`, { ip })).status);
    assert.ok(statuses.includes(429), `statuses ${statuses.join(",")}`);
    assert.ok(statuses.filter((status) => status === 404).length <= 20, "at most 20 misses are answered");
    const real = await call("GET", `/api/osmand?id=${driver.trackerId}&lat=40.5&lon=-3.6`, { ip });
    assertRateLimited(real, "a locked address");
    // Another address is not affected.
    assert.equal((await call("GET", `/api/osmand?id=${driver.trackerId}&lat=40.5&lon=-3.6`, { ip: freshIp() })).status, 200);
  });

  test("one tracker id cannot be flooded from many addresses", async () => {
    const driver = await t.createDriver({ name: "Flooded", trackerId: "flooded-phone-1" });
    const statuses: number[] = [];
    for (let i = 0; i < 80; i++) statuses.push((await call("GET", `/api/osmand?id=${driver.trackerId}&lat=40.5&lon=-3.6&timestamp=${Date.now() - 100_000 + i}`, { ip: freshIp() })).status);
    assert.ok(statuses.includes(429), `statuses ${statuses.join(",")}`);
  });

  test("a future-dated fix does not lock out the real phone's later fixes", async () => {
    const driver = await t.createDriver({ name: "Skewed", trackerId: "skewed-phone-1" });
    const order = await t.createOrder({ driverId: driver.id, lat: 40.5, lng: -3.6 });
    await t.setRoute(driver.id, [order.id]);
    await t.setStatus(driver.token, order.id, "picked_up");
    const now = Date.now();
    // The spoofer: 55 s ahead, inside the clock-skew allowance.
    assert.equal((await call("GET", `/api/osmand?id=${driver.trackerId}&lat=40.50&lon=-3.60&timestamp=${now + 55_000}`, { ip: freshIp() })).status, 200);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // The real phone, a second later and 11 m away.
    await t.postFixes(driver.token, [{ lat: 40.5001, lng: -3.6, at: Date.now(), accuracy: 5 }]);
    const watcher = await t.watch(order.token);
    try {
      await watcher.waitForView((view) => view.driver?.lat === 40.5001, 8_000);
    } finally {
      watcher.close();
    }
  });
});

describe("finding 3: ended sessions lose the live fleet feed", () => {
  async function signIn(ip: string, body: unknown) {
    const response = await call("POST", "/api/admin/session", { ip, body });
    assert.equal(response.status, 201, response.text);
    return { cookie: (response.headers.get("set-cookie") ?? "").split(";")[0]!, csrf: response.body.csrfToken as string };
  }
  async function openFleet(cookie: string) {
    const manager = new Manager(t.baseUrl, { path: SOCKET_PATH, transports: ["websocket"], reconnection: false, extraHeaders: { cookie } });
    const socket = manager.socket("/");
    const batches: TFleetPosition[][] = [];
    socket.on(EVENTS.fleetPositions, (batch: TFleetPosition[]) => batches.push(batch));
    const ack = (await socket.timeout(10_000).emitWithAck(EVENTS.fleetWatch, {})) as TAck<TFleetSnapshot>;
    assert.ok("data" in ack, JSON.stringify(ack));
    return { socket, batches };
  }
  async function receivesAfter(fleet: { batches: TFleetPosition[][] }, driver: { id: string; token: string }): Promise<boolean> {
    fleet.batches.length = 0;
    // Longer than the session re-check, then a fix.
    await new Promise((resolve) => setTimeout(resolve, 2_600));
    await t.postFixes(driver.token, [{ lat: 40.4 + Math.random() / 100, lng: -3.7, at: Date.now() }]);
    await new Promise((resolve) => setTimeout(resolve, 1_800));
    return fleet.batches.some((batch) => batch.some((position) => position.driverId === driver.id));
  }

  test("after sign-out the open socket receives no more positions", async () => {
    const ip = freshIp();
    const driver = await t.createDriver({ name: "Watched" });
    const browser = await signIn(ip, { adminToken: t.adminToken });
    const fleet = await openFleet(browser.cookie);
    try {
      assert.equal(await receivesAfter(fleet, driver), true, "a live session receives positions");
      assert.equal((await call("DELETE", "/api/admin/session", { ip, cookie: browser.cookie, csrf: browser.csrf })).status, 200);
      assert.equal(await receivesAfter(fleet, driver), false, "no positions after sign-out");
    } finally {
      fleet.socket.disconnect();
    }
  });

  test("after the staff account is deleted the open socket receives no more positions", async () => {
    const ip = freshIp();
    const driver = await t.createDriver({ name: "Watched 2" });
    const created = await call("POST", "/api/admin/staff", { ip, bearer: t.adminToken, body: { email: "gone@example.com", name: "Gone", password: "a-long-password-1", role: "support" } });
    assert.equal(created.status, 201, created.text);
    const browser = await signIn(ip, { email: "gone@example.com", password: "a-long-password-1" });
    const fleet = await openFleet(browser.cookie);
    try {
      assert.equal((await call("DELETE", `/api/admin/staff/${created.body.id}`, { ip, bearer: t.adminToken })).status, 200);
      assert.equal(await receivesAfter(fleet, driver), false, "no positions after deletion");
    } finally {
      fleet.socket.disconnect();
    }
  });
});

describe("finding 5: ADMIN_TOKEN", () => {
  test("wrong bearers are rate limited per address: 429 with Retry-After; a token known good still passes, a new one does not", async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await call("GET", "/api/orders", { ip, bearer: `guess-${i}` })).status);
    assert.ok(
      statuses.slice(0, 20).every((status) => status === 401),
      statuses.join(","),
    );
    assert.ok(
      statuses.slice(20).every((status) => status === 429),
      statuses.join(","),
    );
    assert.equal((await call("GET", "/api/orders", { ip: freshIp(), bearer: t.adminToken })).status, 200);
    // Tokens are 256 bits: the lock-out is about noise, and must not keep out a credential that works.
    assert.equal((await call("GET", "/api/orders", { ip, bearer: t.adminToken })).status, 200, "a known-good token from the locked address");
    const driver = await t.createDriver({ name: "New phone" });
    assertRateLimited(await call("GET", "/api/driver/me", { ip, bearer: driver.token }), "a token not yet seen working, from the locked address");
  });

  test("one revoked token retried many times does not lock its address (a depot behind one NAT)", async () => {
    const ip = freshIp();
    for (let i = 0; i < 40; i++) assert.equal((await call("GET", "/api/driver/me", { ip, bearer: "a-revoked-driver-token" })).status, 401);
    assert.equal((await call("GET", "/api/orders", { ip, bearer: t.adminToken })).status, 200);
  });

  test("ADMIN_TOKEN must be at least 32 characters and no known example", () => {
    assert.notEqual(adminTokenProblem("change-me-please"), null);
    assert.notEqual(adminTokenProblem("short-but-not-an-example"), null);
    assert.equal(adminTokenProblem("x".repeat(16) + "Yz0123456789abcdef"), null);
    assert.throws(() => parseEnv({ NODE_ENV: "test", ADMIN_TOKEN: "change-me-please" }), /ADMIN_TOKEN/);
    assert.throws(() => parseEnv({ NODE_ENV: "test", ADMIN_TOKEN: "abcdefghijk" }), /ADMIN_TOKEN/);
    const random = "Qm2vX9kLp4Rt8Wz3Nb6c7Yh5Jd0Fs1Ga8Pe";
    assert.equal(parseEnv({ NODE_ENV: "test", ADMIN_TOKEN: random }).ADMIN_TOKEN, random);
  });

  test("a new ADMIN_TOKEN ends the sessions the old one opened; staff sessions stay", async () => {
    const ip = freshIp();
    const signedIn = await call("POST", "/api/admin/session", { ip, body: { adminToken: t.adminToken } });
    assert.equal(signedIn.status, 201);
    const cookie = signedIn.headers
      .getSetCookie()
      .find((line) => line.startsWith("lastmile_admin="))!
      .split(";")[0]!;
    const sessionToken = cookie.split("=")[1]!;
    assert.equal((await call("GET", "/api/admin/session", { ip, cookie })).status, 200, "the session works with the token that opened it");
    const staff = await t.core.prisma.staffAccount.create({ data: { id: randomUUID(), email: "stays@example.com", name: "Stays", role: "admin", passwordHash: "x" } });
    const staffSession = await createSession(t.core.prisma, { staffId: staff.id, role: "admin" });
    const rotated = randomBytes(32).toString("base64url");
    assert.equal(await findSession(t.core.prisma, sessionToken, rotated), null, "refused under the new token");
    assert.equal(await t.core.prisma.staffSession.count({ where: { staffId: null } }), 0, "and deleted when met");
    const again = await call("POST", "/api/admin/session", { ip, body: { adminToken: t.adminToken } });
    assert.equal(again.status, 201);
    assert.equal(await endSessionsOfOldAdminTokens(t.core.prisma, rotated), 1, "a start with the new token ends what the old one opened");
    assert.ok(await findSession(t.core.prisma, staffSession.token, rotated), "a staff member's session is not tied to ADMIN_TOKEN");
  });

  test("a weak ADMIN_TOKEN (one character repeated, a short pattern) is refused at start-up, a random one accepted", () => {
    for (const weak of ["q".repeat(40), "a".repeat(40), "ab".repeat(20), "abc".repeat(12), "0000000000000000000000000000000011"]) {
      assert.match(adminTokenProblem(weak) ?? "", /too few characters/, weak);
      assert.throws(() => parseEnv({ NODE_ENV: "test", ADMIN_TOKEN: weak }), /ADMIN_TOKEN/);
    }
    for (const strong of ["e2e-admin-token-7Qm2vX9kLp4Rt8Wz3Nb6", "0123456789abcdef0fedcba9876543210a1b2c3d", "tR4nGq1mXz8PbW2yKc6LvD0sJf3HuA9eN5oYi7Ql0w"])
      assert.equal(adminTokenProblem(strong), null, strong);
  });
});

describe("finding 6: webhook SSRF", () => {
  test("loopback, private, link-local and metadata addresses are refused at creation (422), nothing stored", async () => {
    const ip = freshIp();
    for (const url of [
      "http://127.0.0.1:5432/",
      "http://localhost:4222/",
      "http://10.0.0.8/",
      "http://192.168.1.1/",
      "http://172.16.3.4/",
      "http://169.254.169.254/latest/meta-data/",
      "http://[::1]/",
      "http://[::ffff:127.0.0.1]/",
      "http://0.0.0.0/",
      "http://[fd00:ec2::254]/",
    ]) {
      const response = await call("POST", "/api/admin/webhooks", { ip, bearer: t.adminToken, body: { url } });
      assert.equal(response.status, 422, `${url}: ${response.text}`);
      assert.equal(response.body.error.code, "private_address", url);
    }
    assert.equal(await t.core.prisma.webhook.count(), 0);
  });

  test("delivery re-checks the address: a private target registered earlier gets no request", async () => {
    const receiver = await startWebhookReceiver({ path: "/hook" });
    const { port } = receiver;
    try {
      const { deliverEvent } = await import("../../features/webhooks/deliver-event");
      const webhook = await t.core.prisma.webhook.create({ data: { id: "wh-private", url: `http://localhost:${port}/hook`, secret: `whsec_${Buffer.from("s".repeat(32)).toString("base64")}` } });
      const event = { type: "order.created", orderId: "o-1", at: Date.now(), lat: 40.42, lng: -3.7, address: "Calle 1", status: "created" } as const;
      const payload = toOrderCloudEvent({ event, id: "msg_1", seq: 1, source: "urn:lastmile:local" });
      const isDelivered = await deliverEvent(t.core.prisma, webhook, payload, 1, 2_000);
      assert.equal(isDelivered, false);
      assert.equal(receiver.received.length, 0, "the private receiver was never contacted");
      const logged = await t.core.prisma.webhookDelivery.findFirstOrThrow({ where: { webhookId: webhook.id } });
      assert.equal(logged.statusCode, null, "no status of an internal port reaches the log");
      assert.match(logged.error ?? "", /refused/);
      // With the switch (a local receiver on purpose) it is delivered.
      assert.equal(await deliverEvent(t.core.prisma, webhook, payload, 2, 2_000, true), true);
      assert.equal(receiver.received.length, 1);
    } finally {
      await receiver.close();
    }
  });
});

describe("finding 7: NUL and lone surrogates are 400 at the edge", () => {
  test("query, path and body", async () => {
    const ip = freshIp();
    const driver = await t.createDriver({ name: "Nul" });
    const cases: [string, string, { body?: unknown; rawBody?: string; bearer?: string; contentType?: string }][] = [
      ["GET", "/api/osmand?id=%00&lat=40.5&lon=-3.6", {}],
      ["POST", "/api/osmand", { rawBody: "id=%00&lat=40.5&lon=-3.6", contentType: "application/x-www-form-urlencoded" }],
      ["POST", "/api/osmand", { rawBody: '{"device_id":"\\u0000","location":{"coords":{"latitude":1,"longitude":1}}}' }],
      ["GET", "/api/track/%00", {}],
      ["GET", "/api/admin/drivers/%00", { bearer: t.adminToken }],
      ["POST", "/api/drivers", { rawBody: '{"name":"a\\u0000b"}', bearer: t.adminToken }],
      ["POST", "/api/drivers", { rawBody: '{"name":"a\\ud800b"}', bearer: t.adminToken }],
      ["POST", "/api/orders", { rawBody: '{"customerName":"\\udc00","address":"x","lat":1,"lng":1}', bearer: t.adminToken }],
      ["POST", `/api/driver/orders/x/status`, { rawBody: '{"status":"arrived","note":"\\u0000"}', bearer: driver.token }],
      ["GET", "/api/orders?status=%00", { bearer: t.adminToken }],
    ];
    for (const [method, path, options] of cases) {
      const response = await call(method, path, { ip, ...options });
      assert.equal(response.status, 400, `${method} ${path}: ${response.status} ${response.text}`);
      assert.ok(isApiError(response.body), `${method} ${path}`);
    }
    assert.equal(await t.core.prisma.driver.count({ where: { name: { startsWith: "a" } } }), 0);
  });

  test("/track/%ZZ is a 400 JSON error, not a 500", async () => {
    const response = await call("GET", "/track/%ZZ", { ip: freshIp() });
    assert.equal(response.status, 400);
    assert.ok(isApiError(response.body));
  });
});

describe("finding 8: customer writes are rate limited per tracking token", () => {
  test("50 instruction updates in a burst: the first 10 pass, the rest 429 with Retry-After", async () => {
    const order = await t.createOrder();
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) statuses.push((await call("PUT", `/api/track/${order.token}/instructions`, { ip: freshIp(), body: { instructions: `ring ${i}` } })).status);
    assert.equal(statuses.filter((status) => status === 200).length, 10, statuses.join(","));
    assert.equal(statuses.filter((status) => status === 429).length, 40);
    assertRateLimited(await call("PUT", `/api/track/${order.token}/instructions`, { ip: freshIp(), body: { instructions: "again" } }), "instructions");
  });

  test("guessing tracking tokens locks the address out", async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) statuses.push((await call("GET", `/api/track/guess-${i}`, { ip })).status);
    assert.ok(
      statuses.slice(30).every((status) => status === 429),
      statuses.join(","),
    );
  });
});

describe("finding 9: impossible timestamps are bounded", () => {
  test("driver app and tracker apps: 400, nothing stored", async () => {
    const ip = freshIp();
    const driver = await t.createDriver({ name: "Time", trackerId: "time-traveller-phone" });
    for (const at of [8.64e15 + 1, 8.64e15, Date.now() + 2 * 86_400_000, 1, "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z"]) {
      const response = await call("POST", "/api/driver/locations", { ip, bearer: driver.token, body: { fixes: [{ lat: 40, lng: -3, at }] } });
      assert.equal(response.status, 400, `at=${at}: ${response.text}`);
    }
    for (const timestamp of [1e308, 8.64e15 + 1, 4102444800 * 10]) {
      const json = await call("POST", "/api/osmand", { ip, body: { device_id: driver.trackerId, location: { timestamp, coords: { latitude: 40, longitude: -3 } } } });
      assert.equal(json.status, 400, `timestamp=${timestamp}: ${json.text}`);
    }
    assert.equal((await call("GET", `/api/osmand?id=${driver.trackerId}&lat=40&lon=-3&timestamp=1e308`, { ip })).status, 400);
    const fixes = await call("GET", "/api/driver/fixes", { ip, bearer: driver.token });
    assert.equal(fixes.status, 200, fixes.text);
    assert.equal(JSON.stringify(fixes.body).includes('"lat":40,'), false, "no bad fix stored");
  });
});

describe("finding 10: a malformed request line gets a 400, not a closed connection", () => {
  for (const [name, line] of [
    ["a raw space", "GET /api/health x HTTP/1.1"],
    ["a raw UTF-8 byte", "GET /api/h\u00e9alth HTTP/1.1"],
  ] as const) {
    test(name, async () => {
      const { port } = t.app.httpServer.address() as AddressInfo;
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = netConnect(port, "127.0.0.1", () => socket.write(Buffer.from(`${line}\r\nHost: x\r\n\r\n`, "utf8")));
        let data = "";
        socket.on("data", (chunk) => (data += chunk.toString()));
        socket.on("close", () => resolve(data));
        socket.on("error", reject);
        socket.setTimeout(5_000, () => socket.destroy());
      });
      assert.match(answer, /^HTTP\/1\.1 400 /);
      assert.ok(isApiError(JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4))));
    });
  }
});

describe("finding 12: TRUST_PROXY", () => {
  test("behind a trusted proxy, one user's sign-in lock does not lock the others", async () => {
    // All requests come from the proxy's socket address (127.0.0.1); X-Forwarded-For tells users apart.
    const attacker = freshIp();
    for (let i = 0; i < 40; i++) await call("POST", "/api/admin/session", { ip: attacker, body: { adminToken: `wrong-${i}` } });
    assert.equal((await call("POST", "/api/admin/session", { ip: attacker, body: { adminToken: t.adminToken } })).status, 429);
    assert.equal((await call("POST", "/api/admin/session", { ip: freshIp(), body: { adminToken: t.adminToken } })).status, 201);
  });

  test("without TRUST_PROXY, X-Forwarded-For is ignored (a client cannot pick its own key)", async () => {
    const { clientIp } = await import("../../platform/http/client-ip");
    const req = { headers: { "x-forwarded-for": "1.2.3.4, 5.6.7.8" }, socket: { remoteAddress: "10.0.0.1" } } as never;
    assert.equal(clientIp(req, 0), "10.0.0.1");
    assert.equal(clientIp(req, 1), "5.6.7.8");
    assert.equal(clientIp(req, 2), "1.2.3.4");
    assert.equal(clientIp(req, 5), "1.2.3.4");
  });
});
