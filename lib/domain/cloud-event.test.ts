import assert from "node:assert/strict";
import { test } from "node:test";
import { ZOrderEvent } from "../schemas/events";
import { ZWebhookPayload } from "../schemas/webhooks";
import { CLOUD_EVENT_TYPES, eventSourceOf, LOCAL_EVENT_SOURCE, sequenceAttribute, toOrderCloudEvent } from "./cloud-event";

test("an order event becomes a CloudEvents 1.0 event with its attributes and the event as data", () => {
  const event = ZOrderEvent.parse({ type: "order.status_changed", orderId: "order-7", at: Date.UTC(2026, 11, 6, 9, 30), from: "arrived", to: "delivered", note: null, by: "driver" });
  const cloudEvent = toOrderCloudEvent({ event, id: "msg_abc", seq: 42, source: "https://track.example.com" });
  assert.deepEqual(cloudEvent, {
    specversion: "1.0",
    id: "msg_abc",
    source: "https://track.example.com",
    type: "com.lastmile.order.status_changed",
    subject: "order-7",
    time: "2026-12-06T09:30:00.000Z",
    datacontenttype: "application/json",
    sequence: "00000000000000000042",
    data: event,
  });
  assert.equal(ZWebhookPayload.safeParse(cloudEvent).success, true);
});

test("every order event type maps to com.lastmile.<type>", () => {
  const kinds = ZOrderEvent.options.map((option) => option.shape.type.value);
  assert.equal(Object.keys(CLOUD_EVENT_TYPES).length, kinds.length);
  for (const kind of kinds) assert.equal(CLOUD_EVENT_TYPES[kind], `com.lastmile.${kind}`);
});

test("the source is PUBLIC_URL's origin, the same in every process; without one a fixed URN", () => {
  assert.equal(eventSourceOf("https://track.example.com/some/path"), "https://track.example.com");
  assert.equal(eventSourceOf("http://localhost:3000"), "http://localhost:3000");
  assert.equal(eventSourceOf(undefined), LOCAL_EVENT_SOURCE);
  assert.equal(eventSourceOf("not a url"), LOCAL_EVENT_SOURCE);
});

test("sequences compare as strings in stream order", () => {
  const sequences = [9, 10, 100, 2 ** 53 - 1].map(sequenceAttribute);
  assert.deepEqual([...sequences].sort(), sequences);
  assert.ok(sequences.every((value) => value.length === 20));
});
