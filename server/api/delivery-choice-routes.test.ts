/**
 * Customer delivery choices on a real server (NATS, database, tracker): the tracking link sets a
 * choice, the driver's day and dispatch read it, dispatch accepts a reschedule, and every bad
 * input or wrong moment is a clear 4xx JSON error.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ZCustomerOrder } from "../../lib/schemas/customer";
import { ZAdminOrderChoice, ZDeliveryChoice } from "../../lib/schemas/delivery-choice";
import { ZDriverDay } from "../../lib/schemas/driver";
import { ZOrderHistory } from "../../lib/schemas/admin-responses";
import { RawBody, isApiError, startTestApp, type Driver, type TestApp } from "../testing/test-app";

/** A local YYYY-MM-DD `offset` days from today (the server reads days in its own time zone). */
function localDay(offset: number): string {
  const now = new Date();
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, "0")}-${String(day.getDate()).padStart(2, "0")}`;
}

const codeOf = (body: unknown) => (isApiError(body) ? body.error.code : null);

describe("delivery choice routes", () => {
  let t: TestApp;
  let driver: Driver;

  before(async () => {
    t = await startTestApp();
    driver = await t.createDriver({ name: "Choices" });
  });

  after(async () => {
    await t?.close();
  });

  const eventTypes = async (orderId: string) => {
    const history = ZOrderHistory.parse((await t.admin("GET", `/api/orders/${orderId}/events`)).body);
    return history.events.map((event) => event.type);
  };

  test("bad input: a clear 400, 413 or 404 JSON error, and nothing stored", async () => {
    const order = await t.createOrder({ driverId: driver.id });
    const path = `/api/track/${order.token}/choice`;
    const bad: unknown[] = [
      {},
      [],
      { kind: "porch" },
      { kind: "neighbour", neighbourName: "Marta" },
      { kind: "neighbour", neighbourName: "", neighbourDoor: "2B" },
      { kind: "neighbour", neighbourName: "M".repeat(81), neighbourDoor: "2B" },
      { kind: "safe_place" },
      { kind: "door", note: "n".repeat(301) },
      { kind: "door", note: 42 },
      { kind: "reschedule", preferredDate: "tomorrow" },
      { kind: "reschedule", preferredDate: localDay(1), windowStart: "10:00" },
      { kind: "reschedule", preferredDate: localDay(1), windowStart: "12:00", windowEnd: "10:00" },
      { kind: "reschedule", windowStart: "10:00", windowEnd: "12:00" },
    ];
    for (const body of bad) {
      const response = await t.api("PUT", path, body);
      assert.equal(response.status, 400, `${JSON.stringify(body)}: ${response.text}`);
      assert.equal(codeOf(response.body), "invalid_request", JSON.stringify(body));
    }
    for (const [wish, code] of [
      [{ preferredDate: localDay(-1) }, "date_in_past"],
      [{ preferredDate: localDay(30) }, "date_too_far"],
      [{ preferredDate: "2027-02-30" }, "invalid_date"],
    ] as const) {
      const response = await t.api("PUT", path, { kind: "reschedule", ...wish });
      assert.equal(response.status, 400, response.text);
      assert.equal(codeOf(response.body), code);
    }
    assert.equal((await t.api("PUT", path, new RawBody("{nope"))).status, 400);
    const tooBig = await t.api("PUT", path, { kind: "door", note: "y".repeat(40_000) });
    assert.equal(tooBig.status, 413);
    assert.ok(isApiError(tooBig.body));
    const unknown = await t.api("PUT", "/api/track/not-a-token/choice", { kind: "door" });
    assert.equal(unknown.status, 404);
    assert.ok(isApiError(unknown.body));

    assert.equal(await t.core.prisma.deliveryChoice.count({ where: { orderId: order.id } }), 0);
    assert.ok(!(await eventTypes(order.id)).includes("order.delivery_choice_set"));
  });

  test("leave with a neighbour: stored, an order event, on the driver's stop; never on another customer's page", async () => {
    const order = await t.createOrder({ driverId: driver.id, customerName: "Ana" });
    const other = await t.createOrder({ driverId: driver.id, customerName: "Bo" });
    const response = await t.api("PUT", `/api/track/${order.token}/choice`, { kind: "neighbour", neighbourName: " Marta ", neighbourDoor: "2B", note: "She works from home" });
    assert.equal(response.status, 200, response.text);
    const choice = ZDeliveryChoice.parse(response.body);
    assert.equal(choice.kind, "neighbour");
    assert.equal(choice.neighbourName, "Marta");
    assert.equal(choice.rescheduleState, null);

    const row = await t.core.prisma.orderEvent.findFirst({ where: { orderId: order.id, type: "order.delivery_choice_set" } });
    assert.deepEqual(row?.data, { kind: "neighbour", neighbourName: "Marta", neighbourDoor: "2B", note: "She works from home", preferredDate: null, windowStart: null, windowEnd: null, by: "customer" });
    assert.ok((await eventTypes(order.id)).includes("order.delivery_choice_set"), "the event is on the ORDERS stream");

    // The same choice again (a retry) records nothing new.
    const again = await t.api("PUT", `/api/track/${order.token}/choice`, { kind: "neighbour", neighbourName: "Marta", neighbourDoor: "2B", note: "She works from home" });
    assert.equal(again.status, 200);
    assert.equal(await t.core.prisma.orderEvent.count({ where: { orderId: order.id, type: "order.delivery_choice_set" } }), 1);

    const day = ZDriverDay.parse((await t.api("GET", "/api/driver/me", undefined, driver.token)).body);
    const stop = day.stops.find((candidate) => candidate.orderId === order.id);
    assert.equal(stop?.choice?.neighbourName, "Marta");
    assert.equal(stop?.choice?.note, "She works from home");
    assert.equal(day.stops.find((candidate) => candidate.orderId === other.id)?.choice, null);

    const own = ZCustomerOrder.parse((await t.api("GET", `/api/track/${order.token}`)).body);
    assert.equal(own.choice?.neighbourDoor, "2B");
    assert.ok(!own.timeline.entries.some((entry) => entry.note?.includes("works from home")), "the choice is not a timeline line");
    const theirs = await t.api("GET", `/api/track/${other.token}`);
    assert.equal(ZCustomerOrder.parse(theirs.body).choice, null);
    assert.ok(!theirs.text.includes("Marta") && !theirs.text.includes("works from home"), "another customer's choice leaked");

    const staff = ZAdminOrderChoice.parse((await t.admin("GET", `/api/admin/orders/${order.id}/choice`)).body);
    assert.equal(staff.choice?.note, "She works from home");
    assert.equal((await t.admin("GET", "/api/admin/orders/no-such-order/choice")).status, 404);
  });

  test("a reschedule accepted by dispatch: the order leaves the route, due in the window; the customer sees it accepted", async () => {
    const order = await t.createOrder({ driverId: driver.id });
    const day = localDay(2);

    const early = await t.admin("POST", `/api/admin/orders/${order.id}/reschedule/accept`, {});
    assert.equal(early.status, 409);
    assert.equal(codeOf(early.body), "no_reschedule_request");

    const requested = await t.api("PUT", `/api/track/${order.token}/choice`, { kind: "reschedule", preferredDate: day, windowStart: "10:00", windowEnd: "12:00" });
    assert.equal(requested.status, 200, requested.text);
    assert.equal(ZDeliveryChoice.parse(requested.body).rescheduleState, "requested");
    const onStop = ZDriverDay.parse((await t.api("GET", "/api/driver/me", undefined, driver.token)).body).stops.find((stop) => stop.orderId === order.id);
    assert.equal(onStop?.choice?.kind, "reschedule");

    const watcher = await t.watch(order.token);
    const accepted = await t.admin("POST", `/api/admin/orders/${order.id}/reschedule/accept`, {});
    assert.equal(accepted.status, 200, accepted.text);
    const result = ZAdminOrderChoice.parse(accepted.body);
    assert.equal(result.status, "created");
    assert.equal(result.choice?.rescheduleState, "accepted");
    const [year, month, date] = day.split("-").map(Number) as [number, number, number];
    assert.equal(result.dueAt, new Date(year, month - 1, date, 12, 0).toISOString());

    const stored = await t.core.prisma.order.findUniqueOrThrow({ where: { id: order.id }, include: { stop: true } });
    assert.equal(stored.driverId, null);
    assert.equal(stored.stop, null, "off the driver's route");
    assert.deepEqual((await eventTypes(order.id)).slice(-3), ["order.reschedule_accepted", "order.status_changed", "order.route_changed"]);
    const driverDay = ZDriverDay.parse((await t.api("GET", "/api/driver/me", undefined, driver.token)).body);
    assert.ok(!driverDay.stops.some((stop) => stop.orderId === order.id));
    await watcher.waitForView((view) => view.status === "created", 15_000);
    watcher.close();

    const page = ZCustomerOrder.parse((await t.api("GET", `/api/track/${order.token}`)).body);
    assert.equal(page.choice?.rescheduleState, "accepted");
    assert.ok(page.timeline.entries.some((entry) => entry.kind === "rescheduled"));

    // A retried click changes nothing.
    const twice = await t.admin("POST", `/api/admin/orders/${order.id}/reschedule/accept`, {});
    assert.equal(twice.status, 200);
    assert.equal(await t.core.prisma.orderEvent.count({ where: { orderId: order.id, type: "order.reschedule_accepted" } }), 1);
    assert.equal((await t.admin("POST", "/api/admin/orders/no-such-order/reschedule/accept", {})).status, 404);
  });

  test("a parcel already on board cannot be rescheduled by dispatch; a finished order takes no choice (409)", async () => {
    const order = await t.createOrder({ driverId: driver.id });
    await t.setStatus(driver.token, order.id, "picked_up");
    assert.equal((await t.api("PUT", `/api/track/${order.token}/choice`, { kind: "reschedule" })).status, 200, "the customer may still ask");
    const onBoard = await t.admin("POST", `/api/admin/orders/${order.id}/reschedule/accept`, {});
    assert.equal(onBoard.status, 409);
    assert.equal(codeOf(onBoard.body), "order_in_progress");

    await t.setStatus(driver.token, order.id, "delivered");
    const late = await t.api("PUT", `/api/track/${order.token}/choice`, { kind: "door" });
    assert.equal(late.status, 409);
    assert.equal(codeOf(late.body), "order_finished");
    const finished = await t.admin("POST", `/api/admin/orders/${order.id}/reschedule/accept`, {});
    assert.equal(finished.status, 409);
    assert.equal(codeOf(finished.body), "order_finished");
    assert.equal((await t.core.prisma.deliveryChoice.findUnique({ where: { orderId: order.id } }))?.kind, "reschedule", "the refused change left the choice as it was");
  });

  test("choices share the customer's write limit per tracking token: 10 in a burst, then 429 with Retry-After", async () => {
    const order = await t.createOrder({ driverId: driver.id });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await t.api("PUT", `/api/track/${order.token}/choice`, { kind: "door", note: `knock ${i}` })).status);
    assert.deepEqual(statuses, [...Array<number>(10).fill(200), 429, 429]);
    const limited = await t.api("PUT", `/api/track/${order.token}/instructions`, { instructions: "and instructions too" });
    assert.equal(limited.status, 429);
    assert.equal(codeOf(limited.body), "rate_limited");
    assert.ok(Number(limited.headers.get("retry-after")) > 0);
  });
});
