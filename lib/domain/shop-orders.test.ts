import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ZShopifyOrder, ZWooOrder } from "../schemas/integrations";
import { coordinatesOf, isWooPing, mapShopifyOrder, mapWooOrder } from "./shop-orders";

const fixture = (name: string): unknown => JSON.parse(readFileSync(join(import.meta.dirname, "../../server/features/integrations/fixtures", name), "utf8"));

test("Shopify's documented orders/create sample maps to an order without coordinates", () => {
  const order = mapShopifyOrder(ZShopifyOrder.parse(fixture("shopify-orders-create.json")));
  assert.deepEqual(order, {
    source: "shopify",
    // From admin_graphql_api_id: the numeric id has more digits than a double keeps.
    shopOrderId: "820982911946154508",
    orderNumber: "#9999",
    customerName: "Steve Shipper",
    address: "123 Shipping Street, 40003 Shippington, Kentucky, United States",
    customerPhone: "555-555-SHIP",
    customerEmail: "jon@example.com",
    locale: "en",
    lat: null,
    lng: null,
  });
});

test("Shopify shipping coordinates are used when the payload has them", () => {
  const sample = fixture("shopify-orders-create.json") as { shipping_address: Record<string, unknown> };
  sample.shipping_address.latitude = 38.2527;
  sample.shipping_address.longitude = -85.7585;
  const order = mapShopifyOrder(ZShopifyOrder.parse(sample));
  assert.equal(order?.lat, 38.2527);
  assert.equal(order?.lng, -85.7585);
});

test("a Shopify order without a shipping address (pickup, digital) maps to nothing", () => {
  const sample = fixture("shopify-orders-create.json") as Record<string, unknown>;
  sample.shipping_address = null;
  assert.equal(mapShopifyOrder(ZShopifyOrder.parse(sample)), null);
});

test("WooCommerce's documented order maps with its number, billing phone and email", () => {
  const order = mapWooOrder(ZWooOrder.parse(fixture("woocommerce-order-created.json")));
  assert.deepEqual(order, {
    source: "woocommerce",
    shopOrderId: "727",
    orderNumber: "727",
    customerName: "John Doe",
    address: "969 Market, 94103 San Francisco, CA, US",
    customerPhone: "(555) 555-5555",
    customerEmail: "john.doe@example.com",
    locale: "en",
    lat: null,
    lng: null,
  });
});

test("a WooCommerce order with an empty shipping block ships to the billing address", () => {
  const sample = fixture("woocommerce-order-created.json") as Record<string, Record<string, string>>;
  sample.shipping = { first_name: "", last_name: "", company: "", address_1: "", address_2: "", city: "", state: "", postcode: "", country: "" };
  sample.billing!.address_1 = "Calle Mayor 1";
  const order = mapWooOrder(ZWooOrder.parse(sample));
  assert.equal(order?.address, "Calle Mayor 1, 94103 San Francisco, CA, US");
});

test("coordinates: only finite, in range, and not 0,0", () => {
  assert.deepEqual(coordinatesOf("40.4", "-3.7"), { lat: 40.4, lng: -3.7 });
  assert.equal(coordinatesOf(null, null), null);
  assert.equal(coordinatesOf(0, 0), null);
  assert.equal(coordinatesOf(91, 0), null);
  assert.equal(coordinatesOf("x", 1), null);
});

test("WooCommerce's ping is recognised, an order body is not", () => {
  assert.equal(isWooPing("webhook_id=12"), true);
  assert.equal(isWooPing('{"id":1}'), false);
  assert.equal(isWooPing("webhook_id=12&x=1"), false);
});
