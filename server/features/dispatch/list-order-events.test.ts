/** GET /api/orders/<id>/events reads the ORDERS stream: exact order, one stream sequence per event. */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { subjects } from "../../platform/backbone/subjects";
import { isApiError, startTestApp, type TestApp } from "../../../testing/test-app";

let t: TestApp;
before(async () => {
  t = await startTestApp({ tracker: false });
});
after(async () => {
  await t.close();
});

test("an order's history comes from the stream in sequence order, with the same events as the projection", async () => {
  const driver = await t.createDriver();
  const order = await t.createOrder();
  await t.setRoute(driver.id, [order.id]);
  await t.setStatus(driver.token, order.id, "picked_up");
  await t.setStatus(driver.token, order.id, "delivered", "left with the neighbour");

  const response = await t.admin("GET", `/api/orders/${order.id}/events`);
  assert.equal(response.status, 200, response.text);
  const events = response.body.events as { id: string; seq: number; type: string; at: string; data: Record<string, unknown> }[];
  assert.deepEqual(
    events.map((event) => [event.type, event.data.to ?? null]),
    [
      ["order.created", null],
      ["order.status_changed", "assigned"],
      ["order.route_changed", null],
      ["order.status_changed", "picked_up"],
      ["order.status_changed", "delivered"],
    ],
  );
  const seqs = events.map((event) => event.seq);
  assert.deepEqual(
    seqs,
    [...seqs].sort((a, b) => a - b),
  );
  assert.equal(new Set(seqs).size, seqs.length);
  assert.equal(response.body.lastSeq, seqs.at(-1));
  assert.equal(events[4]!.data.note, "left with the neighbour");

  // Each event's stream sequence is the message's real sequence on the order's subject.
  const stored = await t.core.jsm.streams.getMessage("ORDERS", { last_by_subj: subjects.orderEvents(order.id) });
  assert.equal(stored?.seq, seqs.at(-1));
  // The same events as the DB projection (by msgID), but ordered by the stream, not by time.
  const projected = await t.core.prisma.orderEvent.findMany({ where: { orderId: order.id }, select: { id: true } });
  assert.deepEqual(new Set(events.map((event) => event.id)), new Set(projected.map((row) => row.id)));

  const later = await t.admin("GET", `/api/orders/${order.id}/events?afterSeq=${seqs[1]!}`);
  assert.deepEqual(
    later.body.events.map((event: { seq: number }) => event.seq),
    seqs.slice(2),
  );
});

test("unknown orders are 404, a bad cursor 400, and no credentials 401", async () => {
  const unknown = await t.admin("GET", "/api/orders/no-such-order/events");
  assert.equal(unknown.status, 404);
  assert.ok(isApiError(unknown.body));
  const order = await t.createOrder();
  assert.equal((await t.admin("GET", `/api/orders/${order.id}/events?afterSeq=-1`)).status, 400);
  assert.equal((await t.admin("GET", `/api/orders/${order.id}/events?other=1`)).status, 400);
  assert.equal((await t.api("GET", `/api/orders/${order.id}/events`)).status, 401);
});
