/**
 * Orders from shops on the real server (createApplication, PGlite, nats-server): Shopify's and
 * WooCommerce's documented sample payloads (fixtures/README.md), signed as each platform signs
 * them, against a local geocoder stand-in (Nominatim's answer shape) that knows one address,
 * knows nothing of another, and is too slow for a third.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ZPendingShopOrderList, ZShopWebhookAnswer } from "../../../lib/schemas/integrations";
import { startTestApp, type TestApp } from "../../../testing/test-app";
import { shopSignature } from "./verify-shop-signature";

const SHOPIFY_SECRET = "shpss_test_0b8e7c1f4d2a9e6b3c5d7f1a";
const WOO_SECRET = "wc-test-secret-9f2c4e6a8b1d3f5e";
const fixture = (name: string) => readFileSync(join(import.meta.dirname, "fixtures", name), "utf8");
const SHOPIFY_SAMPLE = fixture("shopify-orders-create.json");
const WOO_SAMPLE = fixture("woocommerce-order-created.json");

/** Knows 969 Market (WooCommerce's sample), nothing of Shippington, and answers "Slowtown" after 3 s. */
let geocoder: Server;
let geocoderCalls = 0;
let t: TestApp;

before(async () => {
  geocoder = createServer((req, res) => {
    geocoderCalls++;
    const q = new URL(req.url ?? "/", "http://x").searchParams.get("q") ?? "";
    const answer = (places: unknown[]) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(places));
    };
    if (q.includes("969 Market")) return answer([{ display_name: "969 Market St, San Francisco", lat: "37.7825", lon: "-122.4100" }]);
    if (q.includes("Slowtown")) return void setTimeout(() => answer([{ display_name: "Slowtown", lat: "40.0", lon: "-3.0" }]), 3_000);
    answer([]);
  });
  await new Promise<void>((resolve) => geocoder.listen(0, "127.0.0.1", resolve));
  t = await startTestApp({
    geocoderUrl: `http://127.0.0.1:${(geocoder.address() as AddressInfo).port}/search`,
    shopIntegrations: { shopifySecret: SHOPIFY_SECRET, woocommerceSecret: WOO_SECRET, shopName: "Acme Outdoor", geocodeDeadlineMs: 500, defaultCountryCode: "1" },
  });
});

after(async () => {
  await t?.close();
  geocoder?.closeAllConnections();
  await new Promise<void>((resolve) => geocoder.close(() => resolve()));
});

type Sent = { status: number; body: any; text: string; ms: number };

async function post(path: string, body: string, headers: Record<string, string>): Promise<Sent> {
  const started = performance.now();
  const response = await fetch(`${t.baseUrl}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: kept as text
  }
  return { status: response.status, body: parsed, text, ms: performance.now() - started };
}

function shopify(body: string, extra: Record<string, string> = {}): Promise<Sent> {
  return post("/api/integrations/shopify/orders", body, {
    "x-shopify-hmac-sha256": shopSignature(body, SHOPIFY_SECRET),
    "x-shopify-topic": "orders/create",
    "x-shopify-shop-domain": "acme-outdoor.myshopify.com",
    "x-shopify-webhook-id": crypto.randomUUID(),
    ...extra,
  });
}

function woo(body: string, extra: Record<string, string> = {}): Promise<Sent> {
  return post("/api/integrations/woocommerce/orders", body, {
    "x-wc-webhook-signature": shopSignature(body, WOO_SECRET),
    "x-wc-webhook-topic": "order.created",
    "x-wc-webhook-source": "https://shop.example.com/",
    "x-wc-webhook-delivery-id": String(Math.floor(Math.random() * 1e9)),
    ...extra,
  });
}

/** Shopify's sample as another order: its own id (as Shopify writes it, in both id fields), optionally changed further. */
let nextShopifyId = 820982911946154600n;
function shopifyOrder(change: (order: any) => void = () => undefined): string {
  const order = JSON.parse(SHOPIFY_SAMPLE);
  const id = String(nextShopifyId++);
  order.admin_graphql_api_id = `gid://shopify/Order/${id}`;
  change(order);
  // Written back with the id as digits, as Shopify sends it (JSON.stringify of a number past 2^53 would change them).
  return JSON.stringify(order, null, 2).replace(/"id": 820982911946154500/, `"id": ${id}`);
}

const counts = async () => ({ shopOrders: await t.core.prisma.shopOrder.count(), orders: await t.core.prisma.order.count() });

describe("Shopify orders/create", () => {
  test("the documented sample with shipping coordinates becomes an order at once, with the shop's number, name and contact", async () => {
    const body = shopifyOrder((order) => {
      order.shipping_address.latitude = 38.2527;
      order.shipping_address.longitude = -85.7585;
      order.shipping_address.phone = "+1 502-555-0142";
    });
    const sent = await shopify(body);
    assert.equal(sent.status, 200, sent.text);
    const answer = ZShopWebhookAnswer.parse(sent.body);
    assert.equal(answer.outcome, "created");
    const row = await t.core.prisma.order.findUniqueOrThrow({ where: { id: answer.orderId! } });
    assert.deepEqual(
      {
        name: row.customerName,
        address: row.address,
        lat: row.lat,
        lng: row.lng,
        orderNumber: row.orderNumber,
        senderName: row.senderName,
        customerEmail: row.customerEmail,
        customerPhone: row.customerPhone,
      },
      {
        name: "Steve Shipper",
        address: "123 Shipping Street, 40003 Shippington, Kentucky, United States",
        lat: 38.2527,
        lng: -85.7585,
        orderNumber: "#9999",
        senderName: "Acme Outdoor",
        customerEmail: "jon@example.com",
        customerPhone: "+15025550142",
      },
    );
    // The tracking link is kept sealed for the customer's message, never in the clear.
    const link = await t.core.prisma.trackingLink.findUniqueOrThrow({ where: { orderId: row.id } });
    assert.ok(t.linkSealer.open(link.trackingLinkSealed, row.id));
  });

  test("the sample as published (no coordinates, an address the geocoder does not know) waits in the list; dispatch places it once", async () => {
    const calls = geocoderCalls;
    const sent = await shopify(shopifyOrder());
    assert.equal(sent.status, 200, sent.text);
    assert.equal(ZShopWebhookAnswer.parse(sent.body).outcome, "needs_location");
    assert.equal(geocoderCalls, calls + 1, "the geocoder was asked");
    const list = ZPendingShopOrderList.parse((await t.admin("GET", "/api/admin/shop-orders")).body);
    const waiting = list.find((item) => item.address.startsWith("123 Shipping Street"));
    assert.ok(waiting, "listed for dispatch");
    assert.equal(waiting.orderNumber, "#9999");
    assert.equal(waiting.shop, "acme-outdoor.myshopify.com");

    for (const bad of [{ lat: 91, lng: 0 }, { lat: "38", lng: -85 }, {}, { lat: 38, lng: -85, extra: 1 }]) {
      const refused: { status: number; text: string; body: any } = await t.admin("POST", `/api/admin/shop-orders/${waiting.id}/location`, bad);
      assert.equal(refused.status, 400, refused.text);
      assert.equal(refused.body.error.code, "invalid_request");
    }
    // Two dispatchers click at once: one order.
    const before = await counts();
    const [first, second] = await Promise.all([
      t.admin("POST", `/api/admin/shop-orders/${waiting.id}/location`, { lat: 38.25, lng: -85.76 }),
      t.admin("POST", `/api/admin/shop-orders/${waiting.id}/location`, { lat: 38.26, lng: -85.77 }),
    ]);
    assert.deepEqual([first.status, second.status].sort(), [201, 409], `${first.text} ${second.text}`);
    const created = first.status === 201 ? first : second;
    const orderId = ZShopWebhookAnswer.parse(created.body).orderId!;
    assert.equal((await counts()).orders, before.orders + 1);
    assert.equal((await t.core.prisma.order.findUniqueOrThrow({ where: { id: orderId } })).orderNumber, "#9999");
    const after = ZPendingShopOrderList.parse((await t.admin("GET", "/api/admin/shop-orders")).body);
    assert.equal(
      after.some((item) => item.id === waiting.id),
      false,
      "no longer waiting",
    );
    const missing = await t.admin("POST", "/api/admin/shop-orders/not-a-shop-order/location", { lat: 38, lng: -85 });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, "shop_order_not_found");
  });

  test("a slow geocoder never holds the answer past its deadline: the order waits for a location", async () => {
    const body = shopifyOrder((order) => {
      order.shipping_address.city = "Slowtown";
    });
    const sent = await shopify(body);
    assert.equal(sent.status, 200, sent.text);
    assert.equal(ZShopWebhookAnswer.parse(sent.body).outcome, "needs_location");
    assert.ok(sent.ms < 2_000, `answered in ${Math.round(sent.ms)} ms (deadline 500 ms; Shopify allows 5 s)`);
  });

  test("a redelivery creates nothing new: the same delivery five times at once, and the same order by another delivery", async () => {
    const body = shopifyOrder((order) => {
      order.shipping_address.latitude = 38.2;
      order.shipping_address.longitude = -85.7;
    });
    const before = await counts();
    const webhookId = crypto.randomUUID();
    const answers = await Promise.all(Array.from({ length: 5 }, () => shopify(body, { "x-shopify-webhook-id": webhookId })));
    for (const answer of answers) assert.equal(answer.status, 200, answer.text);
    const outcomes = answers.map((answer) => ZShopWebhookAnswer.parse(answer.body).outcome).sort();
    assert.deepEqual(outcomes, ["created", "duplicate", "duplicate", "duplicate", "duplicate"]);
    const orderIds = new Set(answers.map((answer) => ZShopWebhookAnswer.parse(answer.body).orderId));
    assert.equal(orderIds.size, 1, "every answer names the one order");
    const again = await shopify(body, { "x-shopify-webhook-id": crypto.randomUUID() });
    assert.equal(ZShopWebhookAnswer.parse(again.body).outcome, "duplicate");
    assert.deepEqual(await counts(), { shopOrders: before.shopOrders + 1, orders: before.orders + 1 });
  });

  test("a bad or missing signature is a 401 and stores nothing", async () => {
    const body = shopifyOrder();
    const before = await counts();
    const cases: Record<string, string>[] = [
      { "x-shopify-hmac-sha256": "" },
      { "x-shopify-hmac-sha256": shopSignature(body, "another-secret") },
      // Signed over the same order re-serialised: not the bytes that were sent.
      { "x-shopify-hmac-sha256": shopSignature(JSON.stringify(JSON.parse(body)), SHOPIFY_SECRET) },
      { "x-shopify-hmac-sha256": "not base64 at all" },
    ];
    for (const headers of cases) {
      const sent = await shopify(body, headers);
      assert.equal(sent.status, 401, sent.text);
      assert.equal(sent.body.error.code, "invalid_signature");
    }
    assert.deepEqual(await counts(), before);
  });

  test("malformed bodies, correctly signed, are 400s that store nothing; an oversize body is a 413", async () => {
    const before = await counts();
    const deep = `{"id":1,"a":${"[".repeat(20)}${"]".repeat(20)}}`;
    for (const body of [deep, "", "{not json", "[]", '{"name":"#1"}', JSON.stringify({ id: -1 }), JSON.stringify({ id: 1, shipping_address: "here" }), `{"id":1,"name":"a\\u0000b"}`]) {
      const sent = await shopify(body);
      assert.equal(sent.status, 400, `${body}: ${sent.text}`);
      assert.ok(["invalid_json", "invalid_request", "invalid_text"].includes(sent.body.error.code), sent.text);
    }
    const big = JSON.stringify({ id: 1, note: "x".repeat(600 * 1024) });
    const oversize = await shopify(big);
    assert.equal(oversize.status, 413);
    assert.deepEqual(await counts(), before);
  });

  test("an order with nothing to ship (no shipping address) is acknowledged and ignored", async () => {
    const before = await counts();
    const sent = await shopify(shopifyOrder((order) => (order.shipping_address = null)));
    assert.equal(sent.status, 200, sent.text);
    assert.equal(ZShopWebhookAnswer.parse(sent.body).outcome, "ignored");
    assert.deepEqual(await counts(), before);
  });
});

describe("WooCommerce order.created", () => {
  test("the documented order is geocoded and created with its number, phone (E.164 by SMS_DEFAULT_COUNTRY_CODE) and email", async () => {
    const sent = await woo(WOO_SAMPLE);
    assert.equal(sent.status, 200, sent.text);
    const answer = ZShopWebhookAnswer.parse(sent.body);
    assert.equal(answer.outcome, "created");
    assert.equal(answer.shopOrderId, "727");
    const row = await t.core.prisma.order.findUniqueOrThrow({ where: { id: answer.orderId! } });
    assert.deepEqual(
      { name: row.customerName, lat: row.lat, lng: row.lng, orderNumber: row.orderNumber, customerPhone: row.customerPhone, customerEmail: row.customerEmail, senderName: row.senderName },
      { name: "John Doe", lat: 37.7825, lng: -122.41, orderNumber: "727", customerPhone: "+15555555555", customerEmail: "john.doe@example.com", senderName: "Acme Outdoor" },
    );
    const redelivered = await woo(WOO_SAMPLE);
    assert.equal(ZShopWebhookAnswer.parse(redelivered.body).outcome, "duplicate");
    assert.equal(ZShopWebhookAnswer.parse(redelivered.body).orderId, answer.orderId);
  });

  test("the ping WooCommerce sends when the webhook is saved is a 200 that stores nothing", async () => {
    const before = await counts();
    const sent = await post("/api/integrations/woocommerce/orders", "webhook_id=15", { "content-type": "application/x-www-form-urlencoded" });
    assert.equal(sent.status, 200, sent.text);
    assert.equal(ZShopWebhookAnswer.parse(sent.body).outcome, "ping");
    assert.deepEqual(await counts(), before);
  });

  test("a wrong signature is a 401; a signed non-order is a 400; nothing stored", async () => {
    const before = await counts();
    const wrong = await woo(WOO_SAMPLE, { "x-wc-webhook-signature": shopSignature(WOO_SAMPLE, SHOPIFY_SECRET) });
    assert.equal(wrong.status, 401, wrong.text);
    const notOrder = await woo(JSON.stringify({ id: "seven", billing: [] }));
    assert.equal(notOrder.status, 400, notOrder.text);
    assert.deepEqual(await counts(), before);
  });
});
