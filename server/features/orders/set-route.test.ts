/**
 * Moving an order between routes through PUT /api/drivers/<id>/route, on real NATS and PGlite:
 * a parcel already in a van (picked up, at the door) never changes driver on paper. The caller
 * gets a 409 with sentences that name the van and say what to do; nothing is stored or published.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { STREAMS } from "../../platform/backbone/subjects";
import { lastSeq, readStream } from "../../../testing/read-stream";
import { isApiError, startTestApp, type TestApp } from "../../../testing/test-app";

let t: TestApp;
before(async () => {
  t = await startTestApp({ tracker: false });
});
after(async () => {
  await t.close();
});

async function publishedDuring(action: () => Promise<unknown>): Promise<number> {
  const [locations, orders] = [await lastSeq(t.core.jsm, STREAMS.locations), await lastSeq(t.core.jsm, STREAMS.orders)];
  await action();
  return (await readStream(t.core.jsm, STREAMS.locations, locations)).length + (await readStream(t.core.jsm, STREAMS.orders, orders)).length;
}

describe("reassigning an order that is on board", () => {
  test("a picked-up parcel is refused for another driver's route with a 409 that names the van; nothing changes", async () => {
    const ana = await t.createDriver({ name: "Ana" });
    const ben = await t.createDriver({ name: "Ben" });
    const onBoard = await t.createOrder({ customerName: "Lucía", driverId: ana.id });
    const waiting = await t.createOrder({ customerName: "Mateo", driverId: ana.id });
    await t.setStatus(ana.token, onBoard.id, "picked_up");

    let refused: Awaited<ReturnType<TestApp["admin"]>> | undefined;
    const published = await publishedDuring(async () => {
      refused = await t.admin("PUT", `/api/drivers/${ben.id}/route`, { orderIds: [onBoard.id] });
    });
    assert.equal(refused!.status, 409);
    assert.ok(isApiError(refused!.body));
    assert.equal(refused!.body.error.code, "order_in_progress");
    assert.equal(
      refused!.body.error.message,
      "Lucía's parcel is already in Ana's van (picked up). It cannot move to Ben's route from here: Ben does not have it. Ask Ana to bring it back to the depot first, then assign it again.",
    );
    assert.equal(published, 0, "a refused move publishes nothing");
    const orders = new Map((await t.listOrders()).map((order) => [order.id, order]));
    assert.equal(orders.get(onBoard.id)?.driverId, ana.id);
    assert.equal(orders.get(onBoard.id)?.status, "picked_up");

    // Leaving it out of Ana's own route is refused in the same words; the order that is only assigned may go.
    const dropped = await t.admin("PUT", `/api/drivers/${ana.id}/route`, { orderIds: [waiting.id] });
    assert.equal(dropped.status, 409);
    assert.match(dropped.body.error.message, /^Lucía's parcel is already in Ana's van \(picked up\)\. It cannot leave Ana's route: Ana still has it\./);
    const moved = await t.admin("PUT", `/api/drivers/${ben.id}/route`, { orderIds: [waiting.id] });
    assert.equal(moved.status, 200, moved.text);
  });

  test("at the door, the refusal says the driver is there", async () => {
    const ana = await t.createDriver({ name: "Ana Door" });
    const ben = await t.createDriver({ name: "Ben Door" });
    const order = await t.createOrder({ customerName: "Sofía", driverId: ana.id });
    await t.setStatus(ana.token, order.id, "picked_up");
    await t.setStatus(ana.token, order.id, "arrived");
    const refused = await t.admin("PUT", `/api/drivers/${ben.id}/route`, { orderIds: [order.id] });
    assert.equal(refused.status, 409);
    assert.equal(
      refused.body.error.message,
      "Ana Door is at Sofía's door with this parcel now. It cannot move to Ben Door's route from here: Ben Door does not have it. Wait until Ana Door delivers it or says why not.",
    );
  });
});
