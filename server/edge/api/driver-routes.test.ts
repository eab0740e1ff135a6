/**
 * The driver app's API on a real server: the driver's day, one-tap statuses with proof of
 * delivery (bytes in the database, only a flag on the stream), the size limit, who may touch
 * what, and token revocation that is instant even though tokens are cached in memory.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TOrderEvent } from "../../../lib/schemas/events";
import type { TDriverDay } from "../../../lib/schemas/driver";
import { MAX_PROOF_PHOTO_BYTES } from "../../../lib/schemas/driver";
import { STREAMS, subjects } from "../../platform/backbone/subjects";
import { pngDataUrl, tinyPng } from "../../../testing/tiny-png";
import { isApiError, startTestApp, type Driver, type Order, type TestApp } from "../../../testing/test-app";

let t: TestApp;
let driver: Driver;
let other: Driver;
let orders: Order[];

before(async () => {
  t = await startTestApp({ tracker: false });
  driver = await t.createDriver({ name: "Dana" });
  other = await t.createDriver({ name: "Otto" });
  orders = [];
  for (let index = 0; index < 3; index++) orders.push(await t.createOrder({ customerName: `Customer ${index}`, address: `${index} Main St`, lat: 40 + index / 100, lng: -3.7 }));
  await t.setRoute(
    driver.id,
    orders.map((order) => order.id),
  );
});

after(async () => {
  await t?.close();
});

async function lastOrderEvent(orderId: string): Promise<TOrderEvent> {
  const message = await t.core.jsm.streams.getMessage(STREAMS.orders, { last_by_subj: subjects.orderEvents(orderId) });
  assert.ok(message);
  return message.json<TOrderEvent>();
}

describe("driver routes", () => {
  test("GET /api/driver/me: the driver, the route in order with customers and addresses, done and left", async () => {
    const response = await t.api<TDriverDay>("GET", "/api/driver/me", undefined, driver.token);
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.body.driver, { id: driver.id, name: "Dana" });
    assert.deepEqual(
      response.body.stops.map((stop) => stop.orderId),
      orders.map((order) => order.id),
    );
    assert.deepEqual(
      response.body.stops.map((stop) => stop.customerName),
      ["Customer 0", "Customer 1", "Customer 2"],
    );
    assert.equal(response.body.stops[1]?.address, "1 Main St");
    assert.equal(response.body.stops[0]?.status, "assigned");
    assert.equal(response.body.done, 0);
    assert.equal(response.body.left, 3);
    // Otto has no route: his day is empty, and he sees nothing of Dana's.
    const otto = await t.api<TDriverDay>("GET", "/api/driver/me", undefined, other.token);
    assert.deepEqual(otto.body.stops, []);
    assert.equal((await t.api("GET", "/api/driver/me")).status, 401);
    assert.equal((await t.api("GET", "/api/driver/me", undefined, "not-a-token")).status, 401);
  });

  test("delivered with a photo and a signature: proof stored, the event says so without the bytes", async () => {
    const [first] = orders;
    await t.setStatus(driver.token, first!.id, "picked_up");
    const photo = tinyPng();
    const response = await t.api(
      "POST",
      `/api/driver/orders/${first!.id}/status`,
      { status: "delivered", note: "Left with the neighbour", proof: { photo: pngDataUrl(photo), signature: pngDataUrl() } },
      driver.token,
    );
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.body, { orderId: first!.id, status: "delivered", isChanged: true });

    const proof = await t.api("GET", `/api/driver/orders/${first!.id}/proof`, undefined, driver.token);
    assert.equal(proof.status, 200, proof.text);
    assert.equal(proof.body.photoBytes, photo.length);
    assert.equal(proof.body.photoType, "image/png");
    assert.ok(proof.body.signatureBytes > 0);
    assert.equal(proof.body.note, "Left with the neighbour");
    const row = await t.core.prisma.deliveryProof.findUnique({ where: { orderId: first!.id } });
    assert.deepEqual(Buffer.from(row!.photo!), photo, "the very bytes the phone sent");

    const event = await lastOrderEvent(first!.id);
    assert.equal(event.type, "order.status_changed");
    assert.deepEqual(event.type === "order.status_changed" ? event.proof : null, { hasPhoto: true, hasSignature: true });
    const raw = (await t.core.jsm.streams.getMessage(STREAMS.orders, { last_by_subj: subjects.orderEvents(first!.id) }))!.string();
    assert.ok(!raw.includes(photo.toString("base64")), "no image bytes on the stream");

    const day = await t.api<TDriverDay>("GET", "/api/driver/me", undefined, driver.token);
    assert.equal(day.body.done, 1);
    assert.equal(day.body.stops[0]?.hasProof, true);
  });

  test("failed with a reason from the list and free text: the reason as a code, the note as written", async () => {
    const second = orders[1]!;
    await t.setStatus(driver.token, second.id, "picked_up");
    const response = await t.api("POST", `/api/driver/orders/${second.id}/status`, { status: "failed", reason: "customer_absent", note: "rang twice" }, driver.token);
    assert.equal(response.status, 200, response.text);
    const event = await lastOrderEvent(second.id);
    assert.equal(event.type === "order.status_changed" ? event.note : null, "rang twice");
    assert.equal(event.type === "order.status_changed" ? event.reason : null, "customer_absent");
  });

  test("a photo over the limit is 413 and changes nothing", async () => {
    const third = orders[2]!;
    await t.setStatus(driver.token, third.id, "picked_up");
    const huge = `data:image/jpeg;base64,${Buffer.alloc(MAX_PROOF_PHOTO_BYTES + 1, 7).toString("base64")}`;
    const response = await t.api("POST", `/api/driver/orders/${third.id}/status`, { status: "delivered", proof: { photo: huge } }, driver.token);
    assert.equal(response.status, 413, response.text);
    assert.ok(isApiError(response.body));
    assert.equal(response.body.error.code, "payload_too_large");
    const body = `{"status":"delivered","proof":{"photo":"data:image/jpeg;base64,${"A".repeat(4_000_000)}"}}`;
    const tooBig = await fetch(`${t.baseUrl}/api/driver/orders/${third.id}/status`, { method: "POST", headers: { authorization: `Bearer ${driver.token}` }, body });
    assert.equal(tooBig.status, 413);
    const orderList = await t.listOrders();
    assert.equal(orderList.find((order) => order.id === third.id)?.status, "picked_up");
  });

  test("bad proofs and reasons are 400", async () => {
    const third = orders[2]!;
    const cases = [
      { status: "delivered", proof: { photo: "https://example.com/x.jpg" } },
      { status: "delivered", proof: { photo: "data:text/html;base64,PGgxPg==" } },
      { status: "delivered", proof: {} },
      { status: "arrived", proof: { signature: pngDataUrl() } },
      { status: "delivered", reason: "customer_absent" },
      { status: "failed", reason: "aliens" },
    ];
    for (const body of cases) {
      const response = await t.api("POST", `/api/driver/orders/${third.id}/status`, body, driver.token);
      assert.equal(response.status, 400, `${JSON.stringify(body)} → ${response.text}`);
      assert.ok(isApiError(response.body));
    }
  });

  test("a driver updates only stops on their own route and reads only their own proofs", async () => {
    const mine = orders[2]!;
    const response = await t.api("POST", `/api/driver/orders/${mine.id}/status`, { status: "arrived" }, other.token);
    assert.equal(response.status, 404, response.text);
    assert.equal((await t.api("GET", `/api/driver/orders/${orders[0]!.id}/proof`, undefined, other.token)).status, 404);
    // Fixes go to the poster's own subject whatever the body says: there is no driverId to forge.
    const forged = await t.api("POST", "/api/driver/locations", { fixes: [{ lat: 1, lng: 1, at: Date.now(), seq: 1 }], driverId: driver.id }, other.token);
    assert.equal(forged.status, 202, forged.text);
    const otherFixes = await t.api<Array<{ seq: number }>>("GET", "/api/driver/fixes", undefined, other.token);
    assert.deepEqual(
      otherFixes.body.map((fix) => fix.seq),
      [1],
    );
    const mineFixes = await t.api<Array<{ seq: number }>>("GET", "/api/driver/fixes", undefined, driver.token);
    assert.deepEqual(mineFixes.body, []);
  });

  test("revoking a token: the old one is 401 at once (even when cached), the new one works", async () => {
    // Warm the cache with the old token.
    assert.equal((await t.api("GET", "/api/driver/me", undefined, other.token)).status, 200);
    assert.equal((await t.api("POST", "/api/driver/locations", { fixes: [{ lat: 1, lng: 1, at: Date.now(), seq: 2 }] }, other.token)).status, 202);

    assert.equal((await t.api("POST", `/api/drivers/${other.id}/revoke`, {}, other.token)).status, 401, "a driver cannot revoke");
    const revoked = await t.admin<{ driverId: string; token: string }>("POST", `/api/drivers/${other.id}/revoke`);
    assert.equal(revoked.status, 200, revoked.text);
    assert.equal(revoked.body.driverId, other.id);
    assert.notEqual(revoked.body.token, other.token);

    const old = await t.api("POST", "/api/driver/locations", { fixes: [{ lat: 1, lng: 1, at: Date.now(), seq: 3 }] }, other.token);
    assert.equal(old.status, 401, old.text);
    assert.ok(isApiError(old.body));
    assert.equal((await t.api("GET", "/api/driver/me", undefined, other.token)).status, 401);
    const fresh = await t.api("GET", "/api/driver/me", undefined, revoked.body.token);
    assert.equal(fresh.status, 200, fresh.text);
    assert.equal((await t.admin("POST", "/api/drivers/no-such-driver/revoke")).status, 404);
  });
});
