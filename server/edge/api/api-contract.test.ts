/**
 * The HTTP contract of DESIGN.md end to end, on a real server (own nats-server, fresh database,
 * tracker, API): the good path with the domain's stops-away rule, then every kind of bad input,
 * each a clear 4xx JSON error that changes nothing.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { isApiError, RawBody, startTestApp, type ApiResponse, type Driver, type Order, type OrderSummary, type TestApp } from "../../../testing/test-app";

let t: TestApp;

before(async () => {
  t = await startTestApp();
});

after(async () => {
  await t?.close();
});

function assertApiError(response: ApiResponse, status: number, code?: string): void {
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${response.text}`);
  assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
  assert.ok(isApiError(response.body), `not the { error: { code, message } } shape: ${response.text}`);
  if (code) assert.equal(response.body.error.code, code, response.text);
}

const byId = (orders: OrderSummary[]) => new Map(orders.map((order) => [order.id, order]));

describe("the API contract", () => {
  let driver: Driver;
  let other: Driver;
  let orders: Order[];

  test("POST /api/drivers creates a driver: 201 with id, name, token and trackerId", async () => {
    const response = await t.admin<Driver>("POST", "/api/drivers", { name: "Ada", trackerId: "ada-phone-7f3k9q2m4x8w" });
    assert.equal(response.status, 201, response.text);
    assert.equal(response.body.name, "Ada");
    assert.equal(response.body.trackerId, "ada-phone-7f3k9q2m4x8w");
    assert.equal(typeof response.body.id, "string");
    assert.ok(response.body.token.length >= 32, "a long bearer token");
    driver = response.body;

    const second = await t.admin<Driver>("POST", "/api/drivers", { name: "Bob" });
    assert.equal(second.status, 201, second.text);
    assert.match(second.body.trackerId ?? "", /^[a-z0-9]{22}$/, "a generated, unguessable tracker id by default");
    assert.notEqual(second.body.token, driver.token);
    other = second.body;
  });

  test("POST /api/orders creates orders: 201 with id and trackingUrl /track/<token>", async () => {
    orders = [];
    for (let index = 0; index < 3; index++) {
      const response = await t.admin<Order>("POST", "/api/orders", {
        customerName: `Customer ${index}`,
        address: `${index} Rue de Test`,
        lat: 48.85 + index / 100,
        lng: 2.35 + index / 100,
      });
      assert.equal(response.status, 201, response.text);
      assert.equal(typeof response.body.id, "string");
      assert.match(response.body.trackingUrl, /^\/track\/[A-Za-z0-9_-]{20,}$/);
      assert.equal(response.body.status, "created");
      assert.equal(response.body.driverId, null);
      orders.push({ ...response.body, token: response.body.trackingUrl.slice("/track/".length) });
    }
    assert.equal(new Set(orders.map((order) => order.trackingUrl)).size, 3, "each order has its own link");

    // With driverId the order goes to the end of that driver's route, already assigned.
    const assigned = await t.admin<Order>("POST", "/api/orders", { customerName: "Other", address: "9 Elsewhere", lat: 1, lng: 1, driverId: other.id });
    assert.equal(assigned.status, 201, assigned.text);
    assert.equal(assigned.body.status, "assigned");
    assert.equal(assigned.body.driverId, other.id);
  });

  test("GET /api/orders lists orders with id, status, driverId and stopsAway (null before pick-up)", async () => {
    const response = await t.admin<OrderSummary[]>("GET", "/api/orders");
    assert.equal(response.status, 200, response.text);
    assert.ok(Array.isArray(response.body));
    assert.equal(response.body.length, 4);
    for (const order of response.body) {
      for (const key of ["id", "status", "driverId", "stopsAway"]) assert.ok(key in order, `order has ${key}`);
      assert.equal(order.stopsAway, null, "nothing is picked up yet");
    }
    const listed = byId(response.body);
    for (const order of orders) assert.equal(listed.get(order.id)?.status, "created");
  });

  test("PUT /api/drivers/<id>/route sets the visiting order; orders become assigned", async () => {
    const ids = orders.map((order) => order.id);
    const response = await t.admin("PUT", `/api/drivers/${driver.id}/route`, { orderIds: ids });
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.body, { driverId: driver.id, orderIds: ids });

    const listed = byId(await t.listOrders());
    for (const order of orders) {
      assert.equal(listed.get(order.id)?.status, "assigned");
      assert.equal(listed.get(order.id)?.driverId, driver.id);
      assert.equal(listed.get(order.id)?.stopsAway, null, "assigned, not picked up: no figure");
    }
  });

  test("the driver posts fixes (202) and statuses; stops away follows the domain rule", async () => {
    const now = Date.now();
    const fixes = await t.api(
      "POST",
      "/api/driver/locations",
      {
        fixes: [
          { lat: 48.8501, lng: 2.3501, at: now - 10_000, seq: 1, accuracy: 5 },
          { lat: 48.8502, lng: 2.3502, at: new Date(now - 5_000).toISOString(), seq: 2, speed: 3, heading: 90 },
        ],
      },
      driver.token,
    );
    assert.equal(fixes.status, 202, fixes.text);
    assert.deepEqual(fixes.body, { accepted: 2, duplicates: 0 });

    // Only the last stop picked up: the two stops before it still count, picked up or not.
    const [first, second, third] = orders as [Order, Order, Order];
    const pickedUp = await t.api("POST", `/api/driver/orders/${third.id}/status`, { status: "picked_up" }, driver.token);
    assert.equal(pickedUp.status, 200, pickedUp.text);
    assert.deepEqual(pickedUp.body, { orderId: third.id, status: "picked_up", isChanged: true });
    let listed = byId(await t.listOrders());
    assert.equal(listed.get(third.id)?.stopsAway, 2);
    assert.equal(listed.get(first.id)?.stopsAway, null);

    await t.setStatus(driver.token, first.id, "picked_up");
    await t.setStatus(driver.token, second.id, "picked_up");
    listed = byId(await t.listOrders());
    assert.deepEqual(
      [first, second, third].map((order) => listed.get(order.id)?.stopsAway),
      [0, 1, 2],
    );

    // Repeating a status is a harmless no-op (a retried request).
    const again = await t.api("POST", `/api/driver/orders/${first.id}/status`, { status: "picked_up" }, driver.token);
    assert.equal(again.status, 200, again.text);
    assert.equal(again.body.isChanged, false);

    // Arrived is still unfinished; delivered drops everyone after it by one.
    await t.setStatus(driver.token, first.id, "arrived");
    listed = byId(await t.listOrders());
    assert.deepEqual(
      [first, second, third].map((order) => listed.get(order.id)?.stopsAway),
      [0, 1, 2],
    );
    await t.setStatus(driver.token, first.id, "delivered", "left with the concierge");
    listed = byId(await t.listOrders());
    assert.equal(listed.get(first.id)?.status, "delivered");
    assert.deepEqual(
      [first, second, third].map((order) => listed.get(order.id)?.stopsAway),
      [null, 0, 1],
    );

    // A failed stop is finished too.
    await t.setStatus(driver.token, second.id, "failed");
    listed = byId(await t.listOrders());
    assert.deepEqual(
      [first, second, third].map((order) => listed.get(order.id)?.stopsAway),
      [null, null, 0],
    );
  });

  describe("bad input: a clear 4xx JSON error, nothing changed", () => {
    let before: OrderSummary[];

    test("snapshot the good data first", async () => {
      before = await t.listOrders();
      assert.equal(before.length, 4);
    });

    test("invalid JSON and empty bodies are 400 invalid_json", async () => {
      assertApiError(await t.admin("POST", "/api/orders", new RawBody("{ customerName: ")), 400, "invalid_json");
      assertApiError(await t.admin("POST", "/api/drivers", new RawBody("")), 400, "invalid_json");
      assertApiError(await t.admin("POST", "/api/orders"), 400, "invalid_json");
      assertApiError(await t.api("POST", "/api/driver/locations", new RawBody("not json"), driver.token), 400, "invalid_json");
      assertApiError(await t.api("POST", `/api/driver/orders/${orders[2]!.id}/status`, new RawBody("{"), driver.token), 400, "invalid_json");
      assertApiError(await t.admin("PUT", `/api/drivers/${driver.id}/route`, new RawBody("\u0000\u0001\u0002")), 400, "invalid_json");
    });

    test("wrong types and shapes are 400 invalid_request", async () => {
      const cases: [string, string, unknown][] = [
        ["POST", "/api/drivers", {}],
        ["POST", "/api/drivers", { name: 42 }],
        ["POST", "/api/drivers", { name: "   " }],
        ["POST", "/api/drivers", { name: "Eve", trackerId: "has spaces" }],
        ["POST", "/api/drivers", null],
        ["POST", "/api/drivers", []],
        ["POST", "/api/drivers", "a string"],
        ["POST", "/api/orders", { customerName: "X", address: "Y", lat: "48.8", lng: 2.3 }],
        ["POST", "/api/orders", { customerName: "X", address: "Y", lat: 48.8 }],
        ["POST", "/api/orders", { customerName: ["X"], address: "Y", lat: 48.8, lng: 2.3 }],
        ["PUT", `/api/drivers/${driver.id}/route`, { orderIds: "all" }],
        ["PUT", `/api/drivers/${driver.id}/route`, { orderIds: [1, 2] }],
        ["PUT", `/api/drivers/${driver.id}/route`, {}],
        ["GET", "/api/orders?status=bogus", undefined],
      ];
      for (const [method, path, body] of cases) {
        const response = await t.admin(method, path, body);
        assertApiError(response, 400, "invalid_request");
      }
    });

    test("out-of-range coordinates are 400", async () => {
      for (const [lat, lng] of [
        [91, 2],
        [-90.0001, 2],
        [48, 180.5],
        [48, -181],
        [1e308 * 10, 2],
      ]) {
        // 1e308 * 10 is Infinity: JSON turns it into null, still not a number.
        assertApiError(await t.admin("POST", "/api/orders", { customerName: "X", address: "Y", lat, lng }), 400, "invalid_request");
      }
      const now = Date.now();
      for (const fix of [
        { lat: 95, lng: 2, at: now },
        { lat: 48, lng: 200, at: now },
        { lat: 48, lng: 2 },
        { lat: 48, lng: 2, at: -5 },
        { lat: 48, lng: 2, at: "yesterday" },
        { lat: 48, lng: 2, at: now, seq: -1 },
        { lat: 48, lng: 2, at: now, heading: 400 },
        { lat: 48, lng: 2, at: now, accuracy: -3 },
      ]) {
        assertApiError(await t.api("POST", "/api/driver/locations", { fixes: [fix] }, driver.token), 400, "invalid_request");
      }
      assertApiError(await t.api("POST", "/api/driver/locations", { fixes: [] }, driver.token), 400, "invalid_request");
      assertApiError(await t.api("POST", "/api/driver/locations", { fixes: "many" }, driver.token), 400, "invalid_request");
    });

    test("missing or invalid admin tokens are 401", async () => {
      const body = { customerName: "Intruder", address: "X", lat: 1, lng: 1 };
      assertApiError(await t.api("POST", "/api/orders", body), 401, "unauthorized");
      assertApiError(await t.api("POST", "/api/orders", body, "wrong-admin-token"), 401, "unauthorized");
      assertApiError(await t.api("POST", "/api/orders", body, driver.token), 401, "unauthorized");
      assertApiError(await t.api("GET", "/api/orders"), 401, "unauthorized");
      assertApiError(await t.api("POST", "/api/drivers", { name: "Mallory" }, `${t.adminToken}x`), 401, "unauthorized");
      assertApiError(await t.api("PUT", `/api/drivers/${driver.id}/route`, { orderIds: [] }), 401, "unauthorized");
      // Not a bearer scheme at all.
      const basic = await fetch(`${t.baseUrl}/api/orders`, { headers: { authorization: `Basic ${Buffer.from(`admin:${t.adminToken}`).toString("base64")}` } });
      assert.equal(basic.status, 401);
      assert.ok(isApiError(await basic.json()));
    });

    test("missing or invalid driver tokens are 401", async () => {
      const fixes = { fixes: [{ lat: 48.85, lng: 2.35, at: Date.now() }] };
      assertApiError(await t.api("POST", "/api/driver/locations", fixes), 401, "unauthorized");
      assertApiError(await t.api("POST", "/api/driver/locations", fixes, "not-a-driver"), 401, "unauthorized");
      assertApiError(await t.api("POST", "/api/driver/locations", fixes, t.adminToken), 401, "unauthorized");
      assertApiError(await t.api("POST", `/api/driver/orders/${orders[2]!.id}/status`, { status: "delivered" }), 401, "unauthorized");
      assertApiError(await t.api("POST", `/api/driver/orders/${orders[2]!.id}/status`, { status: "delivered" }, "x".repeat(43)), 401, "unauthorized");
    });

    test("routes: unknown driver 404, unknown orders 400, duplicates 400", async () => {
      assertApiError(await t.admin("PUT", "/api/drivers/no-such-driver/route", { orderIds: [] }), 404, "not_found");
      assertApiError(await t.admin("PUT", `/api/drivers/${driver.id}/route`, { orderIds: [orders[2]!.id, "no-such-order"] }), 400, "unknown_order");
      assertApiError(await t.admin("PUT", `/api/drivers/${driver.id}/route`, { orderIds: [orders[2]!.id, orders[2]!.id] }), 400, "invalid_request");
      // Related master-data errors: an order for an unknown driver, a trackerId already taken.
      assertApiError(await t.admin("POST", "/api/orders", { customerName: "X", address: "Y", lat: 1, lng: 1, driverId: "no-such-driver" }), 400, "unknown_driver");
      assertApiError(await t.admin("POST", "/api/drivers", { name: "Ada's twin", trackerId: "ada-phone-7f3k9q2m4x8w" }), 409, "tracker_id_taken");
    });

    test("a driver cannot touch another driver's order (404), nor an unknown one", async () => {
      assertApiError(await t.api("POST", `/api/driver/orders/${orders[2]!.id}/status`, { status: "delivered" }, other.token), 404, "not_found");
      assertApiError(await t.api("POST", "/api/driver/orders/no-such-order/status", { status: "delivered" }, driver.token), 404, "not_found");
      assertApiError(await t.api("POST", `/api/driver/orders/${orders[2]!.id}/status`, { status: "cancelled" }, driver.token), 400, "invalid_request");
      assertApiError(await t.api("POST", `/api/driver/orders/${orders[2]!.id}/status`, { status: "teleported" }, driver.token), 400, "invalid_request");
    });

    test("invalid status transitions are 409", async () => {
      // orders[0] is delivered, orders[1] failed: both terminal.
      assertApiError(await t.api("POST", `/api/driver/orders/${orders[0]!.id}/status`, { status: "picked_up" }, driver.token), 409, "invalid_transition");
      assertApiError(await t.api("POST", `/api/driver/orders/${orders[0]!.id}/status`, { status: "failed" }, driver.token), 409, "invalid_transition");
      assertApiError(await t.api("POST", `/api/driver/orders/${orders[1]!.id}/status`, { status: "delivered" }, driver.token), 409, "invalid_transition");
      // The other driver's order is only assigned: arrived and delivered need a pick-up first.
      const [otherOrder] = (await t.listOrders()).filter((order) => order.driverId === other.id);
      assertApiError(await t.api("POST", `/api/driver/orders/${otherOrder!.id}/status`, { status: "arrived" }, other.token), 409, "invalid_transition");
      assertApiError(await t.api("POST", `/api/driver/orders/${otherOrder!.id}/status`, { status: "delivered" }, other.token), 409, "invalid_transition");
    });

    test("unknown /api paths are 404, wrong methods 405 with Allow", async () => {
      assertApiError(await t.admin("GET", "/api/nope"), 404, "not_found");
      assertApiError(await t.admin("GET", "/api"), 404, "not_found");
      assertApiError(await t.admin("GET", "/api/drivers/x/route/extra"), 404, "not_found");
      const wrongMethod = await t.admin("DELETE", "/api/orders");
      assertApiError(wrongMethod, 405, "method_not_allowed");
      assert.match(wrongMethod.headers.get("allow") ?? "", /GET/);
      assert.match(wrongMethod.headers.get("allow") ?? "", /POST/);
      assertApiError(await t.admin("GET", `/api/drivers/${driver.id}/route`), 405, "method_not_allowed");
      assertApiError(await t.api("GET", "/api/driver/locations", undefined, driver.token), 405, "method_not_allowed");
    });

    test("a malformed percent-encoding in a path is a 4xx, not a 500", async () => {
      const response = await t.admin("PUT", "/api/drivers/%E0%A4%A/route", { orderIds: [] });
      assert.ok(response.status >= 400 && response.status < 500, `expected 4xx, got ${response.status} ${response.text}`);
      assert.ok(isApiError(response.body), response.text);
    });

    test("a body over the size limit is 413", async () => {
      const huge = JSON.stringify({ customerName: "X", address: "a".repeat(2 * 1024 * 1024), lat: 1, lng: 1 });
      let response: ApiResponse;
      try {
        response = await t.admin("POST", "/api/orders", new RawBody(huge));
      } catch (error) {
        assert.fail(`the client got no response for an oversized body, only ${String((error as Error).cause ?? error)}`);
      }
      assertApiError(response, 413, "payload_too_large");
      // The connection that carried the oversized body must not poison the client's keep-alive
      // pool: every following request is answered (a reused half-read connection would reset).
      for (let index = 0; index < 4; index++) {
        try {
          const next = await t.admin("GET", "/api/health");
          assert.equal(next.status, 200);
        } catch (error) {
          assert.fail(`request #${index + 1} after the 413 failed: ${String((error as Error).cause ?? error)}`);
        }
      }
    });

    test("a fix batch over the limit is 400", async () => {
      const now = Date.now();
      const fixes = Array.from({ length: 501 }, (_, index) => ({ lat: 48.85, lng: 2.35, at: now - index * 1000, seq: 10_000 + index }));
      assertApiError(await t.api("POST", "/api/driver/locations", { fixes }, driver.token), 400, "invalid_request");
      // 500 is the limit, inclusive.
      const ok = await t.api("POST", "/api/driver/locations", { fixes: fixes.slice(0, 500) }, driver.token);
      assert.equal(ok.status, 202, ok.text);
      assert.equal(ok.body.accepted, 500);
    });

    test("after all that, the good data is intact and the server still answers", async () => {
      const health = await t.api("GET", "/api/health");
      assert.equal(health.status, 200);
      assert.equal(health.body.ok, true);
      const now = await t.listOrders();
      assert.deepEqual(
        now.map(({ id, status, driverId, stopsAway, routePosition, customerName, address, lat, lng }) => ({ id, status, driverId, stopsAway, routePosition, customerName, address, lat, lng })),
        before.map(({ id, status, driverId, stopsAway, routePosition, customerName, address, lat, lng }) => ({ id, status, driverId, stopsAway, routePosition, customerName, address, lat, lng })),
      );
      // And it still takes good requests.
      const created = await t.createOrder({ customerName: "After the storm" });
      assert.equal((await t.listOrders()).length, before.length + 1);
      assert.equal(created.status, "created");
    });
  });
});
