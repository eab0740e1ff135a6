/**
 * The security issue's low findings (7), each tried on the real application the way the attack
 * run did; each test failed before its fix.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { RATE_LIMIT_POLICIES } from "../../platform/http/rate-limits";
import { logPath } from "../../platform/observability/logger";
import { Manager } from "socket.io-client";
import { EVENTS, SOCKET_PATH, type TAck } from "../../../lib/realtime/events";
import type { TFleetPosition, TFleetSnapshot } from "../../../lib/schemas/admin";
import { createIpSequence, isApiError, startTestApp, waitFor, type TestApp } from "../../../testing/test-app";

let t: TestApp;
const nextIp = createIpSequence();

before(async () => {
  t = await startTestApp({ trustProxyHops: 1, tracker: false });
});
after(async () => {
  await t.close();
});

async function call(method: string, path: string, options: { ip?: string; body?: unknown; bearer?: string } = {}) {
  const headers: Record<string, string> = { "x-forwarded-for": options.ip ?? nextIp() };
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${t.baseUrl}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, headers: response.headers, body };
}

describe("no 500 from a race on a unique name", () => {
  test("ten simultaneous drivers with one tracker id: one is created, the others get a 409 in words", async () => {
    const trackerId = `same-tracker-id-for-all-${Date.now()}`;
    const answers = await Promise.all(Array.from({ length: 10 }, () => call("POST", "/api/drivers", { bearer: t.adminToken, body: { name: "Twin", trackerId } })));
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    for (const answer of answers.filter((candidate) => candidate.status === 409)) assert.ok(isApiError(answer.body) && answer.body.error.code === "tracker_id_taken");
    assert.equal(await t.core.prisma.driver.count({ where: { trackerId } }), 1);
  });

  test("ten simultaneous staff accounts with one email: one is created, the others get a 409", async () => {
    const email = `twin-${Date.now()}@example.com`;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => call("POST", "/api/admin/staff", { bearer: t.adminToken, body: { email, name: "Twin", password: "a-long-password-1", role: "support" } })),
    );
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    assert.equal(await t.core.prisma.staffAccount.count({ where: { email } }), 1);
  });
});

describe("paths are judged as routers resolve them", () => {
  test("/./track/<token> and /%74rack/<token> count against the tracking-page limit", async () => {
    const ip = nextIp();
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT_POLICIES.trackingPagesPerIp.capacity + 5; i++) statuses.push((await call("GET", i % 2 ? "/./track/some-token" : "/%74rack/some-token", { ip })).status);
    assert.equal(statuses.at(-1), 429, `the limit holds: ${statuses.slice(-6).join(",")}`);
  });

  test("log lines redact the token in any spelling of a tracking path", () => {
    for (const path of ["/track/secret-token", "/./track/secret-token", "//track/secret-token?x=1", "/%74rack/secret-token", "/api/../track/secret-token", "/./api/track/secret-token/instructions"]) {
      assert.doesNotMatch(logPath(path), /secret-token/, path);
    }
  });
});

describe("dispatch's live map", () => {
  test("the fleet socket sends only fixes the tracker would show: a phone clock 23 h ahead moves nobody", async () => {
    const signedIn = await fetch(`${t.baseUrl}/api/admin/session`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": nextIp() },
      body: JSON.stringify({ adminToken: t.adminToken }),
    });
    const cookie = signedIn.headers
      .getSetCookie()
      .find((line) => line.startsWith("lastmile_admin="))!
      .split(";")[0]!;
    const socket = new Manager(t.baseUrl, { path: SOCKET_PATH, transports: ["websocket"], reconnection: false, extraHeaders: { cookie } }).socket("/");
    const positions: TFleetPosition[] = [];
    socket.on(EVENTS.fleetPositions, (batch: TFleetPosition[]) => positions.push(...batch));
    try {
      assert.ok("data" in ((await socket.timeout(10_000).emitWithAck(EVENTS.fleetWatch, {})) as TAck<TFleetSnapshot>));
      const driver = await t.createDriver({ name: "Clock ahead" });
      await t.postFixes(driver.token, [{ lat: 40.4, lng: -3.7, at: Date.now(), accuracy: 5 }]);
      await waitFor(() => positions.some((position) => position.driverId === driver.id), 10_000, "the real fix on the map");
      const ahead = Date.now() + 23 * 3600_000;
      await t.postFixes(driver.token, [{ lat: 40.41, lng: -3.7, at: ahead, accuracy: 5 }]);
      await t.postFixes(driver.token, [{ lat: 40.4001, lng: -3.7, at: Date.now() + 2_000, accuracy: 5 }]);
      await waitFor(() => positions.some((position) => position.driverId === driver.id && position.lat === 40.4001), 10_000, "the next real fix on the map");
      assert.equal(positions.filter((position) => position.at === ahead).length, 0, "the fix from a clock 23 h ahead never reached the map");
    } finally {
      socket.close();
    }
  });
});

describe("strict numbers and dates", () => {
  test("tracker reports: timestamp=-5 (read as 2001), lat=0x10, Infinity and 1_0 are 400s; decimal text and ISO times with a space pass", async () => {
    const driver = await t.createDriver({ name: "Strict" });
    const seconds = Math.floor(Date.now() / 1000);
    for (const query of [
      "timestamp=-5&lat=40.4&lon=-3.7",
      "timestamp=5-5&lat=40.4&lon=-3.7",
      `timestamp=${seconds}&lat=0x10&lon=-3.7`,
      `timestamp=${seconds}&lat=40.4&lon=Infinity`,
      `timestamp=${seconds}&lat=40.4&lon=-3.7&speed=1_0`,
    ]) {
      const answer = await call("GET", `/api/osmand?id=${driver.trackerId}&${query}`);
      assert.equal(answer.status, 400, query);
      assert.ok(isApiError(answer.body), query);
    }
    const iso = new Date(Date.now() - 1_000).toISOString().replace("T", " ");
    assert.equal((await call("GET", `/api/osmand?id=${driver.trackerId}&lat=+40.4&lon=-3.70&timestamp=${encodeURIComponent(iso)}`)).status, 200);
  });

  test("a promised time in year 0001 or 9999 is a 400 that says the range; a real one is kept", async () => {
    for (const dueAt of ["0001-01-01T00:00:00Z", "9999-12-31T23:00:00Z"]) {
      const answer = await call("POST", "/api/admin/orders", { bearer: t.adminToken, body: { customerName: "Due", address: "1 Main St", lat: 40.4, lng: -3.7, dueAt } });
      assert.equal(answer.status, 400, dueAt);
      assert.match(JSON.stringify(answer.body), /between 2000-01-01 and two years from now/, dueAt);
    }
    const dueAt = new Date(Date.now() + 3_600_000).toISOString();
    assert.equal((await call("POST", "/api/admin/orders", { bearer: t.adminToken, body: { customerName: "Due", address: "1 Main St", lat: 40.4, lng: -3.7, dueAt } })).status, 201);
  });
});
