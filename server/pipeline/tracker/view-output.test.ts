import assert from "node:assert/strict";
import { test } from "node:test";
import { ZOrderView } from "../../../lib/schemas/order-view";
import type { ViewContent } from "./fleet-state";
import { isSameContent, toOrderView } from "./view-output";

const content: ViewContent = {
  orderId: "o-1",
  status: "picked_up",
  stopsAway: 2,
  eta: { at: "2026-12-07T10:12:00.000Z", earliest: "2026-12-07T10:05:00.000Z", latest: "2026-12-07T10:20:00.000Z" },
  driver: { lat: 40.41234, lng: -3.70123, at: "2026-12-07T09:58:12.000Z", heading: null },
  destination: { lat: 40.4168, lng: -3.7038, address: "Calle Mayor 1" },
  statusAt: "2026-12-07T09:40:00.000Z",
};

test("a view is the content with version and updatedAt after it, and parses as a TOrderView", () => {
  const view = toOrderView(content, 42, "2026-12-07T10:00:00.000Z");
  assert.equal(JSON.stringify(view), JSON.stringify({ ...content, version: 42, updatedAt: "2026-12-07T10:00:00.000Z" }));
  assert.deepEqual(ZOrderView.parse(view), view);
});

test("contents compare as data: a copy is the same, any changed field (nested or null) is not", () => {
  assert.ok(isSameContent(content, structuredClone(content)));
  assert.ok(!isSameContent(content, { ...content, stopsAway: 1 }));
  assert.ok(!isSameContent(content, { ...content, eta: null }));
  assert.ok(!isSameContent({ ...content, eta: null }, content));
  assert.ok(!isSameContent(content, { ...content, driver: { ...content.driver!, heading: 90 } }));
  assert.ok(!isSameContent(content, { ...content, destination: { ...content.destination, address: "Calle Mayor 2" } }));
  assert.ok(!isSameContent(content, { ...content, driver: null }));
});
