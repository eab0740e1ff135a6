import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Manager } from "socket.io-client";
import { EVENTS, SOCKET_PATH, type TAck } from "../../../lib/realtime/events";
import type { TFleetPosition, TFleetSnapshot } from "../../../lib/schemas/admin";
import { isApiError, startTestApp, waitFor, type TestApp } from "../../../testing/test-app";

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t.close();
});

type Browser = { cookie: string; csrf: string };

async function call(method: string, path: string, options: { body?: unknown; browser?: Browser; csrf?: string | null; origin?: string; contentType?: string } = {}) {
  const headers: Record<string, string> = {};
  if (options.browser) headers.cookie = options.browser.cookie;
  const csrf = options.csrf === undefined ? options.browser?.csrf : options.csrf;
  if (csrf) headers["x-csrf-token"] = csrf;
  if (options.origin) headers.origin = options.origin;
  let payload: string | undefined;
  if (typeof options.body === "string") {
    payload = options.body;
    headers["content-type"] = options.contentType ?? "application/json";
  } else if (options.body !== undefined) {
    payload = JSON.stringify(options.body);
    headers["content-type"] = "application/json";
  }
  const response = await fetch(`${t.baseUrl}${path}`, { method, headers, body: payload });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as any };
}

async function signIn(credentials: Record<string, string>): Promise<Browser> {
  const response = await call("POST", "/api/admin/session", { body: credentials });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  const setCookie = response.headers.get("set-cookie") ?? "";
  assert.match(setCookie, /HttpOnly/);
  assert.match(setCookie, /SameSite=Strict/);
  return { cookie: setCookie.split(";")[0]!, csrf: response.body.csrfToken as string };
}

const order = { customerName: "Ana", address: "Calle 1", lat: 40.41, lng: -3.7 };

describe("sign-in and sessions", () => {
  test("nothing admin answers without a bearer or a session", async () => {
    for (const path of ["/api/admin/fleet", "/api/admin/orders", "/api/admin/alerts", "/api/admin/session", "/api/orders"]) {
      const response = await call("GET", path);
      assert.equal(response.status, 401, path);
      assert.ok(isApiError(response.body));
    }
  });

  test("ADMIN_TOKEN opens a cookie session that the contract's API accepts, with the CSRF header on writes", async () => {
    const browser = await signIn({ adminToken: t.adminToken });
    const session = await call("GET", "/api/admin/session", { browser });
    assert.equal(session.status, 200);
    assert.equal(session.body.role, "admin");
    assert.equal(session.body.csrfToken, browser.csrf);

    assert.equal((await call("GET", "/api/orders", { browser })).status, 200);
    const withoutCsrf = await call("POST", "/api/orders", { browser, csrf: null, body: order });
    assert.equal(withoutCsrf.status, 403);
    assert.equal(withoutCsrf.body.error.code, "csrf_failed");
    assert.equal((await call("POST", "/api/orders", { browser, csrf: "forged", body: order })).status, 403);
    const foreign = await call("POST", "/api/orders", { browser, origin: "https://evil.example", body: order });
    assert.equal(foreign.status, 403);
    assert.equal((await call("POST", "/api/orders", { browser, body: order })).status, 201);
    // The contract's bearer keeps working untouched.
    assert.equal((await t.admin("POST", "/api/orders", order)).status, 201);

    const signOut = await call("DELETE", "/api/admin/session", { browser });
    assert.equal(signOut.status, 200);
    assert.match(signOut.headers.get("set-cookie") ?? "", /Expires=Thu, 01 Jan 1970/);
    assert.equal((await call("GET", "/api/admin/session", { browser })).status, 401);
  });

  test("wrong credentials and malformed sign-ins are refused with JSON errors", async () => {
    for (const body of [{ adminToken: "nope" }, { email: "nobody@example.com", password: "whatever1234" }]) {
      const response = await call("POST", "/api/admin/session", { body });
      assert.equal(response.status, 401);
      assert.ok(isApiError(response.body));
    }
    for (const body of [{}, { email: "not-an-email", password: "x" }, { adminToken: "a", extra: 1 }]) {
      const response = await call("POST", "/api/admin/session", { body });
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.ok(isApiError(response.body));
    }
    assert.equal((await call("POST", "/api/admin/session", { body: { adminToken: t.adminToken }, origin: "https://evil.example" })).status, 403);
  });
});

describe("staff roles", () => {
  test("an admin manages staff; support views but cannot dispatch, cancel or manage staff", async () => {
    const admin = await signIn({ adminToken: t.adminToken });
    const created = await call("POST", "/api/admin/staff", { browser: admin, body: { email: "Sam@Example.com", name: "Sam", password: "long enough pass", role: "support" } });
    assert.equal(created.status, 201);
    assert.equal(created.body.email, "sam@example.com");
    assert.equal(created.body.passwordHash, undefined);
    const duplicate = await call("POST", "/api/admin/staff", { browser: admin, body: { email: "sam@example.com", name: "Sam", password: "long enough pass", role: "support" } });
    assert.equal(duplicate.status, 409);
    const weak = await call("POST", "/api/admin/staff", { browser: admin, body: { email: "x@example.com", name: "X", password: "short", role: "admin" } });
    assert.equal(weak.status, 400);

    assert.equal((await call("POST", "/api/admin/session", { body: { email: "sam@example.com", password: "wrong password" } })).status, 401);
    const support = await signIn({ email: "sam@example.com", password: "long enough pass" });
    assert.equal((await call("GET", "/api/admin/session", { browser: support })).body.role, "support");
    assert.equal((await call("GET", "/api/admin/orders", { browser: support })).status, 200);
    assert.equal((await call("GET", "/api/admin/fleet", { browser: support })).status, 200);

    const existing = await t.createOrder();
    for (const [method, path, body] of [
      ["GET", "/api/admin/staff", undefined],
      ["POST", "/api/admin/staff", { email: "y@example.com", name: "Y", password: "long enough pass", role: "admin" }],
      ["DELETE", `/api/admin/staff/${created.body.id as string}`, undefined],
      ["POST", "/api/orders", order],
      ["POST", `/api/admin/orders/${existing.id}/cancel`, undefined],
    ] as const) {
      const response = await call(method, path, { browser: support, body });
      assert.equal(response.status, 403, `${method} ${path}`);
      assert.equal(response.body.error.code, "forbidden");
    }

    // Deleting the account ends its sessions at once.
    assert.equal((await call("DELETE", `/api/admin/staff/${created.body.id as string}`, { browser: admin })).status, 200);
    assert.equal((await call("GET", "/api/admin/orders", { browser: support })).status, 401);
    assert.equal((await call("DELETE", `/api/admin/staff/${created.body.id as string}`, { browser: admin })).status, 404);
  });
});

describe("orders on the dashboard", () => {
  test("the admin list is paginated, searchable and filterable; the late flag follows the due time", async () => {
    const admin = await signIn({ adminToken: t.adminToken });
    const past = new Date(Date.now() - 60_000).toISOString();
    const late = await call("POST", "/api/admin/orders", { browser: admin, body: { ...order, customerName: "Zelda Latecomer", dueAt: past } });
    assert.equal(late.status, 201);
    for (let index = 0; index < 3; index++) await call("POST", "/api/admin/orders", { browser: admin, body: { ...order, customerName: `Paged ${index}` } });

    const page = await call("GET", "/api/admin/orders?q=paged&pageSize=2&page=2", { browser: admin });
    assert.equal(page.status, 200);
    assert.equal(page.body.total, 3);
    assert.equal(page.body.orders.length, 1);
    const lateOnly = await call("GET", "/api/admin/orders?isLate=true", { browser: admin });
    assert.deepEqual(
      lateOnly.body.orders.map((row: { id: string }) => row.id),
      [late.body.id],
    );
    assert.equal(lateOnly.body.orders[0].isLate, true);
    for (const query of ["?page=0", "?pageSize=1000", "?status=lost", "?isLate=maybe"]) {
      const response = await call("GET", `/api/admin/orders${query}`, { browser: admin });
      assert.equal(response.status, 400, query);
      assert.ok(isApiError(response.body));
    }
    assert.equal((await call("POST", "/api/admin/orders", { browser: admin, body: { ...order, dueAt: "tomorrow" } })).status, 400);
  });

  test("a CSV import stores every valid row in one go and reports each bad row by line", async () => {
    const admin = await signIn({ adminToken: t.adminToken });
    const csv = [
      "customer_name,address,lat,lng,due_at",
      'Csv One,"Calle 1, Madrid",40.41,-3.70,',
      "Csv Two,Calle 2,91,-3.70,",
      "Csv Three,Calle 3,40.42,-3.71,2027-06-01T10:00:00Z",
      ",Calle 4,40.42,-3.71,",
      "Csv Five,Calle 5,abc,-3.71,",
    ].join("\n");
    const preview = await call("POST", "/api/admin/orders/import", { browser: admin, body: { csv, isDryRun: true } });
    assert.equal(preview.status, 200);
    assert.deepEqual(
      preview.body.valid.map((row: { line: number }) => row.line),
      [2, 4],
    );
    assert.deepEqual(
      preview.body.errors.map((row: { line: number }) => row.line),
      [3, 5, 6],
    );
    // Each bad line's reason in words and as codes (the dashboard says them in the reader's language), never the validator's text.
    assert.deepEqual(
      preview.body.errors.map((row: { message: string; problems: unknown }) => [row.message, row.problems]),
      [
        ["Line 3: latitude is out of range", [{ field: "lat", code: "out_of_range" }]],
        ["Line 5: the customer's name is missing", [{ field: "customerName", code: "missing" }]],
        ["Line 6: latitude must be a number", [{ field: "lat", code: "not_a_number" }]],
      ],
    );
    // The valid rows as they will be created.
    assert.deepEqual(preview.body.valid[1], { line: 4, customerName: "Csv Three", address: "Calle 3", lat: 40.42, lng: -3.71, dueAt: "2027-06-01T10:00:00.000Z" });
    assert.equal((await call("GET", "/api/admin/orders?q=Csv", { browser: admin })).body.total, 0, "a dry run stores nothing");

    const imported = await call("POST", "/api/admin/orders/import", { browser: admin, body: csv, contentType: "text/csv" });
    assert.equal(imported.status, 201);
    assert.equal(imported.body.imported.length, 2);
    assert.match(imported.body.imported[0].trackingUrl, /^\/track\//);
    const rows = (await call("GET", "/api/admin/orders?q=Csv", { browser: admin })).body;
    assert.deepEqual(rows.orders.map((row: { customerName: string }) => row.customerName).sort(), ["Csv One", "Csv Three"]);

    for (const bad of ["", "name,address\nA,B", "customer,address,lat,lng\n"]) {
      const response = await call("POST", "/api/admin/orders/import", { browser: admin, body: { csv: bad } });
      assert.equal(response.status, 400, JSON.stringify(bad));
      assert.ok(isApiError(response.body));
    }
  });

  test("cancelling takes the order off its route, records history, and cannot happen twice differently", async () => {
    const driver = await t.createDriver();
    const first = await t.createOrder({ driverId: driver.id });
    const second = await t.createOrder({ driverId: driver.id });
    const admin = await signIn({ adminToken: t.adminToken });
    const cancelled = await call("POST", `/api/admin/orders/${first.id}/cancel`, { browser: admin });
    assert.equal(cancelled.status, 200);
    const detail = await call("GET", `/api/admin/drivers/${driver.id}`, { browser: admin });
    assert.deepEqual(
      detail.body.route.map((stop: { orderId: string }) => stop.orderId),
      [second.id],
    );
    assert.equal(detail.body.currentOrderId, second.id);
    const history = await call("GET", `/api/orders/${first.id}/events`, { browser: admin });
    assert.deepEqual(history.body.events.map((event: { type: string }) => event.type).slice(0, 1), ["order.created"]);
    assert.ok(history.body.events.some((event: { type: string; data: { to?: string } }) => event.type === "order.status_changed" && event.data.to === "cancelled"));
    assert.equal((await call("POST", `/api/admin/orders/${first.id}/cancel`, { browser: admin })).status, 200, "repeat is a no-op");
    assert.equal((await call("POST", "/api/admin/orders/nope/cancel", { browser: admin })).status, 404);
    assert.equal((await call("GET", "/api/orders/nope/events", { browser: admin })).status, 404);
    await t.setStatus(driver.token, second.id, "picked_up");
    await t.setStatus(driver.token, second.id, "delivered");
    assert.equal((await call("POST", `/api/admin/orders/${second.id}/cancel`, { browser: admin })).status, 409);
  });
});

describe("dispatch", () => {
  test("optimise proposes a shorter order from the driver's position and saves nothing until PUT", async () => {
    const driver = await t.createDriver();
    const far = await t.createOrder({ driverId: driver.id, lat: 40.44, lng: -3.7 });
    const near = await t.createOrder({ driverId: driver.id, lat: 40.41, lng: -3.7 });
    const middle = await t.createOrder({ driverId: driver.id, lat: 40.425, lng: -3.7 });
    await t.postFixes(driver.token, [{ lat: 40.4, lng: -3.7, at: Date.now(), seq: 1 }]);
    await waitFor(async () => (await t.core.prisma.driverLocation.findUnique({ where: { driverId: driver.id } })) !== null, 10_000, "location projection");
    const preview = await t.admin("POST", `/api/admin/drivers/${driver.id}/route/optimise`, {});
    assert.equal(preview.status, 200);
    assert.deepEqual(preview.body.proposed, [near.id, middle.id, far.id]);
    assert.ok(preview.body.savedMeters > 1000);
    const detail = await t.admin("GET", `/api/admin/drivers/${driver.id}`);
    assert.deepEqual(
      detail.body.route.map((stop: { orderId: string }) => stop.orderId),
      [far.id, near.id, middle.id],
    );
    assert.equal((await t.admin("POST", "/api/admin/drivers/nope/route/optimise", {})).status, 404);
    assert.equal((await t.admin("POST", `/api/admin/drivers/${driver.id}/route/optimise`, { x: 1 })).status, 400);
  });

  test("a driver with stops who has not begun the day is not silent: no alert until a stop or a fix today", async () => {
    const driver = await t.createDriver({ name: "Later Lola" });
    const first = await t.createOrder({ driverId: driver.id });
    await t.createOrder({ driverId: driver.id });
    const silentAlert = (body: { alerts: { kind: string; driverId?: string }[] }) => body.alerts.some((alert) => alert.kind === "driver_silent" && alert.driverId === driver.id);
    const fleetRow = async () => (await t.admin("GET", "/api/admin/fleet")).body.drivers.find((row: { id: string }) => row.id === driver.id) as { hasStartedDay: boolean; openStops: number };

    assert.equal(silentAlert((await t.admin("GET", "/api/admin/alerts")).body), false, "stops waiting, but nobody is out yet");
    assert.deepEqual(await fleetRow(), { ...(await fleetRow()), hasStartedDay: false, openStops: 2 });

    // Picking up a parcel begins the day: still no fix, so now the driver is silent.
    await t.setStatus(driver.token, first.id, "picked_up");
    assert.equal((await fleetRow()).hasStartedDay, true);
    assert.equal(silentAlert((await t.admin("GET", "/api/admin/alerts")).body), true);
  });

  test("alerts list a driver with stops and no fix, and a failed delivery", async () => {
    const driver = await t.createDriver({ name: "Quiet Quentin" });
    const failing = await t.createOrder({ driverId: driver.id });
    await t.createOrder({ driverId: driver.id });
    await t.setStatus(driver.token, failing.id, "picked_up");
    await t.setStatus(driver.token, failing.id, "failed", "nobody home");
    const { body } = await t.admin("GET", "/api/admin/alerts");
    assert.ok(body.alerts.some((alert: { kind: string; driverId?: string }) => alert.kind === "driver_silent" && alert.driverId === driver.id));
    assert.ok(body.alerts.some((alert: { kind: string; orderId?: string; note?: string }) => alert.kind === "delivery_failed" && alert.orderId === failing.id && alert.note === "nobody home"));
    assert.equal(body.count, body.alerts.length);
  });
});

describe("fleet room", () => {
  async function openFleet(cookie: string | null) {
    const manager = new Manager(t.baseUrl, { path: SOCKET_PATH, transports: ["websocket"], reconnection: false, extraHeaders: cookie ? { cookie } : {} });
    const socket = manager.socket("/");
    const batches: TFleetPosition[][] = [];
    socket.on(EVENTS.fleetPositions, (batch: TFleetPosition[]) => batches.push(batch));
    const ack = (await socket.timeout(10_000).emitWithAck(EVENTS.fleetWatch, {})) as TAck<TFleetSnapshot>;
    return { socket, ack, batches };
  }

  test("a signed-in admin gets the fleet, then positions at most once per driver per second; others get nothing", async () => {
    const anonymous = await openFleet(null);
    assert.ok("error" in anonymous.ack && anonymous.ack.error.code === "unauthorized");
    anonymous.socket.disconnect();

    const driver = await t.createDriver({ name: "Fleet Fiona" });
    const admin = await signIn({ adminToken: t.adminToken });
    const fleet = await openFleet(admin.cookie);
    assert.ok("data" in fleet.ack);
    assert.ok(fleet.ack.data.drivers.some((entry) => entry.id === driver.id));

    // Ten fixes in a burst (a phone flushing its queue, 11 m a second): the browser receives the newest, not ten messages.
    const now = Date.now();
    await t.postFixes(
      driver.token,
      Array.from({ length: 10 }, (_, index) => ({ lat: 40.4 + index * 0.0001, lng: -3.7, at: now - 10_000 + index * 1000, seq: index + 1 })),
    );
    const batch = await waitFor(() => fleet.batches.find((entry) => entry.some((position) => position.driverId === driver.id)), 5_000, "a fleet batch");
    const mine = batch.filter((position) => position.driverId === driver.id);
    assert.equal(mine.length, 1);
    assert.equal(mine[0]!.lat, 40.4009);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const perDriver = fleet.batches.map((entry) => entry.filter((position) => position.driverId === driver.id).length);
    assert.ok(
      perDriver.every((count) => count <= 1),
      `per-batch counts ${perDriver.join(",")}`,
    );
    fleet.socket.disconnect();
  });

  // Last in the file: it restarts this app's nats-server.
  test("fleet watchers hear when the server loses its event backbone and when it is back", async () => {
    const admin = await signIn({ adminToken: t.adminToken });
    const fleet = await openFleet(admin.cookie);
    assert.ok("data" in fleet.ack);
    const states: boolean[] = [];
    fleet.socket.on(EVENTS.fleetBackbone, (state: { isUp: boolean }) => states.push(state.isUp));
    await t.nats.restart();
    await waitFor(() => states.includes(false) && states.lastIndexOf(true) > states.indexOf(false), 30_000, "backbone down, then up again");
    fleet.socket.disconnect();
  });
});
