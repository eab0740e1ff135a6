import assert from "node:assert/strict";
import { test } from "node:test";
import { ZCustomerOrder, ZFeedback } from "../schemas/customer";
import { ZDeliveryChoice } from "../schemas/delivery-choice";
import { ZNotificationSubscriptionResponse } from "../schemas/notifications";
import { ZOrderView } from "../schemas/order-view";
import { ZTimelineEntry, ZTimelinePage } from "../schemas/timeline";
import { CustomerOrderShape, DeliveryChoiceShape, FeedbackShape, NotificationSubscriptionShape, OrderViewShape, TimelineEntryShape, TimelinePageShape } from "./answer-shapes";

/** An answer as the server sends it, valid by the zod schemas (checked below). */
function customerOrder() {
  return {
    view: {
      orderId: "ord_1",
      version: 7,
      status: "picked_up",
      stopsAway: 2,
      eta: { at: "2026-12-06T10:20:00.000Z", earliest: "2026-12-06T10:15:00.000Z", latest: "2026-12-06T10:30:00.000Z" },
      driver: { lat: 40.41, lng: -3.7, at: "2026-12-06T10:00:00.000Z", heading: 90 },
      destination: { lat: 40.42, lng: -3.7, address: "Calle Mayor 1" },
      statusAt: "2026-12-06T09:00:00.000Z",
      updatedAt: "2026-12-06T10:00:00.000Z",
    },
    timeline: { entries: [{ seq: 3, at: "2026-12-06T09:00:00.000Z", kind: "picked_up", stopsAway: null, note: null }], lastSeq: 3 },
    instructions: "Ring twice",
    choice: {
      kind: "door",
      neighbourName: null,
      neighbourDoor: null,
      note: null,
      preferredDate: null,
      windowStart: null,
      windowEnd: null,
      rescheduleState: null,
      chosenAt: "2026-12-06T09:30:00.000Z",
      acceptedAt: null,
    },
    finishedAt: null,
    feedback: { rating: 5, comment: null, createdAt: "2026-12-06T11:00:00.000Z" },
    proof: null,
    promise: { dueAt: null, firstLatest: "2026-12-06T10:30:00.000Z" },
  };
}

test("the client's readers accept what the zod schemas accept (the server's own answers)", () => {
  const order = customerOrder();
  // The sample is what the schemas describe: the readers stand for those schemas.
  assert.equal(ZCustomerOrder.safeParse(order).success, true);
  assert.equal(CustomerOrderShape.safeParse(order).success, true);
  assert.deepEqual(CustomerOrderShape.parse(order), order);
  for (const view of [order.view, { ...order.view, eta: null, driver: null, stopsAway: null, status: "delivered" }]) {
    assert.equal(ZOrderView.safeParse(view).success, true);
    assert.equal(OrderViewShape.safeParse(view).success, true);
  }
  assert.equal(ZTimelineEntry.safeParse(order.timeline.entries[0]).success && TimelineEntryShape.safeParse(order.timeline.entries[0]).success, true);
  assert.equal(ZTimelinePage.safeParse(order.timeline).success && TimelinePageShape.safeParse(order.timeline).success, true);
  assert.equal(ZDeliveryChoice.safeParse(order.choice).success && DeliveryChoiceShape.safeParse(order.choice).success, true);
  assert.equal(ZFeedback.safeParse(order.feedback).success && FeedbackShape.safeParse(order.feedback).success, true);
  const subscription = { channel: "email", isSubscribed: true };
  assert.equal(ZNotificationSubscriptionResponse.safeParse(subscription).success && NotificationSubscriptionShape.safeParse(subscription).success, true);
});

test("the client's readers refuse answers the schemas refuse on what the page routes on", () => {
  const view = customerOrder().view;
  const badViews: unknown[] = [
    null,
    "view",
    [view],
    { ...view, orderId: 7 },
    { ...view, version: 1.5 },
    { ...view, version: undefined },
    { ...view, status: "teleported" },
    { ...view, stopsAway: -1 },
    { ...view, eta: { at: "x" } },
    { ...view, driver: { lat: "40", lng: -3.7, at: "x", heading: null } },
    { ...view, destination: null },
  ];
  for (const bad of badViews) {
    assert.equal(ZOrderView.safeParse(bad).success, false, JSON.stringify(bad));
    assert.equal(OrderViewShape.safeParse(bad).success, false, JSON.stringify(bad));
  }
  const entry = customerOrder().timeline.entries[0]!;
  for (const bad of [
    { ...entry, seq: 0 },
    { ...entry, seq: "3" },
    { ...entry, at: null },
    { ...entry, kind: undefined },
  ]) {
    assert.equal(ZTimelineEntry.safeParse(bad).success, false);
    assert.equal(TimelineEntryShape.safeParse(bad).success, false);
  }
  for (const bad of [
    { entries: [{ ...entry, seq: -2 }], lastSeq: 3 },
    { entries: "none", lastSeq: 0 },
    { entries: [], lastSeq: -1 },
  ]) {
    assert.equal(ZTimelinePage.safeParse(bad).success, false);
    assert.equal(TimelinePageShape.safeParse(bad).success, false);
  }
  const order = customerOrder();
  for (const bad of [
    { ...order, view: { ...order.view, version: "7" } },
    { ...order, promise: null },
    { ...order, feedback: { rating: "5" } },
    { ...order, timeline: null },
  ]) {
    assert.equal(ZCustomerOrder.safeParse(bad).success, false);
    assert.equal(CustomerOrderShape.safeParse(bad).success, false);
  }
  assert.throws(() => CustomerOrderShape.parse({ view: null }), /unexpected order from the server/);
  assert.equal(NotificationSubscriptionShape.safeParse({ channel: "sms", isSubscribed: true }).success, false);
  assert.equal(FeedbackShape.safeParse({ rating: 4.5, comment: null, createdAt: "x" }).success, false);
});
