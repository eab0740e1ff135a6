/**
 * Routes as open stops, end to end through the API on real NATS and PGlite: one route snapshot
 * per change, sized by the open stops; finished stops leave the route (and show in `left` once);
 * moves publish the losing driver's snapshot first; orders on no route get `order.unrouted`.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TRouteEvent, TUnroutedOrderEvent } from "../../../lib/schemas/events";
import { STREAMS, subjects } from "../../platform/backbone/subjects";
import { lastSeq, readStream, type StreamMessage } from "../../../testing/read-stream";
import { startTestApp, waitFor, type TestApp } from "../../../testing/test-app";
import { createOrder } from "./create-order";
import { toTrackedOrder } from "./route-events";

let t: TestApp;
before(async () => {
  t = await startTestApp({ tracker: false });
});
after(async () => {
  await t.close();
});

/** What the backbone received during `action`: tracker input and order events, in stream order. */
async function published(action: () => Promise<unknown>): Promise<{ tracker: StreamMessage[]; orders: StreamMessage[] }> {
  const [locations, orders] = [await lastSeq(t.core.jsm, STREAMS.locations), await lastSeq(t.core.jsm, STREAMS.orders)];
  await action();
  return { tracker: await readStream(t.core.jsm, STREAMS.locations, locations), orders: await readStream(t.core.jsm, STREAMS.orders, orders) };
}

const routeEvents = (messages: StreamMessage[]) => messages.filter((message) => message.subject.endsWith(".route")).map((message) => message.data as TRouteEvent);

describe("routes as open stops", () => {
  test("creating an order on a 200-stop route publishes one order.created and ONE route snapshot; finished stops leave the route", async () => {
    const driver = await t.createDriver({ name: "Long route" });
    for (let index = 0; index < 199; index++) {
      await createOrder(t.core, { customerName: `C${index}`, address: `${index} Long Street`, lat: 48.85 + index * 1e-4, lng: 2.35, driverId: driver.id });
    }
    let created: Awaited<ReturnType<TestApp["createOrder"]>> | undefined;
    const creation = await published(async () => {
      created = await t.createOrder({ driverId: driver.id, address: "200 Long Street" });
    });
    assert.deepEqual(
      creation.orders.map((message) => [message.subject, (message.data as { type: string }).type]),
      [[subjects.orderEvents(created!.id), "order.created"]],
    );
    assert.deepEqual(
      creation.tracker.map((message) => message.subject),
      [subjects.driverRoute(driver.id)],
    );
    const [snapshot] = routeEvents(creation.tracker);
    assert.equal(snapshot!.stops.length, 200);
    assert.equal(snapshot!.stops.at(-1)!.orderId, created!.id);
    assert.deepEqual(snapshot!.left, []);
    const bytes = creation.tracker[0]!.bytes + creation.orders[0]!.bytes;
    console.log(`# one creation on a 200-stop route: ${creation.tracker.length + creation.orders.length} events, ${bytes} bytes (route snapshot ${creation.tracker[0]!.bytes} B)`);
    assert.ok(creation.tracker[0]!.bytes < 200 * 200, `the snapshot is bounded by its open stops (${creation.tracker[0]!.bytes} B for 200)`);

    // Finish 120 stops: each change is one order event + one snapshot that lists the finished stop once in `left`.
    const route = snapshot!.stops.map((stop) => stop.orderId);
    const finishing = await published(async () => {
      for (const [index, orderId] of route.slice(0, 120).entries()) {
        if (index % 2 === 0) {
          await t.setStatus(driver.token, orderId, "failed", "nobody home");
        } else {
          await t.setStatus(driver.token, orderId, "picked_up");
          await t.setStatus(driver.token, orderId, "delivered");
        }
      }
    });
    const snapshots = routeEvents(finishing.tracker);
    assert.equal(snapshots.length, finishing.orders.length, "one snapshot per status change");
    assert.deepEqual(
      snapshots.flatMap((event) => event.left.map((stop) => [stop.orderId, stop.status, stop.toDriverId])),
      route.slice(0, 120).map((orderId, index) => [orderId, index % 2 === 0 ? "failed" : "delivered", null]),
      "each finished stop leaves the route once, in the change that finished it",
    );
    const last = finishing.tracker.at(-1)!;
    assert.deepEqual(
      (last.data as TRouteEvent).stops.map((stop) => stop.orderId),
      route.slice(120),
    );
    assert.ok(last.bytes < creation.tracker[0]!.bytes * 0.5, `80 open stops: ${last.bytes} B, against ${creation.tracker[0]!.bytes} B for 200`);
    assert.equal(await t.core.prisma.routeStop.count({ where: { driverId: driver.id } }), 80, "route_stops holds open stops only");

    // The driver's day still shows what was finished today, then what is left, in order.
    const day = await t.api("GET", "/api/driver/me", undefined, driver.token);
    assert.equal(day.status, 200, day.text);
    assert.equal(day.body.done, 120);
    assert.equal(day.body.left, 80);
    assert.deepEqual(
      day.body.stops.map((stop: { orderId: string }) => stop.orderId),
      route,
    );
  });

  test("a move A → B publishes A's snapshot (the stop in `left`, toDriverId B) before B's; a stop left out becomes unrouted", async () => {
    const a = await t.createDriver({ name: "A" });
    const b = await t.createDriver({ name: "B" });
    const first = await t.createOrder({ driverId: a.id });
    const second = await t.createOrder({ driverId: a.id });
    const onB = await t.createOrder({ driverId: b.id });

    const move = await published(() => t.setRoute(b.id, [first.id, onB.id]));
    const snapshots = routeEvents(move.tracker);
    assert.deepEqual(
      snapshots.map((event) => event.driverId),
      [a.id, b.id],
      "the losing driver's snapshot first",
    );
    assert.deepEqual(
      snapshots[0]!.stops.map((stop) => stop.orderId),
      [second.id],
    );
    assert.deepEqual(
      snapshots[0]!.left.map((stop) => [stop.orderId, stop.toDriverId]),
      [[first.id, b.id]],
    );
    assert.deepEqual(
      snapshots[1]!.stops.map((stop) => stop.orderId),
      [first.id, onB.id],
    );
    assert.deepEqual(
      move.orders.map((message) => [message.subject, (message.data as { type: string; driverId?: string }).type, (message.data as { driverId?: string }).driverId]),
      [[subjects.orderEvents(first.id), "order.route_changed", b.id]],
    );

    const unassign = await published(() => t.setRoute(a.id, []));
    const [aSnapshot] = routeEvents(unassign.tracker);
    assert.deepEqual(aSnapshot!.stops, []);
    assert.deepEqual(
      aSnapshot!.left.map((stop) => [stop.orderId, stop.status, stop.toDriverId]),
      [[second.id, "created", null]],
    );
    const unrouted = unassign.tracker.filter((message) => message.subject === subjects.unroutedOrder(second.id)).map((message) => message.data as TUnroutedOrderEvent);
    assert.deepEqual(
      unrouted.map((event) => [event.type, event.order.orderId, event.order.status]),
      [["order.unrouted", second.id, "created"]],
    );
    assert.ok(
      unassign.tracker.indexOf(unassign.tracker.find((message) => message.subject.endsWith(".route"))!) < unassign.tracker.findIndex((message) => message.subject.endsWith(".unassigned.order")),
    );
  });

  test("orders on no route: creation and cancellation are order.unrouted; cancelling a stop lists it in its route's `left`", async () => {
    const loose = await published(() => t.createOrder());
    assert.equal(loose.tracker.length, 1);
    const created = loose.tracker[0]!.data as TUnroutedOrderEvent;
    assert.equal(created.type, "order.unrouted");
    assert.equal(created.order.status, "created");
    const cancelled = await published(() => t.admin("POST", `/api/admin/orders/${created.order.orderId}/cancel`));
    assert.deepEqual(
      cancelled.tracker.map((message) => [(message.data as TUnroutedOrderEvent).type, (message.data as TUnroutedOrderEvent).order.status]),
      [["order.unrouted", "cancelled"]],
    );

    const driver = await t.createDriver();
    const stop = await t.createOrder({ driverId: driver.id });
    const keep = await t.createOrder({ driverId: driver.id });
    const cancel = await published(() => t.admin("POST", `/api/admin/orders/${stop.id}/cancel`));
    const [snapshot] = routeEvents(cancel.tracker);
    assert.equal(cancel.tracker.length, 1);
    assert.deepEqual(
      snapshot!.stops.map((open) => open.orderId),
      [keep.id],
    );
    assert.deepEqual(
      snapshot!.left.map((gone) => [gone.orderId, gone.status]),
      [[stop.id, "cancelled"]],
    );
  });

  test("orders created at once for one driver make one consistent route: distinct positions, each snapshot the previous one plus its order", async () => {
    const driver = await t.createDriver({ name: "Busy" });
    const first = await t.createOrder({ driverId: driver.id, address: "1 First Street", lat: 48.8512345678901, lng: 2.3409876543210987 });
    const creation = await published(() =>
      Promise.all(Array.from({ length: 24 }, (_, index) => t.createOrder({ driverId: driver.id, address: `${index} Busy Street`, lat: 48.86 + index * 1e-4, lng: 2.35 }))),
    );
    const stops = await t.core.prisma.routeStop.findMany({ where: { driverId: driver.id }, orderBy: { position: "asc" } });
    assert.deepEqual(
      stops.map((stop) => stop.position),
      Array.from({ length: 25 }, (_, index) => index),
      "one position per stop, none repeated",
    );
    const snapshots = routeEvents(creation.tracker).filter((event) => event.driverId === driver.id);
    assert.equal(snapshots.length, 24, "one snapshot per creation");
    // In stream order each snapshot is the route before it plus the order it added, at the end.
    let route = [first.id];
    for (const snapshot of snapshots) {
      const ids = snapshot.stops.map((stop) => stop.orderId);
      assert.deepEqual(ids.slice(0, -1), route);
      route = ids;
    }
    assert.deepEqual(
      route,
      stops.map((stop) => stop.orderId),
      "the last snapshot is the route in the database",
    );
    // The stops as the database has them (toTrackedOrder of the rows): what readOpenStops would publish.
    const rows = await t.core.prisma.order.findMany({ where: { id: { in: route } } });
    const byId = new Map(rows.map((row) => [row.id, toTrackedOrder(row)]));
    assert.deepEqual(
      snapshots.at(-1)!.stops,
      route.map((id) => byId.get(id)),
    );
    assert.deepEqual(snapshots.at(-1)!.left, []);
    assert.equal(snapshots[0]!.stops[0]!.lat, 48.8512345678901, "coordinates travel exactly");
    assert.equal(snapshots[0]!.stops[0]!.lng, 2.3409876543210987);
  });

  test("a failed change (unknown driver) publishes nothing and leaves no outbox row", async () => {
    // Earlier tests' rows are deleted after their requests answered: wait for them first.
    await waitFor(async () => (await t.core.prisma.outboxMessage.count()) === 0, 10_000, "earlier outbox rows deleted");
    const failed = await published(async () => {
      const response = await t.admin("POST", "/api/orders", { customerName: "X", address: "Y", lat: 1, lng: 2, driverId: "no-such-driver" });
      assert.equal(response.status, 400, response.text);
    });
    assert.deepEqual([failed.tracker.length, failed.orders.length], [0, 0]);
    assert.equal(await t.core.prisma.outboxMessage.count(), 0);
  });
});
