/** GET /api/admin/insight over the real pipeline: a delivery made through the API is counted. */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { isApiError, startTestApp, type TestApp } from "../../../testing/test-app";

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t.close();
});

test("today's insight counts a delivery made through the driver API, per driver", async () => {
  const driver = await t.createDriver({ name: "Insight Ida" });
  const order = await t.createOrder();
  await t.setRoute(driver.id, [order.id]);
  await t.setStatus(driver.token, order.id, "picked_up");
  await t.setStatus(driver.token, order.id, "delivered");

  const response = await t.admin("GET", "/api/admin/insight");
  assert.equal(response.status, 200, response.text);
  assert.equal(response.body.delivered, 1);
  assert.deepEqual(response.body.perDriver, [{ driverId: driver.id, driverName: "Insight Ida", delivered: 1, failed: 0 }]);
  assert.deepEqual(response.body.onTime, { onTime: 0, withDueAt: 0, rate: null });

  const from = new Date(Date.now() - 60 * 60 * 1000).toISOString();
  const windowed = await t.admin("GET", `/api/admin/insight?from=${encodeURIComponent(from)}`);
  assert.equal(windowed.body.delivered, 1);
  const past = await t.admin("GET", "/api/admin/insight?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z");
  assert.equal(past.body.delivered, 0);
});

test("a malformed period is a 400 and no credentials a 401", async () => {
  for (const query of ["from=yesterday", "to=2026-01-01", "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "day=1"]) {
    const response = await t.admin("GET", `/api/admin/insight?${query}`);
    assert.equal(response.status, 400, query);
    assert.ok(isApiError(response.body));
  }
  assert.equal((await t.api("GET", "/api/admin/insight")).status, 401);
});
