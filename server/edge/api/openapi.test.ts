/**
 * `GET /api/openapi.json` against the real application (own nats-server, fresh PGlite, tracker):
 * the document passes swagger-parser's validation, describes exactly the routes the router has,
 * and every route, called for real, answers what the document says: each answer (successes and
 * the errors met on the way) is validated against the document's schema for its status with a
 * JSON Schema 2020-12 validator (ajv), and every described route must have had a success checked.
 * The `webhooks` section is checked the same way against a real delivery to a local receiver.
 */
import assert from "node:assert/strict";
import { createECDH, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import SwaggerParser from "@apidevtools/swagger-parser";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { ValidateFunction } from "ajv";
import { Webhook } from "standardwebhooks";
import { shopSignature } from "../../features/integrations/verify-shop-signature";
import { optOutToken } from "../../features/notifications/deliver-tracking-link";
import { startWebhookReceiver, type WebhookReceiver } from "../../../testing/webhook-receiver";
import { startWebhookDispatcher, type WebhookDispatcher } from "../../features/webhooks/webhook-dispatcher";
import { createIpSequence, drivingFixes, startTestApp, waitFor, type Driver, type Order, type TestApp } from "../../../testing/test-app";
import { pngDataUrl } from "../../../testing/tiny-png";
import { toOpenApiPath } from "./openapi-document";
import { ROUTE_DESCRIPTIONS } from "./route-descriptions";

type JsonObject = Record<string, any>;

let t: TestApp;
let document: JsonObject;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const validators = new WeakMap<object, ValidateFunction>();
/** `METHOD /path/:param` of every route whose success answer was validated. */
const checkedSuccesses = new Set<string>();
const failures: string[] = [];
const nextIp = createIpSequence();

const SHOPIFY_SECRET = "shpss_openapi_7d1c9a4e2b6f8035";
const WOO_SECRET = "wc-openapi-secret-4b8e1f6a2c9d";
const fixture = (name: string) => readFileSync(join(import.meta.dirname, "..", "..", "features", "integrations", "fixtures", name), "utf8");

/** Where the webhook registered in the walk points, and what delivers to it. */
let receiver: WebhookReceiver;
let dispatcher: WebhookDispatcher;

before(async () => {
  receiver = await startWebhookReceiver();
  t = await startTestApp({
    trustProxyHops: 1,
    allowPrivateWebhooks: true,
    notifications: { isEmailEnabled: true, allowPrivatePushEndpoints: true },
    shopIntegrations: { shopifySecret: SHOPIFY_SECRET, woocommerceSecret: WOO_SECRET, shopName: "Acme Outdoor" },
  });
  dispatcher = await startWebhookDispatcher(t.core, { durableName: "webhooks-openapi", timeoutMs: 2_000, allowPrivateAddresses: true, log: () => undefined });
});
after(async () => {
  await dispatcher?.stop();
  await t?.close();
  await receiver?.close();
});

interface Call {
  method: string;
  /** As registered: `/api/track/:token`. */
  route: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** JSON-encoded unless `contentType` says otherwise (then sent as is). */
  body?: unknown;
  contentType?: string;
  token?: string;
  cookie?: { cookie: string; csrf: string };
  headers?: Record<string, string>;
  /** The status this call must get (it is validated whatever it is). */
  expect: number;
}

function schemaFor(operation: JsonObject, status: number, contentType: string): JsonObject | undefined {
  const response = operation.responses?.[String(status)] ?? operation.responses?.[`${String(status)[0]}XX`] ?? operation.responses?.default;
  if (!response) return undefined;
  const media = contentType.split(";")[0]!.trim();
  return response.content?.[media];
}

/** Calls the route and validates the answer against the document; returns the parsed body. */
async function call<T = any>(spec: Call): Promise<T> {
  let path = spec.route.replace(/:([a-zA-Z]+)/g, (_, name: string) => encodeURIComponent(spec.params?.[name] ?? ""));
  if (spec.query) path += `?${new URLSearchParams(spec.query)}`;
  const headers: Record<string, string> = { "x-forwarded-for": nextIp(), ...spec.headers };
  if (spec.token) headers.authorization = `Bearer ${spec.token}`;
  if (spec.cookie) {
    headers.cookie = spec.cookie.cookie;
    headers["x-csrf-token"] = spec.cookie.csrf;
  }
  let body: string | undefined;
  if (spec.body !== undefined) {
    headers["content-type"] = spec.contentType ?? "application/json";
    body = spec.contentType ? String(spec.body) : JSON.stringify(spec.body);
  }
  const response = await fetch(`${t.baseUrl}${path}`, { method: spec.method, headers, body });
  const bytes = Buffer.from(await response.arrayBuffer());
  const contentType = response.headers.get("content-type") ?? "";
  const where = `${spec.method} ${spec.route} → ${response.status}`;
  const isJson = contentType.startsWith("application/json");
  const parsed: unknown = isJson ? JSON.parse(bytes.toString("utf8")) : bytes;
  assert.equal(response.status, spec.expect, `${where}: expected ${spec.expect}: ${bytes.toString("utf8").slice(0, 300)}`);

  const operation = document.paths?.[toOpenApiPath(spec.route)]?.[spec.method.toLowerCase()];
  if (!operation) {
    failures.push(`${where}: the document has no operation`);
    return parsed as T;
  }
  const media = schemaFor(operation, response.status, contentType);
  if (!media) {
    failures.push(`${where}: the document describes no ${contentType} answer with this status`);
    return parsed as T;
  }
  if (isJson) {
    let validate = validators.get(media.schema);
    if (!validate) {
      validate = ajv.compile(media.schema);
      validators.set(media.schema, validate);
    }
    if (!validate(parsed)) failures.push(`${where}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(parsed).slice(0, 300)}`);
  } else {
    assert.ok(bytes.length > 0, `${where}: an empty ${contentType} body`);
  }
  if (response.status < 300) checkedSuccesses.add(`${spec.method} ${spec.route}`);
  return parsed as T;
}

describe("the OpenAPI document", () => {
  test("is valid OpenAPI 3.1 for swagger-parser", async () => {
    const response = await fetch(`${t.baseUrl}/api/openapi.json`);
    assert.equal(response.status, 200);
    const raw = (await response.json()) as JsonObject;
    assert.equal(raw.openapi, "3.1.0");
    await SwaggerParser.validate(structuredClone(raw) as never);
    document = (await SwaggerParser.dereference(structuredClone(raw) as never)) as JsonObject;
    assert.deepEqual(Object.keys(raw.components.securitySchemes).sort(), ["adminBearer", "csrfToken", "driverBearer", "shopifyHmac", "staffSession", "woocommerceHmac"]);
    assert.deepEqual(raw.components.securitySchemes.shopifyHmac, { ...raw.components.securitySchemes.shopifyHmac, type: "apiKey", in: "header", name: "X-Shopify-Hmac-Sha256" });
    assert.deepEqual(raw.paths["/api/integrations/woocommerce/orders"].post.security, [{ woocommerceHmac: [] }]);
    // The outgoing webhook request (OpenAPI 3.1 `webhooks`): Standard Webhooks headers, a CloudEvents body.
    const hook = raw.webhooks.orderEvent.post;
    assert.deepEqual(
      hook.parameters.map((parameter: JsonObject) => `${parameter.in}:${parameter.name}`),
      ["header:webhook-id", "header:webhook-timestamp", "header:webhook-signature"],
    );
    assert.deepEqual(hook.requestBody.content["application/cloudevents+json"].schema, { $ref: "#/components/schemas/WebhookPayload" });
    // Named schemas are components (client generators name their types after them).
    for (const name of ["CustomerOrder", "CreateOrderRequest", "OrderCreated", "DriverDay", "Error"]) assert.ok(raw.components.schemas[name], `no component ${name}`);
    assert.deepEqual(raw.paths["/api/track/{token}"].get.responses["200"].content["application/json"].schema, { $ref: "#/components/schemas/CustomerOrder" });
  });

  test("describes every route the router has, and nothing else", () => {
    const key = (route: { method: string; path: string }) => `${route.method} ${route.path}`;
    const registered = new Set(t.app.routes().map(key));
    const described = ROUTE_DESCRIPTIONS.map(key);
    assert.equal(new Set(described).size, described.length, "a route is described twice");
    assert.deepEqual(
      [...registered].filter((route) => !described.includes(route)),
      [],
      "routes without a description (server/edge/api/route-descriptions.ts)",
    );
    assert.deepEqual(
      described.filter((route) => !registered.has(route)),
      [],
      "descriptions of routes the router does not have",
    );
    let operations = 0;
    for (const path of Object.values(document.paths as Record<string, JsonObject>)) operations += Object.keys(path).length;
    assert.equal(operations, registered.size);
  });

  test("every route, called on the real server, answers as described", async () => {
    const admin = t.adminToken;
    // Meta and the contract's API.
    await call({ method: "GET", route: "/api/health", expect: 200 });
    await call({ method: "GET", route: "/api/openapi.json", expect: 200 });
    await call({ method: "GET", route: "/api/asyncapi.json", expect: 200 });
    const driver = await call<Driver>({ method: "POST", route: "/api/drivers", token: admin, body: { name: "Olga" }, expect: 201 });
    const other = await call<Driver>({ method: "POST", route: "/api/drivers", token: admin, body: { name: "Pau" }, expect: 201 });
    await call({ method: "POST", route: "/api/drivers", token: admin, body: { name: "" }, expect: 400 });
    await call({ method: "POST", route: "/api/drivers", body: { name: "Nobody" }, expect: 401 });
    const orders: Order[] = [];
    for (let index = 0; index < 4; index++) {
      const contact = index === 0 ? { orderNumber: "#1001", senderName: "Acme Outdoor", customerPhone: "+34600111222", customerEmail: "client0@example.com" } : {};
      const created = await call<Order>({
        method: "POST",
        route: "/api/orders",
        token: admin,
        body: { customerName: `Client ${index}`, address: `${index} Carrer Gran`, lat: 41.39 + index / 500, lng: 2.16 + index / 500, ...contact },
        expect: 201,
      });
      orders.push({ ...created, token: created.trackingUrl.slice(created.trackingUrl.lastIndexOf("/") + 1) });
    }
    const [delivered, failed, rescheduled, cancelled] = orders as [Order, Order, Order, Order];
    await call({ method: "PUT", route: "/api/drivers/:driverId/route", params: { driverId: driver.id }, token: admin, body: { orderIds: [delivered.id, failed.id, rescheduled.id] }, expect: 200 });
    await call({ method: "PUT", route: "/api/drivers/:driverId/route", params: { driverId: "no-such-driver" }, token: admin, body: { orderIds: [] }, expect: 404 });
    await call({ method: "GET", route: "/api/orders", token: admin, query: { status: "assigned" }, expect: 200 });

    // The driver's day: fixes, statuses with a proof, a parcel that leaves the route and is handed in.
    await call({ method: "POST", route: "/api/driver/locations", token: driver.token, body: { fixes: drivingFixes({ lat: 41.39, lng: 2.16 }, 5, { startSeq: 1 }) }, expect: 202 });
    await call({ method: "POST", route: "/api/driver/locations", token: "not-a-driver-token", body: { fixes: drivingFixes({ lat: 41.39, lng: 2.16 }, 1) }, expect: 401 });
    await call({ method: "GET", route: "/api/osmand", query: { id: driver.trackerId ?? "", lat: "41.3901", lon: "2.1601", timestamp: String(Math.floor(Date.now() / 1000)) }, expect: 200 });
    await call({ method: "GET", route: "/api/osmand", query: { id: "no-such-tracker-id-000000", lat: "41.39", lon: "2.16" }, expect: 404 });
    await call({
      method: "POST",
      route: "/api/osmand",
      body: { device_id: driver.trackerId, location: { timestamp: new Date().toISOString(), coords: { latitude: 41.3902, longitude: 2.1602, speed: 3 } } },
      expect: 200,
    });
    await call({
      method: "POST",
      route: "/api/osmand",
      contentType: "application/x-www-form-urlencoded",
      body: new URLSearchParams({ id: driver.trackerId ?? "", lat: "41.3903", lon: "2.1603" }),
      expect: 200,
    });
    await waitFor(async () => ((await t.api("GET", "/api/driver/fixes", undefined, driver.token)).body as unknown[]).length >= 8, 10_000, "the fixes stored");
    await call({ method: "GET", route: "/api/driver/fixes", token: driver.token, query: { limit: "100" }, expect: 200 });
    for (const order of [delivered, failed, rescheduled]) {
      await call({ method: "POST", route: "/api/driver/orders/:orderId/status", params: { orderId: order.id }, token: driver.token, body: { status: "picked_up" }, expect: 200 });
    }
    await call({ method: "POST", route: "/api/driver/orders/:orderId/status", params: { orderId: delivered.id }, token: other.token, body: { status: "arrived" }, expect: 404 });
    await call({ method: "GET", route: "/api/driver/me", token: driver.token, expect: 200 });
    await call({ method: "GET", route: "/api/track/:token", params: { token: delivered.token }, expect: 200 });
    await call({ method: "GET", route: "/api/track/:token", params: { token: "no-such-tracking-token" }, expect: 404 });
    await call({ method: "PUT", route: "/api/track/:token/instructions", params: { token: delivered.token }, body: { instructions: "Ring twice" }, expect: 200 });
    await call({ method: "PUT", route: "/api/track/:token/choice", params: { token: delivered.token }, body: { kind: "neighbour", neighbourName: "Marta", neighbourDoor: "2B" }, expect: 200 });
    await call({ method: "PUT", route: "/api/track/:token/choice", params: { token: rescheduled.token }, body: { kind: "reschedule" }, expect: 200 });
    await call({ method: "POST", route: "/api/admin/orders/:orderId/reschedule/accept", params: { orderId: rescheduled.id }, token: admin, expect: 200 });
    await call({ method: "POST", route: "/api/admin/orders/:orderId/reschedule/accept", params: { orderId: delivered.id }, token: admin, expect: 409 });
    await call({ method: "POST", route: "/api/driver/orders/:orderId/hand-in", params: { orderId: rescheduled.id }, token: driver.token, expect: 200 });
    await call({
      method: "POST",
      route: "/api/driver/orders/:orderId/status",
      params: { orderId: delivered.id },
      token: driver.token,
      body: { status: "delivered", proof: { photo: pngDataUrl(), signature: pngDataUrl() }, deliveredTo: { kind: "customer" } },
      expect: 200,
    });
    await call({
      method: "POST",
      route: "/api/driver/orders/:orderId/status",
      params: { orderId: failed.id },
      token: driver.token,
      body: { status: "failed", reason: "customer_absent" },
      expect: 200,
    });
    await call({ method: "POST", route: "/api/driver/orders/:orderId/status", params: { orderId: failed.id }, token: driver.token, body: { status: "delivered" }, expect: 409 });
    await call({ method: "GET", route: "/api/driver/orders/:orderId/proof", params: { orderId: delivered.id }, token: driver.token, expect: 200 });

    // The customer after delivery.
    await call({ method: "POST", route: "/api/track/:token/feedback", params: { token: delivered.token }, body: { rating: 5, comment: "Quick" }, expect: 201 });
    await call({ method: "GET", route: "/api/track/:token/proof/:kind", params: { token: delivered.token, kind: "photo" }, expect: 200 });
    const browserKey = createECDH("prime256v1");
    browserKey.generateKeys();
    const keys = { p256dh: browserKey.getPublicKey().toString("base64url"), auth: randomBytes(16).toString("base64url") };
    const push = { subscription: { endpoint: "http://127.0.0.1:9/push/openapi", keys }, locale: "en" };
    await call({ method: "POST", route: "/api/track/:token/push", params: { token: cancelled.token }, body: push, expect: 201 });
    await call({ method: "DELETE", route: "/api/track/:token/push", params: { token: cancelled.token }, query: { endpoint: push.subscription.endpoint }, expect: 200 });
    await call({ method: "POST", route: "/api/track/:token/email", params: { token: cancelled.token }, body: { email: "client@example.com", locale: "en" }, expect: 201 });
    await call({ method: "DELETE", route: "/api/track/:token/email", params: { token: cancelled.token }, expect: 200 });

    // Staff: sessions and accounts.
    const signIn = await fetch(`${t.baseUrl}/api/admin/session`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": nextIp() },
      body: JSON.stringify({ adminToken: admin }),
    });
    const cookie = { cookie: (signIn.headers.get("set-cookie") ?? "").split(";")[0]!, csrf: ((await signIn.json()) as { csrfToken: string }).csrfToken };
    await call({ method: "POST", route: "/api/admin/session", body: { adminToken: "wrong" }, expect: 401 });
    await call({ method: "GET", route: "/api/admin/session", cookie, expect: 200 });
    await call({ method: "POST", route: "/api/admin/session", body: { adminToken: admin }, expect: 201 });
    const staff = await call<{ id: string }>({
      method: "POST",
      route: "/api/admin/staff",
      cookie,
      body: { email: "openapi@example.com", name: "Ona", password: "a-long-password-9", role: "support" },
      expect: 201,
    });
    await call({ method: "GET", route: "/api/admin/staff", cookie, expect: 200 });
    await call({ method: "DELETE", route: "/api/admin/staff/:staffId", params: { staffId: staff.id }, cookie, expect: 200 });

    // Dispatch.
    for (const route of ["/api/admin/fleet", "/api/admin/alerts", "/api/admin/insight", "/api/admin/eta-scoreboard", "/api/admin/orders"]) await call({ method: "GET", route, cookie, expect: 200 });
    await call({ method: "GET", route: "/api/admin/geocode", query: { q: "Carrer Gran" }, token: admin, expect: 200 });
    await call({ method: "GET", route: "/api/admin/orders", query: { status: "delivered", page: "1", pageSize: "10" }, token: admin, expect: 200 });
    await call({
      method: "POST",
      route: "/api/admin/orders",
      cookie,
      body: { customerName: "Due", address: "1 Rambla", lat: 41.38, lng: 2.17, dueAt: new Date(Date.now() + 3_600_000).toISOString() },
      expect: 201,
    });
    const csv = "customerName,address,lat,lng\nImported,2 Rambla,41.381,2.171\n";
    await call({ method: "POST", route: "/api/admin/orders/import", token: admin, body: { csv, isDryRun: true }, expect: 200 });
    await call({ method: "POST", route: "/api/admin/orders/import", token: admin, body: csv, contentType: "text/csv", expect: 201 });
    await call({ method: "POST", route: "/api/admin/orders/:orderId/cancel", params: { orderId: cancelled.id }, token: admin, expect: 200 });
    await call({ method: "POST", route: "/api/admin/orders/:orderId/tracking-link", params: { orderId: failed.id }, token: admin, expect: 201 });
    await call({ method: "GET", route: "/api/admin/orders/:orderId/choice", params: { orderId: delivered.id }, token: admin, expect: 200 });
    await call({ method: "GET", route: "/api/admin/orders/:orderId/delivery", params: { orderId: delivered.id }, token: admin, expect: 200 });
    await call({ method: "GET", route: "/api/admin/orders/:orderId/proof/:kind", params: { orderId: delivered.id, kind: "signature" }, token: admin, expect: 200 });
    await call({ method: "GET", route: "/api/orders/:orderId/events", params: { orderId: delivered.id }, token: admin, expect: 200 });
    await call({ method: "GET", route: "/api/admin/drivers/:driverId", params: { driverId: driver.id }, token: admin, expect: 200 });
    await call({ method: "GET", route: "/api/admin/drivers/:driverId/track", params: { driverId: driver.id }, token: admin, expect: 200 });
    await call({ method: "POST", route: "/api/admin/drivers/:driverId/route/optimise", params: { driverId: other.id }, token: admin, body: {}, expect: 200 });
    const message = await call<{ id: string }>({
      method: "POST",
      route: "/api/admin/drivers/:driverId/messages",
      params: { driverId: driver.id },
      cookie,
      body: { body: "Gate code 1234" },
      expect: 201,
    });
    await call({ method: "GET", route: "/api/admin/drivers/:driverId/messages", params: { driverId: driver.id }, token: admin, expect: 200 });
    await call({ method: "GET", route: "/api/driver/messages", token: driver.token, expect: 200 });
    await call({ method: "POST", route: "/api/driver/messages/:messageId/read", params: { messageId: message.id }, token: driver.token, expect: 200 });
    await call({ method: "POST", route: "/api/drivers/:driverId/revoke", params: { driverId: other.id }, token: admin, expect: 200 });

    // Orders from shops: each platform's documented sample, signed as the platform signs it (no
    // coordinates, no geocoder: they wait for a location), a wrong signature, WooCommerce's ping.
    const shopify = fixture("shopify-orders-create.json");
    const woo = fixture("woocommerce-order-created.json");
    const shopifyHeaders = (body: string, signature = shopSignature(body, SHOPIFY_SECRET)) => ({
      "x-shopify-hmac-sha256": signature,
      "x-shopify-topic": "orders/create",
      "x-shopify-shop-domain": "acme.myshopify.com",
      "x-shopify-webhook-id": crypto.randomUUID(),
    });
    const wooHeaders = (body: string) => ({
      "x-wc-webhook-signature": shopSignature(body, WOO_SECRET),
      "x-wc-webhook-topic": "order.created",
      "x-wc-webhook-source": "https://shop.example.com/",
      "x-wc-webhook-delivery-id": "7001",
    });
    const json = "application/json";
    const waiting = await call<{ outcome: string; shopOrderId: string }>({
      method: "POST",
      route: "/api/integrations/shopify/orders",
      headers: shopifyHeaders(shopify),
      body: shopify,
      contentType: json,
      expect: 200,
    });
    assert.equal(waiting.outcome, "needs_location");
    await call({
      method: "POST",
      route: "/api/integrations/shopify/orders",
      headers: shopifyHeaders(shopify, shopSignature(shopify, "not-the-secret")),
      body: shopify,
      contentType: json,
      expect: 401,
    });
    assert.equal(
      (await call<{ outcome: string }>({ method: "POST", route: "/api/integrations/woocommerce/orders", headers: wooHeaders(woo), body: woo, contentType: json, expect: 200 })).outcome,
      "needs_location",
    );
    await call({ method: "POST", route: "/api/integrations/woocommerce/orders", body: "webhook_id=42", contentType: "application/x-www-form-urlencoded", expect: 200 });
    const pending = await call<{ id: string; source: string }[]>({ method: "GET", route: "/api/admin/shop-orders", cookie, expect: 200 });
    const located = pending.find((row) => row.source === "shopify")!;
    await call({ method: "POST", route: "/api/admin/shop-orders/:shopOrderId/location", params: { shopOrderId: located.id }, cookie, body: { lat: 38.25, lng: -85.76 }, expect: 201 });
    await call({ method: "POST", route: "/api/admin/shop-orders/:shopOrderId/location", params: { shopOrderId: located.id }, cookie, body: { lat: 38.25, lng: -85.76 }, expect: 409 });
    await call({ method: "GET", route: "/api/tracking-link/opt-out/:optOutToken", params: { optOutToken: optOutToken(t.linkSealer, "email", "client0@example.com") }, expect: 200 });
    await call({ method: "GET", route: "/api/tracking-link/opt-out/:optOutToken", params: { optOutToken: "v1.not-sealed-here" }, expect: 404 });

    // Webhooks: one to the local receiver, whose first delivery is checked against `webhooks` below.
    const webhook = await call<{ id: string; secret: string }>({ method: "POST", route: "/api/admin/webhooks", token: admin, body: { url: receiver.url, description: "OpenAPI test" }, expect: 201 });
    const hooked = await call<{ id: string }>({ method: "POST", route: "/api/orders", token: admin, body: { customerName: "Hooked", address: "3 Rambla", lat: 41.382, lng: 2.172 }, expect: 201 });
    await waitFor(async () => receiver.received.some((request) => request.payload.data.orderId === hooked.id), 15_000, "a webhook delivery of the new order");
    await call({ method: "GET", route: "/api/admin/webhooks", token: admin, expect: 200 });
    await call({ method: "GET", route: "/api/admin/webhooks/:webhookId/deliveries", params: { webhookId: webhook.id }, query: { limit: "10" }, token: admin, expect: 200 });
    await call({ method: "DELETE", route: "/api/admin/webhooks/:webhookId", params: { webhookId: webhook.id }, token: admin, expect: 200 });

    await call({ method: "DELETE", route: "/api/admin/session", cookie, expect: 200 });

    // The delivery, against the document's `webhooks.orderEvent`: headers and body, and the signature with the secret shown at registration.
    const delivery = receiver.received.find((request) => request.payload.data.orderId === hooked.id)!;
    const hook = document.webhooks.orderEvent.post;
    assert.equal(delivery.headers["content-type"]?.split(";")[0], Object.keys(hook.requestBody.content)[0]);
    for (const parameter of hook.parameters as JsonObject[]) {
      const value = delivery.headers[parameter.name];
      assert.equal(typeof value, "string", `header ${parameter.name}`);
      assert.ok(ajv.validate(parameter.schema, value), `header ${parameter.name}: ${String(value)} ${ajv.errorsText(ajv.errors)}`);
    }
    const payload = JSON.parse(delivery.rawBody) as JsonObject;
    assert.ok(ajv.validate(hook.requestBody.content["application/cloudevents+json"].schema, payload), ajv.errorsText(ajv.errors));
    assert.equal(payload.id, delivery.headers["webhook-id"]);
    const headerValues = Object.fromEntries(["webhook-id", "webhook-timestamp", "webhook-signature"].map((name) => [name, String(delivery.headers[name])]));
    assert.equal((new Webhook(webhook.secret).verify(delivery.rawBody, headerValues) as JsonObject).id, payload.id);

    assert.deepEqual(failures, [], "answers that do not match the document");
    const unchecked = ROUTE_DESCRIPTIONS.map((route) => `${route.method} ${route.path}`).filter((route) => !checkedSuccesses.has(route));
    assert.deepEqual(unchecked, [], "routes whose success answer was never checked against the document");
  });
});
