/**
 * The customer's API on a real server (NATS, database, tracker): what the tracking link may
 * read and write, authorised by the token alone, and every bad input a 4xx JSON error.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ZCustomerOrder } from "../../../lib/schemas/customer";
import { RawBody, isApiError, startTestApp, waitFor, type Driver, type Order, type TestApp } from "../../../testing/test-app";

describe("customer routes", () => {
  let t: TestApp;
  let driver: Driver;
  let order: Order;
  let other: Order;

  before(async () => {
    t = await startTestApp();
    driver = await t.createDriver({ name: "Customer routes" });
    order = await t.createOrder({ driverId: driver.id, customerName: "Ana", address: "1 Main St" });
    other = await t.createOrder({ driverId: driver.id, customerName: "Bo", address: "2 Side St" });
  });

  after(async () => {
    await t?.close();
  });

  test("GET /api/track/<token>: the view, the timeline from the order's events, nothing about others", async () => {
    const response = await t.api("GET", `/api/track/${order.token}`);
    assert.equal(response.status, 200, response.text);
    const body = ZCustomerOrder.parse(response.body);
    assert.equal(body.view.orderId, order.id);
    assert.deepEqual(
      body.timeline.entries.map((entry) => entry.kind),
      ["created"],
      "assigned with the order: created, then the route event (not shown)",
    );
    assert.ok(body.timeline.lastSeq > 0);
    assert.equal(body.feedback, null);
    assert.equal(body.proof, null);
    assert.deepEqual(body.promise, { dueAt: null, firstLatest: null }, "no due time, and no ETA shown yet");
    assert.ok(!response.text.includes(other.id) && !response.text.includes("Bo") && !response.text.includes("2 Side St"), "another customer's order leaked");
    assert.ok(!response.text.includes("Ana"), "not even the customer's own name is needed");

    const unknown = await t.api("GET", "/api/track/not-a-token");
    assert.equal(unknown.status, 404);
    assert.ok(isApiError(unknown.body));
  });

  test("instructions: validated, stored, published as an order event; unknown token 404", async () => {
    const tooLong = await t.api("PUT", `/api/track/${order.token}/instructions`, { instructions: "x".repeat(301) });
    assert.equal(tooLong.status, 400);
    assert.equal((tooLong.body as { error: { code: string } }).error.code, "invalid_request");
    for (const bad of [{}, { instructions: 42 }, []]) {
      const response = await t.api("PUT", `/api/track/${order.token}/instructions`, bad);
      assert.equal(response.status, 400, JSON.stringify(bad));
      assert.ok(isApiError(response.body));
    }
    const notJson = await t.api("PUT", `/api/track/${order.token}/instructions`, new RawBody("{nope"));
    assert.equal(notJson.status, 400);
    const tooBig = await t.api("PUT", `/api/track/${order.token}/instructions`, { instructions: "y".repeat(40_000) });
    assert.equal(tooBig.status, 413);
    const unknown = await t.api("PUT", "/api/track/not-a-token/instructions", { instructions: "hi" });
    assert.equal(unknown.status, 404);

    const saved = await t.api("PUT", `/api/track/${order.token}/instructions`, { instructions: "  Ring twice, 3rd floor  " });
    assert.equal(saved.status, 200, saved.text);
    assert.deepEqual(saved.body, { instructions: "Ring twice, 3rd floor" });
    const row = await t.core.prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    assert.equal(row.instructions, "Ring twice, 3rd floor");
    const event = await t.core.prisma.orderEvent.findFirst({ where: { orderId: order.id, type: "order.instructions_changed" } });
    assert.deepEqual(event?.data, { instructions: "Ring twice, 3rd floor", by: "customer" });

    const cleared = await t.api("PUT", `/api/track/${order.token}/instructions`, { instructions: "" });
    assert.deepEqual(cleared.body, { instructions: null });
  });

  test("rating: only once the order is delivered, once (409), 1–5 only", async () => {
    const early = await t.api("POST", `/api/track/${order.token}/feedback`, { rating: 5 });
    assert.equal(early.status, 409);
    assert.equal((early.body as { error: { code: string } }).error.code, "not_delivered");

    await t.setStatus(driver.token, order.id, "picked_up");
    await t.setStatus(driver.token, order.id, "delivered", "Left with the concierge");

    for (const bad of [{ rating: 0 }, { rating: 6 }, { rating: 4.5 }, { rating: "5" }, { rating: 3, comment: "z".repeat(1001) }]) {
      const response = await t.api("POST", `/api/track/${order.token}/feedback`, bad);
      assert.equal(response.status, 400, JSON.stringify(bad));
      assert.ok(isApiError(response.body));
    }
    const unknown = await t.api("POST", "/api/track/not-a-token/feedback", { rating: 4 });
    assert.equal(unknown.status, 404);

    const first = await t.api("POST", `/api/track/${order.token}/feedback`, { rating: 4, comment: "Quick, thanks" });
    assert.equal(first.status, 201, first.text);
    assert.equal((first.body as { rating: number }).rating, 4);
    const second = await t.api("POST", `/api/track/${order.token}/feedback`, { rating: 1 });
    assert.equal(second.status, 409);
    assert.equal((second.body as { error: { code: string } }).error.code, "already_rated");
    const stored = await t.core.prisma.orderFeedback.findUniqueOrThrow({ where: { orderId: order.id } });
    assert.equal(stored.rating, 4, "the second attempt changed nothing");

    // Instructions can no longer change once the order is finished.
    const late = await t.api("PUT", `/api/track/${order.token}/instructions`, { instructions: "too late" });
    assert.equal(late.status, 409);

    // The page's data after delivery: when, and the rating; the delivery note in the timeline.
    const page = ZCustomerOrder.parse((await t.api("GET", `/api/track/${order.token}`)).body);
    assert.ok(page.finishedAt);
    assert.equal(page.feedback?.rating, 4);
    const delivered = page.timeline.entries.find((entry) => entry.kind === "delivered");
    assert.equal(delivered?.note, "Left with the concierge");
  });

  test("the promise carries the order's due time", async () => {
    const dueAt = new Date(Date.now() + 3_600_000).toISOString();
    const created = await t.admin<{ trackingUrl: string }>("POST", "/api/admin/orders", { customerName: "Due", address: "3 Due St", lat: 48.85, lng: 2.35, dueAt });
    assert.equal(created.status, 201, created.text);
    const token = created.body.trackingUrl.split("/").pop() ?? "";
    const shown = ZCustomerOrder.parse((await t.api("GET", `/api/track/${token}`)).body);
    assert.deepEqual(shown.promise, { dueAt, firstLatest: null });
  });

  test("proof images: 404 JSON when there is none, or for an unknown part or token", async () => {
    for (const path of [`/api/track/${order.token}/proof/photo`, `/api/track/${order.token}/proof/secrets`, "/api/track/not-a-token/proof/photo"]) {
      const response = await t.api("GET", path);
      assert.equal(response.status, 404, path);
      assert.ok(isApiError(response.body));
    }
  });

  test("every ETA shown is kept, and delivery fills in the error", async () => {
    const next = await t.createOrder({ driverId: driver.id, lat: 48.85, lng: 2.35 });
    await t.setStatus(driver.token, other.id, "picked_up");
    await t.setStatus(driver.token, next.id, "picked_up");
    await t.postFixes(driver.token, [{ lat: 48.8, lng: 2.3, at: Date.now(), seq: 1, accuracy: 5 }]);
    const predictions = await waitFor(
      async () => {
        const rows = await t.core.prisma.etaPrediction.findMany({ where: { orderId: next.id } });
        return rows.length > 0 ? rows : null;
      },
      10_000,
      "an ETA prediction to be recorded",
    );
    assert.equal(predictions[0]!.actualAt, null);
    assert.ok(predictions[0]!.arrivalAt.getTime() > predictions[0]!.predictedAt.getTime());
    // The first window shown is the promise the page holds later estimates to.
    const first = [...predictions].sort((a, b) => a.predictedAt.getTime() - b.predictedAt.getTime())[0]!;
    const shown = ZCustomerOrder.parse((await t.api("GET", `/api/track/${next.token}`)).body);
    assert.equal(shown.promise.firstLatest, first.latestAt.toISOString());

    await t.setStatus(driver.token, next.id, "arrived");
    await t.setStatus(driver.token, next.id, "delivered");
    const settled = await waitFor(
      async () => {
        const rows = await t.core.prisma.etaPrediction.findMany({ where: { orderId: next.id } });
        return rows.every((row) => row.errorSeconds !== null) ? rows : null;
      },
      10_000,
      "the predictions to be settled",
    );
    // PostgreSQL's round() takes a half second away from zero (-1408.5 → -1409); Math.round toward +∞.
    const roundHalfAwayFromZero = (value: number) => Math.sign(value) * Math.round(Math.abs(value));
    for (const row of settled) {
      assert.ok(row.actualAt);
      assert.equal(row.errorSeconds, roundHalfAwayFromZero((row.actualAt.getTime() - row.arrivalAt.getTime()) / 1000));
    }
  });
});
