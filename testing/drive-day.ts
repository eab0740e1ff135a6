/**
 * A day through the API of a test app, touching every kind of event the pipeline publishes: two
 * drivers, a route of three, an order on no route and one for the other driver; fixes before and
 * after pick-up (the tracker derives "out for delivery" and the stops away), the customer's
 * instructions and choices, a delivery, a failure, a reschedule accepted and handed in, a rating,
 * a replaced tracking link, two cancellations, a tracker-app fix (OsmAnd) and a message to a driver.
 *
 * Returns when the API answered every step; the tracker's views follow asynchronously (wait for
 * `expectedViews` on `orders.<id>.view`: the last view of each finished order).
 */
import assert from "node:assert/strict";
import { drivingFixes, type TestApp } from "./test-app";

export interface DrivenDay {
  /** For each order whose last status the day settles: the status its last view carries. */
  expectedViews: { orderId: string; status: "delivered" | "failed" | "cancelled" }[];
}

export async function driveDay(t: TestApp): Promise<DrivenDay> {
  const ana = await t.createDriver({ name: "Ana" });
  const ben = await t.createDriver({ name: "Ben" });
  const [first, second, third] = [
    await t.createOrder({ customerName: "Uno", lat: 40.4168, lng: -3.7038 }),
    await t.createOrder({ customerName: "Dos", lat: 40.4178, lng: -3.7028 }),
    await t.createOrder({ customerName: "Tres", lat: 40.4188, lng: -3.7018 }),
  ];
  const unrouted = await t.createOrder({ customerName: "Sin ruta", lat: 40.42, lng: -3.7 });
  const bens = await t.createOrder({ customerName: "Cuatro", lat: 40.43, lng: -3.69, driverId: ben.id });
  await t.setRoute(ana.id, [first.id, second.id, third.id]);
  await t.postFixes(ana.token, drivingFixes({ lat: 40.41, lng: -3.71 }, 4, { startSeq: 1, endAt: Date.now() - 60_000 }));
  assert.equal((await t.api("PUT", `/api/track/${first.token}/instructions`, { instructions: "Ring twice" })).status, 200);
  assert.equal((await t.api("PUT", `/api/track/${first.token}/choice`, { kind: "door" })).status, 200);
  for (const order of [first, second, third]) await t.setStatus(ana.token, order.id, "picked_up");
  // Setting off with the parcels: the tracker derives "out for delivery" and the stops away.
  await t.postFixes(ana.token, drivingFixes({ lat: 40.414, lng: -3.706 }, 4, { startSeq: 10 }));
  await t.setStatus(ana.token, first.id, "arrived");
  await t.setStatus(ana.token, first.id, "delivered", "Left at the door");
  assert.equal((await t.api("POST", `/api/driver/orders/${second.id}/status`, { status: "failed", reason: "customer_absent" }, ana.token)).status, 200);
  assert.equal((await t.api("PUT", `/api/track/${third.token}/choice`, { kind: "reschedule" })).status, 200);
  assert.equal((await t.admin("POST", `/api/admin/orders/${third.id}/reschedule/accept`, {})).status, 200);
  assert.equal((await t.api("POST", `/api/driver/orders/${third.id}/hand-in`, {}, ana.token)).status, 200);
  assert.equal((await t.api("POST", `/api/track/${first.token}/feedback`, { rating: 4 })).status, 201);
  assert.equal((await t.admin("POST", `/api/admin/orders/${second.id}/tracking-link`, {})).status, 201);
  assert.equal((await t.admin("POST", `/api/admin/orders/${unrouted.id}/cancel`, {})).status, 200);
  assert.equal((await t.admin("POST", `/api/admin/orders/${bens.id}/cancel`, {})).status, 200);
  assert.equal((await t.api("GET", `/api/osmand?id=${encodeURIComponent(ben.trackerId ?? "")}&lat=40.43&lon=-3.69`)).status, 200);
  assert.equal((await t.admin("POST", `/api/admin/drivers/${ana.id}/messages`, { body: "Back by six" })).status, 201);
  return {
    expectedViews: [
      { orderId: first.id, status: "delivered" },
      { orderId: second.id, status: "failed" },
      { orderId: bens.id, status: "cancelled" },
    ],
  };
}
