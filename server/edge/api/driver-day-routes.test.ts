/**
 * The driver's day on a real server: one stop at the door at a time (a second "arrived" is a
 * 409 that names the stop at the door; two simultaneous arrivals: exactly one wins), "leave for
 * later" frees the door, and how a stop ended is stored as codes (a failure's reason, where a
 * delivered parcel was left), not as English text. Runs on PGlite, and on PostgreSQL too when
 * DATABASE_URL is set (then concurrent transactions really overlap).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TOrderEvent } from "../../../lib/schemas/events";
import type { TDriverDay } from "../../../lib/schemas/driver";
import { STREAMS, subjects } from "../../platform/backbone/subjects";
import { isApiError, startTestApp, waitFor, type Driver, type Order, type TestApp } from "../../../testing/test-app";

let t: TestApp;

before(async () => {
  t = await startTestApp();
});

after(async () => {
  await t?.close();
});

async function seedRoute(name: string, count: number): Promise<{ driver: Driver; orders: Order[] }> {
  const driver = await t.createDriver({ name });
  const orders: Order[] = [];
  for (let index = 0; index < count; index++)
    orders.push(await t.createOrder({ customerName: `${name} customer ${index + 1}`, address: `${index + 1} ${name} Street`, lat: 40.4 + index / 1000, lng: -3.7 }));
  await t.setRoute(
    driver.id,
    orders.map((order) => order.id),
  );
  for (const order of orders) await t.setStatus(driver.token, order.id, "picked_up");
  return { driver, orders };
}

const statusOf = async (driver: Driver, orderId: string) => (await t.api<TDriverDay>("GET", "/api/driver/me", undefined, driver.token)).body.stops.find((stop) => stop.orderId === orderId)?.status;

async function lastOrderEvent(orderId: string): Promise<TOrderEvent> {
  const message = await t.core.jsm.streams.getMessage(STREAMS.orders, { last_by_subj: subjects.orderEvents(orderId) });
  assert.ok(message);
  return message.json<TOrderEvent>();
}

describe("one stop at the door at a time", () => {
  test("a second arrival is refused with a sentence naming the stop at the door; leaving it for later frees the door", async () => {
    const { driver, orders } = await seedRoute("Door", 4);
    const [first, second, third] = orders as [Order, Order, Order, Order];
    // Stop 1 is finished first: the stop at the door is then numbered as the phone numbers it.
    await t.setStatus(driver.token, first.id, "delivered");
    assert.equal((await t.api("POST", `/api/driver/orders/${second.id}/status`, { status: "arrived" }, driver.token)).status, 200);

    const refused = await t.api("POST", `/api/driver/orders/${third.id}/status`, { status: "arrived" }, driver.token);
    assert.equal(refused.status, 409, refused.text);
    assert.ok(isApiError(refused.body));
    assert.equal(refused.body.error.code, "stop_at_door");
    assert.match(refused.body.error.message, /still at the door of stop 2 \(2 Door Street\)/);
    assert.equal(await statusOf(driver, third.id), "picked_up", "the refused arrival changed nothing");

    // Arriving again where the driver already is stays a harmless repeat.
    const repeat = await t.api("POST", `/api/driver/orders/${second.id}/status`, { status: "arrived" }, driver.token);
    assert.equal(repeat.status, 200, repeat.text);
    assert.equal(repeat.body.isChanged, false);

    // "Leave for later — drive on": the door is free, the next arrival is accepted.
    assert.equal((await t.api("POST", `/api/driver/orders/${second.id}/status`, { status: "picked_up" }, driver.token)).status, 200);
    assert.equal((await t.api("POST", `/api/driver/orders/${third.id}/status`, { status: "arrived" }, driver.token)).status, 200);
    const orderList = await t.listOrders();
    assert.deepEqual(
      orderList.filter((order) => orders.some((mine) => mine.id === order.id) && order.status === "arrived").map((order) => order.id),
      [third.id],
      "dispatch's order list: exactly one of the driver's stops at the door",
    );
  });

  test("another driver's door is theirs: two drivers are each at a door", async () => {
    const a = await seedRoute("Ann", 1);
    const b = await seedRoute("Bob", 1);
    assert.equal((await t.api("POST", `/api/driver/orders/${a.orders[0]!.id}/status`, { status: "arrived" }, a.driver.token)).status, 200);
    assert.equal((await t.api("POST", `/api/driver/orders/${b.orders[0]!.id}/status`, { status: "arrived" }, b.driver.token)).status, 200);
  });

  test("simultaneous arrivals at different stops of one driver: exactly one wins, every time", async () => {
    const rounds = 6;
    const { driver, orders } = await seedRoute("Race", 4);
    for (let round = 0; round < rounds; round++) {
      const answers = await Promise.all(orders.map((order) => t.api("POST", `/api/driver/orders/${order.id}/status`, { status: "arrived" }, driver.token)));
      const statuses = answers.map((answer) => answer.status).sort();
      assert.deepEqual(statuses, [200, 409, 409, 409], `round ${round}: ${answers.map((answer) => answer.text).join(" | ")}`);
      for (const answer of answers) if (answer.status === 409) assert.equal(answer.body.error.code, "stop_at_door");
      const winner = orders[answers.findIndex((answer) => answer.status === 200)]!;
      const atDoor = await t.core.prisma.order.findMany({ where: { driverId: driver.id, status: "arrived" }, select: { id: true } });
      assert.deepEqual(
        atDoor.map((order) => order.id),
        [winner.id],
        "one row at the door in the database",
      );
      // Leave it for later, then race again.
      assert.equal((await t.api("POST", `/api/driver/orders/${winner.id}/status`, { status: "picked_up" }, driver.token)).status, 200);
    }
  });

  test("the customers' pages agree: one of the driver's orders reads 'arrived'", async () => {
    const { driver, orders } = await seedRoute("Pages", 2);
    const watchers = await Promise.all(orders.map((order) => t.watch(order.token)));
    try {
      await Promise.all(orders.map((order) => t.api("POST", `/api/driver/orders/${order.id}/status`, { status: "arrived" }, driver.token)));
      const arrived = await t.core.prisma.order.findFirstOrThrow({ where: { driverId: driver.id, status: "arrived" }, select: { id: true } });
      const index = orders.findIndex((order) => order.id === arrived.id);
      await watchers[index]!.waitForView((view) => view.status === "arrived");
      // The other page has had time to hear a second arrival if there were one: its last view is still picked up.
      await waitFor(() => watchers[1 - index]!.latest()?.status === "picked_up", 5_000, "the other page to read picked up");
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(watchers[1 - index]!.latest()?.status, "picked_up");
    } finally {
      for (const watcher of watchers) watcher.close();
    }
  });
});

describe("how a stop ended, as codes", () => {
  test("a failure's reason is stored and published as a code, the note as the driver's own words", async () => {
    const { driver, orders } = await seedRoute("Fail", 1);
    const response = await t.api("POST", `/api/driver/orders/${orders[0]!.id}/status`, { status: "failed", reason: "customer_absent", note: "rang twice" }, driver.token);
    assert.equal(response.status, 200, response.text);
    const row = await t.core.prisma.order.findUniqueOrThrow({ where: { id: orders[0]!.id } });
    assert.equal(row.failureReason, "customer_absent");
    assert.equal(row.statusNote, "rang twice", "no English reason folded into the note");
    const event = await lastOrderEvent(orders[0]!.id);
    assert.ok(event.type === "order.status_changed");
    assert.equal(event.reason, "customer_absent");
    assert.equal(event.note, "rang twice");
  });

  test("delivered with a neighbour: name and door stored and published; a neighbour without a door is a 400", async () => {
    const { driver, orders } = await seedRoute("Neighbour", 1);
    const bad = await t.api("POST", `/api/driver/orders/${orders[0]!.id}/status`, { status: "delivered", deliveredTo: { kind: "neighbour", name: "Marta" } }, driver.token);
    assert.equal(bad.status, 400, bad.text);
    assert.ok(isApiError(bad.body));
    const notDelivered = await t.api("POST", `/api/driver/orders/${orders[0]!.id}/status`, { status: "failed", deliveredTo: { kind: "door" } }, driver.token);
    assert.equal(notDelivered.status, 400, notDelivered.text);

    const deliveredTo = { kind: "neighbour", name: "Marta", door: "2B" } as const;
    const response = await t.api("POST", `/api/driver/orders/${orders[0]!.id}/status`, { status: "delivered", deliveredTo }, driver.token);
    assert.equal(response.status, 200, response.text);
    const row = await t.core.prisma.order.findUniqueOrThrow({ where: { id: orders[0]!.id } });
    assert.deepEqual(row.deliveredTo, deliveredTo);
    const event = await lastOrderEvent(orders[0]!.id);
    assert.ok(event.type === "order.status_changed");
    assert.deepEqual(event.deliveredTo, deliveredTo);
  });
});
