import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TDriverTrack } from "../../../lib/schemas/driver-track";
import { isApiError, startTestApp, waitFor, type TestApp } from "../../../testing/test-app";

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t.close();
});

const track = (driverId: string, query = "") => t.admin<TDriverTrack>("GET", `/api/admin/drivers/${driverId}/track${query}`);

describe("driver track replay", () => {
  test("fixes in the range come back by device time, thinned on request, with stop dwell times", async () => {
    const driver = await t.createDriver({ name: "Track Tina" });
    const now = Date.now();
    // Taken before the range: read from the stream (it arrived now) but outside [from, to].
    await t.postFixes(driver.token, [{ lat: 40.3, lng: -3.7, at: now - 2 * 60 * 60 * 1000, seq: 1, accuracy: 5 }]);
    // An offline batch sent newest first, then a later fix: replay order is device time.
    await t.postFixes(driver.token, [
      { lat: 40.413, lng: -3.7, at: now - 3000, seq: 4, accuracy: 5 },
      { lat: 40.412, lng: -3.7, at: now - 4000, seq: 3, accuracy: 5 },
      { lat: 40.411, lng: -3.7, at: now - 5000, seq: 2, accuracy: 5 },
    ]);
    await t.postFixes(driver.token, [{ lat: 40.414, lng: -3.699, at: now - 2000, seq: 5, accuracy: 5 }]);

    const [first, second] = [await t.createOrder({ customerName: "Dwell Dora" }), await t.createOrder({ customerName: "Open Otto" })];
    await t.setRoute(driver.id, [first.id, second.id]);
    await t.setStatus(driver.token, first.id, "picked_up");
    await t.setStatus(driver.token, first.id, "arrived");
    await t.setStatus(driver.token, first.id, "delivered");

    const from = now - 60 * 60 * 1000;
    const whole = await track(driver.id, `?from=${from}&to=${Date.now() + 1000}`);
    assert.equal(whole.status, 200, JSON.stringify(whole.body));
    assert.deepEqual(
      whole.body.fixes.map((fix) => fix.lat),
      [40.411, 40.412, 40.413, 40.414],
    );
    assert.equal(whole.body.totalFixes, 4);
    assert.equal(whole.body.isDownsampled, false);
    assert.equal(whole.body.isTruncated, false);

    const [visited, open] = whole.body.stops;
    assert.equal(visited?.orderId, first.id);
    assert.equal(visited?.outcome, "delivered");
    assert.ok(visited?.arrivedAt !== null && visited?.finishedAt !== null);
    assert.equal(visited.dwellMs, visited.finishedAt! - visited.arrivedAt!);
    assert.ok(visited.dwellMs! >= 0);
    assert.deepEqual([open?.orderId, open?.arrivedAt, open?.dwellMs], [second.id, null, null]);

    const thinned = await track(driver.id, `?from=${new Date(from).toISOString()}&maxPoints=2`);
    assert.equal(thinned.status, 200);
    assert.deepEqual(
      thinned.body.fixes.map((fix) => fix.lat),
      [40.411, 40.414],
    );
    assert.equal(thinned.body.totalFixes, 4);
    assert.equal(thinned.body.isDownsampled, true);

    // The default range (the last 24 hours) includes the early fix as well.
    const defaults = await track(driver.id);
    assert.equal(defaults.body.totalFixes, 5);
  });

  test("a range after the newest fix, or a driver with none, answers empty at once", async () => {
    const driver = await t.createDriver({ name: "Quiet Quentin" });
    const none = await track(driver.id);
    assert.equal(none.status, 200);
    assert.deepEqual([none.body.fixes, none.body.totalFixes, none.body.stops], [[], 0, []]);
    await t.postFixes(driver.token, [{ lat: 40.41, lng: -3.7, at: Date.now(), seq: 1, accuracy: 5 }]);
    const later = await track(driver.id, `?from=${Date.now() + 60_000}&to=${Date.now() + 120_000}`);
    assert.equal(later.status, 200);
    assert.deepEqual(later.body.fixes, []);
  });

  test("bad input is a 4xx with the error shape", async () => {
    const driver = await t.createDriver({ name: "Input Ivo" });
    const cases: [string, number][] = [
      [`/api/admin/drivers/${driver.id}/track?from=yesterday`, 400],
      [`/api/admin/drivers/${driver.id}/track?from=2000&to=1000`, 400],
      [`/api/admin/drivers/${driver.id}/track?from=0&to=${8 * 24 * 60 * 60 * 1000}`, 400],
      [`/api/admin/drivers/${driver.id}/track?from=${Date.now() + 60_000}`, 400],
      [`/api/admin/drivers/${driver.id}/track?maxPoints=1`, 400],
      [`/api/admin/drivers/${driver.id}/track?maxPoints=9999999`, 400],
      [`/api/admin/drivers/${driver.id}/track?color=red`, 400],
      ["/api/admin/drivers/no-such-driver/track", 404],
    ];
    for (const [path, status] of cases) {
      const response = await t.admin("GET", path);
      assert.equal(response.status, status, `${path}: ${response.text}`);
      assert.ok(isApiError(response.body), path);
    }
    const anonymous = await t.api("GET", `/api/admin/drivers/${driver.id}/track`);
    assert.equal(anonymous.status, 401);
    const asDriver = await t.api("GET", `/api/admin/drivers/${driver.id}/track`, undefined, driver.token);
    assert.equal(asDriver.status, 401);
  });
});

describe("late-order alerts", () => {
  type Alerts = { alerts: { kind: string; orderId?: string; reason?: string; etaAt?: number | null; dueAt?: number }[]; count: number };
  const lateAlert = async (orderId: string) => (await t.admin<Alerts>("GET", "/api/admin/alerts")).body.alerts.find((alert) => alert.kind === "order_late" && alert.orderId === orderId);

  test("an unfinished order past its due time is an overdue alert until it is finished", async () => {
    const driver = await t.createDriver({ name: "Late Lola" });
    const created = await t.admin("POST", "/api/admin/orders", { customerName: "Overdue Olga", address: "Calle 1", lat: 40.41, lng: -3.7, dueAt: new Date(Date.now() - 60_000).toISOString() });
    assert.equal(created.status, 201, created.text);
    const orderId = created.body.id as string;
    const onTime = await t.admin("POST", "/api/admin/orders", { customerName: "On-time Omar", address: "Calle 2", lat: 40.41, lng: -3.7, dueAt: new Date(Date.now() + 3_600_000).toISOString() });
    assert.equal((await lateAlert(orderId))?.reason, "overdue");
    assert.equal(await lateAlert(onTime.body.id as string), undefined);

    await t.setRoute(driver.id, [orderId]);
    await t.setStatus(driver.token, orderId, "picked_up");
    await t.setStatus(driver.token, orderId, "delivered");
    assert.equal(await lateAlert(orderId), undefined);
  });

  test("an order not yet due whose ETA is after its due time warns early", async () => {
    const driver = await t.createDriver({ name: "Far Fabio" });
    // Due in two minutes, but the driver is ~50 km away: the tracker's ETA is well after that.
    const created = await t.admin("POST", "/api/admin/orders", { customerName: "Predicted Pia", address: "Calle 3", lat: 40.41, lng: -3.7, dueAt: new Date(Date.now() + 120_000).toISOString() });
    const orderId = created.body.id as string;
    await t.setRoute(driver.id, [orderId]);
    await t.setStatus(driver.token, orderId, "picked_up");
    await t.postFixes(driver.token, [{ lat: 40.86, lng: -3.7, at: Date.now(), seq: 1, accuracy: 5, speed: 10 }]);
    const alert = await waitFor(() => lateAlert(orderId), 10_000, "late alert from the ETA");
    assert.equal(alert.reason, "eta_after_due");
    assert.ok(alert.etaAt! > alert.dueAt!);
  });
});
