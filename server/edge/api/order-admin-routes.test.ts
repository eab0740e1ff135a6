/**
 * The admin order detail's routes on a real server: replacing a tracking link (the old one dies
 * everywhere, the event carries no token) and reading the delivery's proof and rating.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ZAdminOrderDelivery, ZRegeneratedTrackingLink } from "../../../lib/schemas/order-admin";
import { STREAMS, subjects } from "../../platform/backbone/subjects";
import { isApiError, startTestApp, waitFor, type Driver, type TestApp } from "../../../testing/test-app";
import { pngDataUrl, tinyPng } from "../../../testing/tiny-png";

let t: TestApp;
let driver: Driver;
let support: { cookie: string; csrf: string };

before(async () => {
  t = await startTestApp();
  driver = await t.createDriver({ name: "Proof driver" });
  const staff = { email: "sam@example.com", name: "Sam", password: "support-password-1", role: "support" };
  assert.equal((await t.admin("POST", "/api/admin/staff", staff)).status, 201);
  const signedIn = await fetch(`${t.baseUrl}/api/admin/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: staff.email, password: staff.password }),
  });
  assert.equal(signedIn.status, 201);
  support = { cookie: (signedIn.headers.get("set-cookie") ?? "").split(";")[0]!, csrf: ((await signedIn.json()) as { csrfToken: string }).csrfToken };
});

after(async () => {
  await t?.close();
});

const asSupport = (method: string, path: string) => fetch(`${t.baseUrl}${path}`, { method, headers: { cookie: support.cookie, "x-csrf-token": support.csrf } });
const tokenOf = (trackingUrl: string) => trackingUrl.replace(/^\/track\//, "");

describe("regenerate the tracking link", () => {
  test("the old link 404s on the API, the proof URLs and the socket; the new one works; the event has no token", async () => {
    const order = await t.createOrder({ driverId: driver.id });
    const oldWatcher = await t.watch(order.token);
    assert.ok("data" in oldWatcher.ack);

    const response = await t.admin("POST", `/api/admin/orders/${order.id}/tracking-link`);
    assert.equal(response.status, 201, response.text);
    const link = ZRegeneratedTrackingLink.parse(response.body);
    assert.equal(link.orderId, order.id);
    const token = tokenOf(link.trackingUrl);
    assert.match(link.trackingUrl, /^\/track\/[A-Za-z0-9_-]{43}$/);
    assert.notEqual(token, order.token);

    const old = await t.api("GET", `/api/track/${order.token}`);
    assert.equal(old.status, 404);
    assert.ok(isApiError(old.body));
    assert.equal((await t.api("GET", `/api/track/${order.token}/proof/photo`)).status, 404);
    const fresh = await t.api("GET", `/api/track/${token}`);
    assert.equal(fresh.status, 200, fresh.text);
    assert.equal(fresh.body.view.orderId, order.id);

    // A socket already watching through the old link is dropped (its reconnect then hears not_found).
    await waitFor(() => !oldWatcher.socket.connected, 10_000, "the old link's watcher dropped");
    oldWatcher.close();
    const oldAgain = await t.watch(order.token);
    assert.deepEqual("error" in oldAgain.ack ? oldAgain.ack.error.code : "watched", "not_found");
    const newWatcher = await t.watch(token);
    assert.ok("data" in newWatcher.ack && newWatcher.ack.data.orderId === order.id);

    const message = await t.core.jsm.streams.getMessage(STREAMS.orders, { last_by_subj: subjects.orderEvents(order.id) });
    assert.ok(message);
    const raw = message.string();
    assert.equal((JSON.parse(raw) as { type: string }).type, "order.tracking_link_changed");
    assert.ok(!raw.includes(token) && !raw.includes(order.token), "a token went on the stream");

    const history = await t.admin("GET", `/api/orders/${order.id}/events`);
    assert.ok((history.body.events as { type: string }[]).some((event) => event.type === "order.tracking_link_changed"));
    // The customer's timeline does not show it.
    assert.ok(!fresh.text.includes("tracking_link"));
  });

  test("unknown order 404, no credentials 401, the support role 403", async () => {
    const unknown = await t.admin("POST", "/api/admin/orders/no-such-order/tracking-link");
    assert.equal(unknown.status, 404);
    assert.ok(isApiError(unknown.body));
    const order = await t.createOrder();
    const anonymous = await t.api("POST", `/api/admin/orders/${order.id}/tracking-link`);
    assert.equal(anonymous.status, 401);
    const forbidden = await asSupport("POST", `/api/admin/orders/${order.id}/tracking-link`);
    assert.equal(forbidden.status, 403);
    assert.equal(((await forbidden.json()) as { error: { code: string } }).error.code, "forbidden");
    assert.equal((await t.api("GET", `/api/track/${order.token}`)).status, 200, "a refused request changes nothing");
  });
});

describe("the delivery's proof and rating", () => {
  test("nothing before delivery; after it the proof's images under the staff API and the customer's rating", async () => {
    const order = await t.createOrder({ driverId: driver.id });
    const before = await t.admin("GET", `/api/admin/orders/${order.id}/delivery`);
    assert.equal(before.status, 200, before.text);
    assert.deepEqual(before.body, { orderId: order.id, proof: null, feedback: null, deliveredTo: null });
    assert.equal((await t.admin("GET", `/api/admin/orders/${order.id}/proof/photo`)).status, 404);

    await t.setStatus(driver.token, order.id, "picked_up");
    const photo = tinyPng();
    const delivered = await t.api(
      "POST",
      `/api/driver/orders/${order.id}/status`,
      { status: "delivered", note: "Behind the gate", proof: { photo: pngDataUrl(photo), signature: pngDataUrl() } },
      driver.token,
    );
    assert.equal(delivered.status, 200, delivered.text);
    assert.equal((await t.api("POST", `/api/track/${order.token}/feedback`, { rating: 4, comment: "Quick, thanks" })).status, 201);

    const response = await t.admin("GET", `/api/admin/orders/${order.id}/delivery`);
    assert.equal(response.status, 200, response.text);
    const delivery = ZAdminOrderDelivery.parse(response.body);
    assert.equal(delivery.proof?.note, "Behind the gate");
    assert.equal(delivery.proof?.photoUrl, `/api/admin/orders/${order.id}/proof/photo`);
    assert.equal(delivery.proof?.signatureUrl, `/api/admin/orders/${order.id}/proof/signature`);
    assert.deepEqual({ rating: delivery.feedback?.rating, comment: delivery.feedback?.comment }, { rating: 4, comment: "Quick, thanks" });
    assert.ok(!response.text.includes(order.token), "no customer token in the staff answer");

    const image = await fetch(`${t.baseUrl}${delivery.proof!.photoUrl!}`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    assert.equal(image.status, 200);
    assert.equal(image.headers.get("content-type"), "image/png");
    assert.deepEqual(Buffer.from(await image.arrayBuffer()), photo);
    // Support may look (view permission) but strangers may not.
    const bySupport = await asSupport("GET", delivery.proof!.signatureUrl!);
    assert.equal(bySupport.status, 200);
    assert.equal(bySupport.headers.get("content-type"), "image/png");
    assert.equal((await asSupport("GET", `/api/admin/orders/${order.id}/delivery`)).status, 200);
    assert.equal((await t.api("GET", delivery.proof!.photoUrl!)).status, 401);
    assert.equal((await t.api("GET", `/api/admin/orders/${order.id}/delivery`)).status, 401);
  });

  test("bad parts and unknown orders are 404 JSON errors", async () => {
    const order = await t.createOrder();
    for (const path of [`/api/admin/orders/${order.id}/proof/selfie`, "/api/admin/orders/nope/proof/photo", "/api/admin/orders/nope/delivery"]) {
      const response = await t.admin("GET", path);
      assert.equal(response.status, 404, path);
      assert.ok(isApiError(response.body), path);
    }
  });
});

describe("the orders table's ETA column", () => {
  test("an order on the way shows the tracker's last ETA; one not on the way shows none", async () => {
    const etaDriver = await t.createDriver({ name: "Eta Eva" });
    const onTheWay = await t.createOrder({ driverId: etaDriver.id, customerName: "Eta Enzo", lat: 40.41, lng: -3.7 });
    const waiting = await t.createOrder({ customerName: "Eta Elsa" });
    await t.setStatus(etaDriver.token, onTheWay.id, "picked_up");
    await t.postFixes(etaDriver.token, [{ lat: 40.45, lng: -3.7, at: Date.now(), seq: 1, accuracy: 5, speed: 10 }]);

    type Page = { orders: { id: string; etaAt: string | null }[] };
    const rowOf = async (id: string) => (await t.admin<Page>("GET", "/api/admin/orders?q=Eta&pageSize=50")).body.orders.find((row) => row.id === id);
    const row = await waitFor(async () => ((await rowOf(onTheWay.id))?.etaAt ? rowOf(onTheWay.id) : null), 10_000, "an ETA in the orders table");
    const view = await t.core.jsm.streams.getMessage(STREAMS.orderViews, { last_by_subj: subjects.orderView(onTheWay.id) });
    assert.equal(row.etaAt, view!.json<{ eta: { at: string } }>().eta.at, "the very ETA the customer was shown");
    assert.ok(Date.parse(row.etaAt!) > Date.now() - 60_000);
    assert.equal((await rowOf(waiting.id))?.etaAt, null);

    await t.setStatus(etaDriver.token, onTheWay.id, "delivered");
    assert.equal((await rowOf(onTheWay.id))?.etaAt, null, "a finished order has no ETA");
  });
});
