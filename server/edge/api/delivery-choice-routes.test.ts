/**
 * Customer delivery choices on a real server (NATS, database, tracker): the tracking link sets a
 * choice, the driver's day and dispatch read it, dispatch accepts a reschedule, and every bad
 * input or wrong moment is a clear 4xx JSON error.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ZCustomerOrder } from "../../../lib/schemas/customer";
import { ZAdminOrderChoice, ZDeliveryChoice } from "../../../lib/schemas/delivery-choice";
import { ZDriverDay } from "../../../lib/schemas/driver";
import { ZAdminOrdersPage, ZAlertsAnswer, ZOrderHistory } from "../../../lib/schemas/admin-responses";
import { RawBody, isApiError, startTestApp, type Driver, type TestApp } from "../../../testing/test-app";

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
    assert.deepEqual(row?.data, {
      kind: "neighbour",
      neighbourName: "Marta",
      neighbourDoor: "2B",
      note: "She works from home",
      preferredDate: null,
      windowStart: null,
      windowEnd: null,
      by: "customer",
    });
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

  test("accepted with the parcel on board: off today's route (the next customer moves up), brought back by the driver, handed in to the pool", async () => {
    const van = await t.createDriver({ name: "Van on board" });
    const [first, rescheduled, next] = [await t.createOrder({ driverId: van.id }), await t.createOrder({ driverId: van.id }), await t.createOrder({ driverId: van.id })];
    const other = await t.createDriver({ name: "Other van" });
    for (const order of [first, rescheduled, next]) await t.setStatus(van.token, order.id, "picked_up");
    const nextWatcher = await t.watch(next.token);
    const ownWatcher = await t.watch(rescheduled.token);
    await nextWatcher.waitForView((view) => view.stopsAway === 2, 15_000);

    const day = localDay(3);
    assert.equal((await t.api("PUT", `/api/track/${rescheduled.token}/choice`, { kind: "reschedule", preferredDate: day })).status, 200, "the customer may ask while it is on board");
    // Dispatch hears of it: an alert, and a flag on the order's row.
    const alerts = ZAlertsAnswer.parse((await t.admin("GET", "/api/admin/alerts")).body).alerts;
    const alert = alerts.find((candidate) => candidate.kind === "reschedule_requested" && candidate.orderId === rescheduled.id);
    assert.ok(alert && alert.kind === "reschedule_requested");
    assert.equal(alert.status, "picked_up");
    assert.equal(alert.preferredDate, day);
    const row = ZAdminOrdersPage.parse((await t.admin("GET", `/api/admin/orders?q=${rescheduled.id}`)).body).orders[0];
    assert.deepEqual(row?.reschedule, { state: "requested", preferredDate: day });

    const accepted = await t.admin("POST", `/api/admin/orders/${rescheduled.id}/reschedule/accept`, {});
    assert.equal(accepted.status, 200, accepted.text);
    const result = ZAdminOrderChoice.parse(accepted.body);
    assert.equal(result.status, "picked_up", "still in the van");
    assert.equal(result.choice?.rescheduleState, "accepted");
    const stored = await t.core.prisma.order.findUniqueOrThrow({ where: { id: rescheduled.id }, include: { stop: true } });
    assert.equal(stored.stop, null, "off today's route");
    assert.equal(stored.driverId, van.id, "the driver still has it");

    // The customer behind it moves up; its own page has no stops figure and no ETA for today.
    await nextWatcher.waitForView((view) => view.stopsAway === 1, 15_000);
    const own = await ownWatcher.waitForView((view) => view.stopsAway === null && view.eta === null && view.driver === null, 15_000);
    assert.equal(own.status, "picked_up");
    const page = ZCustomerOrder.parse((await t.api("GET", `/api/track/${rescheduled.token}`)).body);
    assert.equal(page.choice?.rescheduleState, "accepted");
    assert.equal(
      page.promise.dueAt,
      new Date(...((day.split("-").map(Number) as [number, number, number]).map((part, index) => (index === 1 ? part - 1 : part)) as [number, number, number]), 23, 59).toISOString(),
    );

    // The driver's day: not a stop any more, a parcel to bring back.
    const driverDay = ZDriverDay.parse((await t.api("GET", "/api/driver/me", undefined, van.token)).body);
    assert.ok(!driverDay.stops.some((stop) => stop.orderId === rescheduled.id));
    assert.deepEqual(
      driverDay.returns.map((stop) => stop.orderId),
      [rescheduled.id],
    );
    assert.equal(driverDay.returns[0]?.choice?.preferredDate, day);
    // Answered: no alert any more; the row says it moved.
    const after = ZAlertsAnswer.parse((await t.admin("GET", "/api/admin/alerts")).body).alerts;
    assert.ok(!after.some((candidate) => candidate.kind === "reschedule_requested" && candidate.orderId === rescheduled.id));
    assert.deepEqual(ZAdminOrdersPage.parse((await t.admin("GET", `/api/admin/orders?q=${rescheduled.id}`)).body).orders[0]?.reschedule, { state: "accepted", preferredDate: day });

    // Handing in: only the driver who has it, only a parcel off the route.
    const notTheirs = await t.api("POST", `/api/driver/orders/${rescheduled.id}/hand-in`, undefined, other.token);
    assert.equal(notTheirs.status, 404);
    assert.ok(isApiError(notTheirs.body));
    const stillOnRoute = await t.api("POST", `/api/driver/orders/${next.id}/hand-in`, undefined, van.token);
    assert.equal(stillOnRoute.status, 409);
    assert.equal(codeOf(stillOnRoute.body), "still_on_route");
    assert.match(isApiError(stillOnRoute.body) ? stillOnRoute.body.error.message : "", /still on your route/);

    const handedIn = await t.api("POST", `/api/driver/orders/${rescheduled.id}/hand-in`, undefined, van.token);
    assert.equal(handedIn.status, 200, handedIn.text);
    assert.deepEqual(handedIn.body, { orderId: rescheduled.id, status: "created" });
    const pooled = await t.core.prisma.order.findUniqueOrThrow({ where: { id: rescheduled.id } });
    assert.equal(pooled.status, "created");
    assert.equal(pooled.driverId, null);
    await ownWatcher.waitForView((view) => view.status === "created", 15_000);
    assert.deepEqual(ZDriverDay.parse((await t.api("GET", "/api/driver/me", undefined, van.token)).body).returns, []);
    const again = await t.api("POST", `/api/driver/orders/${rescheduled.id}/hand-in`, undefined, van.token);
    assert.equal(again.status, 404, "not with this driver any more");
    const timeline = ZCustomerOrder.parse((await t.api("GET", `/api/track/${rescheduled.token}`)).body).timeline.entries.map((entry) => entry.kind);
    assert.deepEqual(timeline.slice(-2), ["rescheduled", "back_at_depot"]);
    nextWatcher.close();
    ownWatcher.close();
  });

  test("accepted at the door: the stop goes back to on board and leaves the route, so the driver is at no door", async () => {
    const order = await t.createOrder({ driverId: driver.id });
    await t.setStatus(driver.token, order.id, "picked_up");
    await t.setStatus(driver.token, order.id, "arrived");
    assert.equal((await t.api("PUT", `/api/track/${order.token}/choice`, { kind: "reschedule" })).status, 200);
    const accepted = await t.admin("POST", `/api/admin/orders/${order.id}/reschedule/accept`, {});
    assert.equal(accepted.status, 200, accepted.text);
    assert.equal(ZAdminOrderChoice.parse(accepted.body).status, "picked_up");
    assert.equal(ZAdminOrderChoice.parse(accepted.body).dueAt, null, "no day named: dispatch agrees one later");
    const stored = await t.core.prisma.order.findUniqueOrThrow({ where: { id: order.id }, include: { stop: true } });
    assert.equal(stored.stop, null);
    const changes = await t.core.prisma.orderEvent.findMany({ where: { orderId: order.id, type: "order.status_changed" }, orderBy: { occurredAt: "asc" } });
    assert.deepEqual(changes.at(-1)?.data, { from: "arrived", to: "picked_up", note: "Taken off today's route: the driver brings it back to the depot", by: "admin" });
    const driverDay = ZDriverDay.parse((await t.api("GET", "/api/driver/me", undefined, driver.token)).body);
    assert.ok(!driverDay.stops.some((stop) => stop.status === "arrived" && stop.orderId === order.id));
    assert.ok(driverDay.returns.some((stop) => stop.orderId === order.id));
  });

  test("after a failed delivery the customer may ask for another day (only that); dispatch sees it and reopens the order", async () => {
    const order = await t.createOrder({ driverId: driver.id });
    await t.setStatus(driver.token, order.id, "picked_up");
    await t.setStatus(driver.token, order.id, "failed", "Nobody home");
    const door = await t.api("PUT", `/api/track/${order.token}/choice`, { kind: "door" });
    assert.equal(door.status, 409);
    assert.equal(codeOf(door.body), "order_failed");
    const day = localDay(1);
    const asked = await t.api("PUT", `/api/track/${order.token}/choice`, { kind: "reschedule", preferredDate: day, windowStart: "16:00", windowEnd: "18:00" });
    assert.equal(asked.status, 200, asked.text);
    const alert = ZAlertsAnswer.parse((await t.admin("GET", "/api/admin/alerts")).body).alerts.find((candidate) => candidate.kind === "reschedule_requested" && candidate.orderId === order.id);
    assert.equal(alert?.kind === "reschedule_requested" && alert.status, "failed");

    const watcher = await t.watch(order.token);
    const accepted = await t.admin("POST", `/api/admin/orders/${order.id}/reschedule/accept`, {});
    assert.equal(accepted.status, 200, accepted.text);
    assert.equal(ZAdminOrderChoice.parse(accepted.body).status, "created");
    const stored = await t.core.prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    assert.equal(stored.status, "created");
    assert.equal(stored.finishedAt, null);
    assert.equal(stored.driverId, null);
    await watcher.waitForView((view) => view.status === "created", 15_000);
    watcher.close();
    // It can be routed again like any new order.
    const nextDay = await t.createDriver({ name: "Next day" });
    await t.setRoute(nextDay.id, [order.id]);
    assert.equal((await t.core.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status, "assigned");
  });

  test("a delivered order takes no choice and no reschedule (409), and the refused change leaves the choice as it was", async () => {
    const order = await t.createOrder({ driverId: driver.id });
    await t.setStatus(driver.token, order.id, "picked_up");
    assert.equal((await t.api("PUT", `/api/track/${order.token}/choice`, { kind: "reschedule" })).status, 200);
    await t.setStatus(driver.token, order.id, "delivered");
    const late = await t.api("PUT", `/api/track/${order.token}/choice`, { kind: "door" });
    assert.equal(late.status, 409);
    assert.equal(codeOf(late.body), "order_finished");
    const finished = await t.admin("POST", `/api/admin/orders/${order.id}/reschedule/accept`, {});
    assert.equal(finished.status, 409);
    assert.equal(codeOf(finished.body), "order_finished");
    assert.equal((await t.core.prisma.deliveryChoice.findUnique({ where: { orderId: order.id } }))?.kind, "reschedule", "the refused change left the choice as it was");
    const alerts = ZAlertsAnswer.parse((await t.admin("GET", "/api/admin/alerts")).body).alerts;
    assert.ok(!alerts.some((candidate) => candidate.kind === "reschedule_requested" && candidate.orderId === order.id), "a delivered order's request is no alert");
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
