/** GET /api/admin/eta-scoreboard over the real pipeline: the tracker's predictions, settled on delivery, are scored. */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ZEtaScoreboard } from "../../../lib/schemas/eta-scoreboard";
import { isApiError, startTestApp, waitFor, type TestApp } from "../../../testing/test-app";

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t.close();
});

test("an order delivered through the driver API is on today's row for its driver, scored 3 stops before", { timeout: 90_000 }, async () => {
  const driver = await t.createDriver({ name: "Score Sam" });
  const orders = [];
  for (let index = 0; index < 4; index++) orders.push(await t.createOrder({ lat: 48.85 + index / 200, lng: 2.35 }));
  await t.setRoute(
    driver.id,
    orders.map((order) => order.id),
  );
  for (const order of orders) await t.setStatus(driver.token, order.id, "picked_up");
  // A fix gives every stop an ETA: the last one is 3 stops away.
  await t.postFixes(driver.token, [{ lat: 48.84, lng: 2.35, at: Date.now(), seq: 1, accuracy: 5 }]);
  const last = orders.at(-1)!;
  await waitFor(async () => (await t.core.prisma.etaPrediction.count({ where: { orderId: last.id, stopsAway: 3 } })) > 0, 30_000, "a prediction 3 stops away");
  for (const order of orders) {
    await t.setStatus(driver.token, order.id, "arrived");
    await t.setStatus(driver.token, order.id, "delivered");
  }
  await waitFor(async () => (await t.core.prisma.etaPrediction.count({ where: { orderId: last.id, actualAt: { not: null } } })) > 0, 30_000, "the predictions settled");

  const response = await t.admin("GET", `/api/admin/eta-scoreboard?tzOffsetMinutes=${-new Date().getTimezoneOffset()}`);
  assert.equal(response.status, 200, response.text);
  const board = ZEtaScoreboard.parse(response.body);
  const row = board.rows.find((candidate) => candidate.driverId === driver.id);
  assert.ok(row, JSON.stringify(board));
  assert.equal(row.driverName, "Score Sam");
  assert.equal(row.arrivals, 4);
  assert.equal(row.stops3.total, 1, "one order had a window shown 3 stops before");
  // Reached within seconds of its first ETA: no window was shown 30 or 10 minutes before.
  assert.deepEqual([row.minutes30.total, row.minutes10.total], [0, 0]);

  const past = await t.admin("GET", "/api/admin/eta-scoreboard?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z");
  assert.deepEqual(ZEtaScoreboard.parse(past.body).rows, []);
});

test("a malformed query is a 400 JSON error; no credentials a 401", async () => {
  // Two bad fields at once reached the period check with strings (a 500: "query.to.getTime is not a function").
  for (const query of [
    "from=yesterday",
    "to=2026-01-01",
    "from=2026-12-01&to=2026-12-06",
    "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
    "from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z",
    "tzOffsetMinutes=9999",
    "tzOffsetMinutes=abc",
    "driver=1",
  ]) {
    const response = await t.admin("GET", `/api/admin/eta-scoreboard?${query}`);
    assert.equal(response.status, 400, query);
    assert.ok(isApiError(response.body), query);
  }
  const anonymous = await t.api("GET", "/api/admin/eta-scoreboard");
  assert.equal(anonymous.status, 401);
  assert.ok(isApiError(anonymous.body));
});
