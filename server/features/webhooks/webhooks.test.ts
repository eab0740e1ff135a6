/**
 * Webhooks end to end on real services: registration over the API, POSTs to a real local HTTP
 * receiver verified with the `standardwebhooks` library and parsed with the `cloudevents` SDK
 * (libraries written by others, as an integrator would use them), retries with backoff through
 * JetStream redelivery, the delivery log, durability across a dispatcher restart, and secrets
 * registered before Standard Webhooks still verifying after their migration.
 */
import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { HTTP, type CloudEvent } from "cloudevents";
import { Webhook } from "standardwebhooks";
import { CLOUD_EVENT_TYPES } from "../../../lib/domain/cloud-event";
import { ZOrderEvent, type TOrderEvent } from "../../../lib/schemas/events";
import { ZWebhookPayload, type TWebhookDelivery } from "../../../lib/schemas/webhooks";
import { isApiError, startTestApp, waitFor, type TestApp } from "../../../testing/test-app";
import { startWebhookReceiver, type ReceivedWebhook } from "../../../testing/webhook-receiver";
import { startWebhookDispatcher, type WebhookDispatcher } from "./webhook-dispatcher";

const retry = { baseDelayMs: 100, maxDelayMs: 1_000, maxAttempts: 5 };
const source = "https://lastmile.example.test";
let t: TestApp;
let dispatcher: WebhookDispatcher;
const receivers: { close(): Promise<void> }[] = [];
const startDispatcher = () => startWebhookDispatcher(t.core, { durableName: "webhooks-test", retry, timeoutMs: 2_000, allowPrivateAddresses: true, source, log: () => undefined });

before(async () => {
  t = await startTestApp({ tracker: false, allowPrivateWebhooks: true });
  dispatcher = await startDispatcher();
});
after(async () => {
  await dispatcher.stop();
  for (const receiver of receivers) await receiver.close();
  await t.close();
});

const newSecret = (bytes = 32) => `whsec_${randomBytes(bytes).toString("base64")}`;

async function register(url: string, secret = newSecret()) {
  const response = await t.admin("POST", "/api/admin/webhooks", { url, secret, description: "test" });
  assert.equal(response.status, 201, response.text);
  return response.body as { id: string; secret: string };
}

/** What a receiver does with the standard libraries: verify the signature, then read the CloudEvent. */
function verifyAndParse(secret: string, hit: ReceivedWebhook): CloudEvent<TOrderEvent> {
  const headers = hit.headers as Record<string, string>;
  new Webhook(secret).verify(hit.rawBody, headers);
  const parsed = HTTP.toEvent<TOrderEvent>({ headers, body: hit.rawBody });
  assert.ok(!Array.isArray(parsed), "one event per request");
  return parsed as CloudEvent<TOrderEvent>;
}

const forOrder = (orderId: string) => (hit: ReceivedWebhook) => hit.payload.subject === orderId;

describe("registration", () => {
  test("only http(s) URLs whose host resolves and whsec_ secrets of 24–64 bytes are accepted; everything else is a 4xx error", async () => {
    const cases: [unknown, number][] = [
      [{ url: "ftp://127.0.0.1/x" }, 400],
      [{ url: "javascript:alert(1)" }, 400],
      [{ url: "file:///etc/passwd" }, 400],
      [{ url: "not a url" }, 400],
      [{ url: "https://user:pw@127.0.0.1/" }, 400],
      [{ url: "http://no-such-host.invalid/hook" }, 422],
      [{ url: "http://127.0.0.1/x", secret: "short" }, 400],
      [{ url: "http://127.0.0.1/x", secret: "an-old-style-secret-of-some-length" }, 400],
      [{ url: "http://127.0.0.1/x", secret: `whsec_${randomBytes(16).toString("base64")}` }, 400],
      [{ url: "http://127.0.0.1/x", secret: `whsec_${randomBytes(65).toString("base64")}` }, 400],
      [{ url: "http://127.0.0.1/x", secret: `whsec_${randomBytes(32).toString("base64url")}-_` }, 400],
      [{ url: "http://127.0.0.1/x", secret: "whsec_" }, 400],
      [{ url: "http://127.0.0.1/x", extra: 1 }, 400],
      [{}, 400],
    ];
    for (const [body, status] of cases) {
      const response = await t.admin("POST", "/api/admin/webhooks", body);
      assert.equal(response.status, status, `${JSON.stringify(body)} → ${response.text}`);
      assert.ok(isApiError(response.body));
    }
    assert.match((await t.admin("POST", "/api/admin/webhooks", { url: "http://127.0.0.1/x", secret: "short-but-sixteen!" })).body.error.message, /whsec_/);
    assert.equal((await t.api("POST", "/api/admin/webhooks", { url: "http://127.0.0.1/x" })).status, 401);
    assert.equal(await t.core.prisma.webhook.count({ where: { url: "http://127.0.0.1/x" } }), 0, "nothing stored");
  });

  test("a generated secret is whsec_ + base64 of 32 random bytes, shown once; listings never show secrets; support may view but not register or delete", async () => {
    const created = await t.admin("POST", "/api/admin/webhooks", { url: "http://127.0.0.1:9/unused" });
    assert.equal(created.status, 201);
    const secret = created.body.secret as string;
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.equal(Buffer.from(secret.slice("whsec_".length), "base64").length, 32);
    assert.doesNotThrow(() => new Webhook(secret), "a Standard Webhooks library takes it as it is");
    const other = await t.admin("POST", "/api/admin/webhooks", { url: "http://127.0.0.1:9/unused" });
    assert.notEqual(other.body.secret, secret);
    assert.equal((await t.admin("DELETE", `/api/admin/webhooks/${other.body.id as string}`)).status, 200);
    const list = await t.admin("GET", "/api/admin/webhooks");
    assert.equal(list.status, 200);
    assert.ok(!list.text.includes(secret.slice("whsec_".length)));

    const staff = { email: "support@example.com", name: "Sue", password: "support-pass-123", role: "support" };
    assert.equal((await t.admin("POST", "/api/admin/staff", staff)).status, 201);
    const session = await fetch(`${t.baseUrl}/api/admin/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: staff.email, password: staff.password }),
    });
    const cookie = (session.headers.get("set-cookie") ?? "").split(";")[0]!;
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const asSupport = (method: string, path: string, body?: unknown) =>
      fetch(`${t.baseUrl}${path}`, { method, headers: { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    assert.equal((await asSupport("GET", "/api/admin/webhooks")).status, 200);
    assert.equal((await asSupport("GET", `/api/admin/webhooks/${created.body.id as string}/deliveries`)).status, 200);
    assert.equal((await asSupport("POST", "/api/admin/webhooks", { url: "http://127.0.0.1/x" })).status, 403);
    assert.equal((await asSupport("DELETE", `/api/admin/webhooks/${created.body.id as string}`)).status, 403);

    assert.equal((await t.admin("DELETE", `/api/admin/webhooks/${created.body.id as string}`)).status, 200);
    assert.equal((await t.admin("DELETE", `/api/admin/webhooks/${created.body.id as string}`)).status, 404);
    assert.equal((await t.admin("GET", "/api/admin/webhooks/nope/deliveries")).status, 404);
    assert.equal((await t.admin("GET", `/api/admin/webhooks/nope/deliveries?limit=0`)).status, 400);
  });
});

describe("delivery", () => {
  test("order events arrive as CloudEvents 1.0 (structured JSON) signed by Standard Webhooks", async () => {
    const receiver = await startWebhookReceiver();
    receivers.push(receiver);
    const webhook = await register(receiver.url);
    const order = await t.createOrder({ customerName: "Signed Sam" });

    const hit = await waitFor(() => receiver.received.find(forOrder(order.id)), 10_000, "the order.created delivery");
    const event = verifyAndParse(webhook.secret, hit);
    assert.equal(event.specversion, "1.0");
    assert.equal(event.type, "com.lastmile.order.created");
    assert.equal(event.source, source);
    assert.equal(event.subject, order.id);
    assert.equal(event.datacontenttype, "application/json");
    assert.equal(event.id, hit.headers["webhook-id"], "the CloudEvent's id is the webhook-id");
    assert.match(event.id, /^msg_[0-9a-f]{32}$/);
    assert.ok(Math.abs(Date.parse(event.time!) - Date.now()) < 60_000, "time is the event's, RFC 3339");
    const data = ZOrderEvent.parse(event.data);
    assert.equal(data.type, "order.created");
    assert.equal(data.orderId, order.id);
    assert.equal(ZWebhookPayload.safeParse(JSON.parse(hit.rawBody)).success, true, "the body has the documented schema");
    assert.match(String(event.sequence), /^\d{20}$/);
    assert.match(String(hit.headers["content-type"]), /^application\/cloudevents\+json/);
    const sentAt = Number(hit.headers["webhook-timestamp"]);
    assert.ok(Math.abs(sentAt - Date.now() / 1000) < 60, "webhook-timestamp is unix seconds of the attempt");
    assert.match(String(hit.headers["webhook-signature"]), /^v1,[A-Za-z0-9+/]{43}=$/);
    assert.ok(!hit.rawBody.includes("token"), "no tracking token leaves in a webhook");
    assert.ok(!Object.keys(hit.headers).some((name) => name.startsWith("x-lastmile")), "the old scheme's headers are gone");

    // A changed body, another secret or a changed id is refused by the library.
    const headers = hit.headers as Record<string, string>;
    assert.throws(() => new Webhook(webhook.secret).verify(hit.rawBody.replace(order.id, randomUUID()), headers));
    assert.throws(() => new Webhook(newSecret()).verify(hit.rawBody, headers));
    assert.throws(() => new Webhook(webhook.secret).verify(hit.rawBody, { ...headers, "webhook-id": "msg_other" }));

    const log = await waitFor(async () => {
      const response = await t.admin("GET", `/api/admin/webhooks/${webhook.id}/deliveries`);
      return response.body.length ? response.body : null;
    });
    assert.equal(log[0].statusCode, 200);
    assert.equal(log[0].isSuccess, true);
    assert.equal(log[0].attempt, 1);
    assert.equal(log[0].orderId, order.id);
    assert.equal(log[0].eventType, "order.created");
    assert.equal(log[0].eventSeq, Number(event.sequence));
    assert.equal(typeof log[0].durationMs, "number");
  });

  test("every kind of order event has its CloudEvents type, com.lastmile.<its type>", () => {
    const kinds = ZOrderEvent.options.map((option) => option.shape.type.value);
    assert.deepEqual(Object.keys(CLOUD_EVENT_TYPES).sort(), [...kinds].sort());
    for (const kind of kinds) assert.equal(CLOUD_EVENT_TYPES[kind], `com.lastmile.${kind}`);
  });

  test("a receiver that fails twice gets the same event (same webhook-id) again with backoff and takes it the third time", async () => {
    const receiver = await startWebhookReceiver({ answer: (index) => (index < 2 ? 503 : 204) });
    receivers.push(receiver);
    const webhook = await register(receiver.url);
    const order = await t.createOrder({ customerName: "Retry Rita" });

    const log = await waitFor(
      async () => {
        const response = await t.admin("GET", `/api/admin/webhooks/${webhook.id}/deliveries`);
        const rows = (response.body as TWebhookDelivery[]).filter((row) => row.orderId === order.id);
        return rows.some((row) => row.isSuccess) ? rows : null;
      },
      15_000,
      "a successful third attempt",
    );
    const attempts = [...log].reverse().map((row) => [row.attempt, row.statusCode, row.isSuccess, row.error]);
    assert.deepEqual(attempts, [
      [1, 503, false, "HTTP 503"],
      [2, 503, false, "HTTP 503"],
      [3, 204, true, null],
    ]);
    const hits = receiver.received.filter(forOrder(order.id));
    assert.equal(hits.length, 3);
    assert.equal(new Set(hits.map((hit) => hit.rawBody)).size, 1, "every retry carries the same body");
    assert.equal(new Set(hits.map((hit) => hit.headers["webhook-id"])).size, 1, "and the same webhook-id, so receivers dedupe");
    for (const hit of hits) assert.equal(verifyAndParse(webhook.secret, hit).id, hit.headers["webhook-id"], "each attempt is signed anew");
    // Backoff: JetStream holds each nak'd event at least its delay (100 ms, then 200 ms); lower bounds only.
    assert.ok(hits[1]!.receivedAt - hits[0]!.receivedAt >= 90, "second attempt after the first delay");
    assert.ok(hits[2]!.receivedAt - hits[1]!.receivedAt >= 190, "third attempt after a doubled delay");
    const listed = await t.admin("GET", "/api/admin/webhooks");
    const summary = (listed.body as { id: string; recentDeliveries: unknown[] }[]).find((row) => row.id === webhook.id);
    assert.ok(summary && summary.recentDeliveries.length >= 3);
  });

  test("an unreachable receiver is logged as an error without a status", async () => {
    const receiver = await startWebhookReceiver();
    await receiver.close();
    const webhook = await register(receiver.url);
    const order = await t.createOrder({ customerName: "Nobody Home" });
    const row = await waitFor(async () => {
      const response = await t.admin("GET", `/api/admin/webhooks/${webhook.id}/deliveries`);
      return (response.body as { orderId: string; statusCode: number | null; error: string | null }[]).find((delivery) => delivery.orderId === order.id);
    });
    assert.equal(row.statusCode, null);
    assert.match(row.error ?? "", /ECONNREFUSED/);
    assert.equal((await t.admin("DELETE", `/api/admin/webhooks/${webhook.id}`)).status, 200);
  });

  test("a secret stored before Standard Webhooks is migrated with the same key: the integrator's old secret still verifies", async () => {
    const receiver = await startWebhookReceiver();
    receivers.push(receiver);
    const legacySecret = "test-legacy-secret-0123456789-abcdefghijklmnopqrstuvwxyz-0123456789-long-enough-for-a-wrapped-base64";
    const id = randomUUID();
    await t.core.prisma.webhook.create({ data: { id, url: receiver.url, secret: legacySecret, createdAt: new Date(Date.now() - 1_000) } });
    // The migration's own statement, on this row only.
    const migration = readFileSync(path.join(import.meta.dirname, "../../../prisma/migrations/20261206200000_standard_webhook_secrets/migration.sql"), "utf8");
    const update = migration
      .split("\n")
      .filter((line) => !line.startsWith("--"))
      .join("\n")
      .trim()
      .replace(/;$/, "");
    await t.core.prisma.$executeRawUnsafe(`${update} WHERE id = $1`, id);
    const migrated = (await t.core.prisma.webhook.findUniqueOrThrow({ where: { id } })).secret;
    assert.equal(migrated, `whsec_${Buffer.from(legacySecret).toString("base64")}`, "no line breaks, same key bytes");

    const order = await t.createOrder({ customerName: "Legacy Lou" });
    const hit = await waitFor(() => receiver.received.find(forOrder(order.id)), 10_000, "the delivery to the migrated webhook");
    const headers = hit.headers as Record<string, string>;
    assert.doesNotThrow(() => new Webhook(legacySecret, { format: "raw" }).verify(hit.rawBody, headers), "the old secret as a raw key");
    assert.equal(verifyAndParse(migrated, hit).subject, order.id);
    assert.equal((await t.admin("DELETE", `/api/admin/webhooks/${id}`)).status, 200);
  });

  test("events published while the dispatcher is stopped are delivered when it starts again (durable consumer)", async () => {
    const receiver = await startWebhookReceiver();
    receivers.push(receiver);
    const webhook = await register(receiver.url);
    await dispatcher.stop();
    const order = await t.createOrder({ customerName: "While Down" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(receiver.received.filter(forOrder(order.id)).length, 0);
    dispatcher = await startDispatcher();
    const hit = await waitFor(() => receiver.received.find(forOrder(order.id)), 10_000, "the delivery after restart");
    assert.equal(verifyAndParse(webhook.secret, hit).type, "com.lastmile.order.created");
  });
});
