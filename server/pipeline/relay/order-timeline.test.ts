/**
 * The timeline over the live channel, with a real socket.io-client against the real server:
 * history from the ORDERS stream, live entries with their stream sequence, resuming after a
 * drop with nothing missed, and no entry carrying coordinates or another customer's data.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { EVENTS, type TAck } from "../../../lib/realtime/events";
import type { TTimelineEntry, TTimelinePage } from "../../../lib/schemas/timeline";
import { startTestApp, waitFor, type Driver, type Order, type TestApp, type Watcher } from "../../../testing/test-app";

function pushedEntries(watcher: Watcher): TTimelineEntry[] {
  return watcher.events
    .map((raw) => JSON.parse(raw) as [string, TTimelineEntry])
    .filter(([event]) => event === EVENTS.orderEntry)
    .map(([, entry]) => entry);
}

async function history(watcher: Watcher, token: string, afterSeq: number): Promise<TAck<TTimelinePage>> {
  return (await watcher.socket.timeout(10_000).emitWithAck(EVENTS.orderHistory, { token, afterSeq })) as TAck<TTimelinePage>;
}

describe("timeline over the relay", () => {
  let t: TestApp;
  let driver: Driver;
  let orders: Order[];
  /** Digits that appear nowhere else, so a leaked coordinate is found by plain text search. */
  const secret = { lat: 41.3876543, lng: 2.1698765 };

  before(async () => {
    t = await startTestApp({ visibleStops: 1 });
    driver = await t.createDriver({ name: "Timeline driver" });
    orders = [];
    for (let index = 0; index < 4; index++) {
      orders.push(await t.createOrder({ customerName: `Hidden Person ${index}`, address: `${index} Quiet Street`, lat: 41.38 + index / 100, lng: 2.17 }));
    }
    await t.setRoute(
      driver.id,
      orders.map((order) => order.id),
    );
  });

  after(async () => {
    await t?.close();
  });

  test("history needs a watch first; a bad payload is invalid_request", async () => {
    const watcher = await t.watch(orders[0]!.token);
    const notWatching = await history(watcher, orders[1]!.token, 0);
    assert.ok("error" in notWatching && notWatching.error.code === "not_watching");
    const bad = (await watcher.socket.timeout(5_000).emitWithAck(EVENTS.orderHistory, { token: orders[0]!.token, afterSeq: -1 } as never)) as TAck<TTimelinePage>;
    assert.ok("error" in bad && bad.error.code === "invalid_request");
    watcher.close();
  });

  test("live entries, then a resume after a drop brings exactly what was missed", async () => {
    const mine = orders[3]!;
    const first = await t.watch(mine.token);
    const initial = await history(first, mine.token, 0);
    assert.ok("data" in initial, JSON.stringify(initial));
    assert.deepEqual(
      initial.data.entries.map((entry) => entry.kind),
      ["created", "assigned"],
    );

    for (const order of orders) await t.setStatus(driver.token, order.id, "picked_up");
    await waitFor(() => pushedEntries(first).some((entry) => entry.kind === "picked_up"), 10_000, "the picked_up entry");
    // The driver moves: out for delivery, 3 stops away (too far to see the driver with visibleStops 1).
    await t.postFixes(driver.token, [{ ...secret, at: Date.now(), seq: 1, accuracy: 5 }]);
    await waitFor(() => pushedEntries(first).some((entry) => entry.kind === "out_for_delivery" && entry.stopsAway === 3), 10_000, "out for delivery");
    const seenSeq = Math.max(initial.data.lastSeq, ...pushedEntries(first).map((entry) => entry.seq));
    first.close();

    // While nobody watches: two stops finish, one fails with a reason.
    await t.setStatus(driver.token, orders[0]!.id, "delivered");
    await t.setStatus(driver.token, orders[1]!.id, "failed", "Nobody home");
    await waitFor(
      async () => {
        const rows = await t.core.prisma.orderEvent.findMany({ where: { orderId: mine.id, type: "order.progress" } });
        return rows.length >= 3;
      },
      10_000,
      "the tracker's progress events for the missed changes",
    );

    const second = await t.watch(mine.token);
    const resumed = await history(second, mine.token, seenSeq);
    assert.ok("data" in resumed, JSON.stringify(resumed));
    assert.deepEqual(
      resumed.data.entries.map((entry) => `${entry.kind}:${entry.stopsAway}`),
      ["stops_away:2", "stops_away:1"],
    );
    assert.ok(resumed.data.entries.every((entry) => entry.seq > seenSeq));

    // Its own failure would carry the reason; here the stop before it failed, which says nothing about that customer.
    await t.setStatus(driver.token, orders[2]!.id, "delivered");
    await waitFor(() => pushedEntries(second).some((entry) => entry.kind === "stops_away" && entry.stopsAway === 0), 10_000, "you're next");
    await t.setStatus(driver.token, mine.id, "failed", "Address not found");
    const failed = await waitFor(() => pushedEntries(second).find((entry) => entry.kind === "failed"), 10_000, "the failed entry");
    assert.equal(failed.note, "Address not found");

    // Privacy: nothing reached the first watcher (3 stops away) with a coordinate; timeline
    // entries never carry one (the second watcher, once next, may see the driver in views only);
    // and no frame tells of other orders.
    const farWire = [...first.rawPackets, ...first.events].join("\n");
    const entryWire = JSON.stringify([...pushedEntries(first), ...pushedEntries(second), initial.data, resumed.data]);
    for (const value of [secret.lat, secret.lng]) {
      assert.ok(!farWire.includes(String(value)), `coordinate ${value} reached a customer 3 stops away`);
      assert.ok(!entryWire.includes(String(value)), `a timeline entry carried coordinate ${value}`);
    }
    const wire = [...first.rawPackets, ...first.events, ...second.rawPackets, ...second.events].join("\n");
    for (const order of orders.slice(0, 3)) {
      assert.ok(!wire.includes(order.id) && !wire.includes(order.customerName) && !wire.includes(order.address), "another order leaked");
    }
    assert.ok(!wire.includes("Nobody home"), "another customer's failure reason leaked");
    const seqs = pushedEntries(second).map((entry) => entry.seq);
    assert.deepEqual(
      seqs,
      [...seqs].sort((a, b) => a - b),
      "live entries arrive in stream order",
    );
    second.close();
  });
});
