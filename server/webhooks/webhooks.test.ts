/**
 * Webhooks end to end on real services: registration over the API, signed POSTs to a real
 * local HTTP receiver, retries with backoff through JetStream redelivery, the delivery log,
 * and durability across a dispatcher restart.
 */
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { after, before, describe, test } from "node:test";
import type { TWebhookDelivery } from "../../lib/schemas/webhooks";
import { isApiError, startTestApp, waitFor, type TestApp } from "../testing/test-app";
import { startWebhookReceiver } from "../testing/webhook-receiver";
import { isValidSignature } from "./sign-payload";
import { startWebhookDispatcher, type WebhookDispatcher } from "./webhook-dispatcher";

const retry = { baseDelayMs: 100, maxDelayMs: 1_000, maxAttempts: 5 };
let t: TestApp;
let dispatcher: WebhookDispatcher;
const receivers: { close(): Promise<void> }[] = [];

before(async () => {
  t = await startTestApp({ tracker: false, allowPrivateWebhooks: true });
  dispatcher = await startWebhookDispatcher(t.core, { durableName: "webhooks-test", retry, timeoutMs: 2_000, allowPrivateAddresses: true, log: () => undefined });
});
after(async () => {
  await dispatcher.stop();
  for (const receiver of receivers) await receiver.close();
  await t.close();
});

async function register(url: string, secret = "test-secret-0123456789") {
  const response = await t.admin("POST", "/api/admin/webhooks", { url, secret, description: "test" });
  assert.equal(response.status, 201, response.text);
  return response.body as { id: string; secret: string };
}

describe("registration", () => {
  test("only http(s) URLs whose host resolves are accepted; everything else is a 4xx error", async () => {
    const cases: [unknown, number][] = [
      [{ url: "ftp://127.0.0.1/x" }, 400],
      [{ url: "javascript:alert(1)" }, 400],
      [{ url: "file:///etc/passwd" }, 400],
      [{ url: "not a url" }, 400],
      [{ url: "https://user:pw@127.0.0.1/" }, 400],
      [{ url: "http://no-such-host.invalid/hook" }, 422],
      [{ url: "http://127.0.0.1/x", secret: "short" }, 400],
      [{ url: "http://127.0.0.1/x", extra: 1 }, 400],
      [{}, 400],
    ];
    for (const [body, status] of cases) {
      const response = await t.admin("POST", "/api/admin/webhooks", body);
      assert.equal(response.status, status, `${JSON.stringify(body)} → ${response.text}`);
      assert.ok(isApiError(response.body));
    }
    assert.equal((await t.api("POST", "/api/admin/webhooks", { url: "http://127.0.0.1/x" })).status, 401);
  });

  test("a generated secret is shown once; listings never show secrets; support may view but not register or delete", async () => {
    const created = await t.admin("POST", "/api/admin/webhooks", { url: "http://127.0.0.1:9/unused" });
    assert.equal(created.status, 201);
    assert.ok(created.body.secret.length >= 32);
    const list = await t.admin("GET", "/api/admin/webhooks");
    assert.equal(list.status, 200);
    assert.ok(!list.text.includes(created.body.secret as string));

    const staff = { email: "support@example.com", name: "Sue", password: "support-pass-123", role: "support" };
    assert.equal((await t.admin("POST", "/api/admin/staff", staff)).status, 201);
    const session = await fetch(`${t.baseUrl}/api/admin/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: staff.email, password: staff.password }) });
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
  test("order events arrive as JSON signed with HMAC-SHA256 over '<timestamp>.<body>'", async () => {
    const receiver = await startWebhookReceiver();
    receivers.push(receiver);
    const secret = "signing-secret-abcdefgh";
    const webhook = await register(receiver.url, secret);
    const order = await t.createOrder({ customerName: "Signed Sam" });

    const hit = await waitFor(() => receiver.received.find((request) => request.payload.orderId === order.id), 10_000, "the order.created delivery");
    assert.equal(hit.payload.type, "order.created");
    assert.equal(hit.payload.event.type, "order.created");
    assert.equal(hit.headers["content-type"], "application/json");
    assert.equal(hit.headers["x-lastmile-event"], "order.created");
    assert.equal(hit.headers["x-lastmile-delivery"], String(hit.payload.seq));
    const timestamp = hit.headers["x-lastmile-timestamp"] as string;
    // Recomputed here independently of the server's code, as a receiver would.
    const expected = `sha256=${createHmac("sha256", secret).update(`${timestamp}.${hit.rawBody}`).digest("hex")}`;
    assert.equal(hit.headers["x-lastmile-signature"], expected);
    assert.equal(isValidSignature({ secret, rawBody: hit.rawBody, signature: expected, timestamp }), true);
    assert.ok(!hit.rawBody.includes("token"), "no tracking token leaves in a webhook");

    const log = await waitFor(async () => {
      const response = await t.admin("GET", `/api/admin/webhooks/${webhook.id}/deliveries`);
      return response.body.length ? response.body : null;
    });
    assert.equal(log[0].statusCode, 200);
    assert.equal(log[0].isSuccess, true);
    assert.equal(log[0].attempt, 1);
    assert.equal(log[0].orderId, order.id);
    assert.equal(typeof log[0].durationMs, "number");
  });

  test("a receiver that fails twice gets the event again with backoff and takes it the third time", async () => {
    const receiver = await startWebhookReceiver({ answer: (index) => (index < 2 ? 503 : 204) });
    receivers.push(receiver);
    const webhook = await register(receiver.url);
    const order = await t.createOrder({ customerName: "Retry Rita" });

    const log = await waitFor(async () => {
      const response = await t.admin("GET", `/api/admin/webhooks/${webhook.id}/deliveries`);
      const rows = (response.body as TWebhookDelivery[]).filter((row) => row.orderId === order.id);
      return rows.some((row) => row.isSuccess) ? rows : null;
    }, 15_000, "a successful third attempt");
    const attempts = [...log].reverse().map((row) => [row.attempt, row.statusCode, row.isSuccess, row.error]);
    assert.deepEqual(attempts, [
      [1, 503, false, "HTTP 503"],
      [2, 503, false, "HTTP 503"],
      [3, 204, true, null],
    ]);
    const hits = receiver.received.filter((request) => request.payload.orderId === order.id);
    assert.equal(hits.length, 3);
    assert.equal(new Set(hits.map((hit) => hit.rawBody)).size, 1, "every retry carries the same body (same id and seq)");
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

  test("events published while the dispatcher is stopped are delivered when it starts again (durable consumer)", async () => {
    const receiver = await startWebhookReceiver();
    receivers.push(receiver);
    await register(receiver.url);
    await dispatcher.stop();
    const order = await t.createOrder({ customerName: "While Down" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(receiver.received.filter((request) => request.payload.orderId === order.id).length, 0);
    dispatcher = await startWebhookDispatcher(t.core, { durableName: "webhooks-test", retry, timeoutMs: 2_000, allowPrivateAddresses: true, log: () => undefined });
    await waitFor(() => receiver.received.find((request) => request.payload.orderId === order.id), 10_000, "the delivery after restart");
  });
});
