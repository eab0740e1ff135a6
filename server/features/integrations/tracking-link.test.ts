/**
 * The tracking link reaches the customer, on real services: an order from a shop's webhook (its
 * customer's email and phone), a driver who picks it up, the tracker's real "out for delivery"
 * event, the notification dispatcher, a local SMTP server and a local Twilio stand-in that holds
 * each request to Twilio's documented shape. Once per order and channel, across a full
 * redelivery; opt-out by the email's link and by STOP; refusals not retried; 5xx retried.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { AckPolicy, DeliverPolicy } from "@nats-io/jetstream";
import webpush from "web-push";
import { ZShopWebhookAnswer } from "../../../lib/schemas/integrations";
import { STREAMS, subjects } from "../../platform/backbone/subjects";
import { createMailer, type Mailer } from "../notifications/email-sender";
import type { NotifierConfig } from "../notifications/deliver-notifications";
import { contactHash, TRACKING_LINK_KIND } from "../notifications/deliver-tracking-link";
import { startNotificationDispatcher, type NotificationDispatcher } from "../notifications/notification-dispatcher";
import { createSmsSender } from "../notifications/sms-sender";
import { startSmtpReceiver, type SmtpReceiver } from "../../../testing/smtp-receiver";
import { startTestApp, waitFor, type TestApp } from "../../../testing/test-app";
import { startTwilioStandIn, type TwilioStandIn } from "../../../testing/twilio-stand-in";
import { shopSignature } from "./verify-shop-signature";

const PUBLIC_URL = "https://track.example.com";
const SECRET = "shpss_link_test_5e1d9c3b7a2f4e6d";
const ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
const AUTH_TOKEN = "twilio-auth-token-4f8e2a6c";
const FROM = "+15017122661";
const CONSUMERS = { eventsConsumer: "tracking-link-test", viewsConsumer: "tracking-link-late-test" };
const retry = { baseDelayMs: 100, maxDelayMs: 400, maxAttempts: 5 };
const SAMPLE = readFileSync(join(import.meta.dirname, "fixtures", "shopify-orders-create.json"), "utf8");

let t: TestApp;
let smtp: SmtpReceiver;
let twilio: TwilioStandIn;
let mailer: Mailer;
let config: NotifierConfig;
let dispatcher: NotificationDispatcher | null = null;

before(async () => {
  t = await startTestApp({ shopIntegrations: { shopifySecret: SECRET, shopName: "Acme Outdoor" } });
  smtp = await startSmtpReceiver();
  twilio = await startTwilioStandIn(ACCOUNT_SID, AUTH_TOKEN);
  mailer = createMailer(smtp.url, "Acme via Lastmile <tracking@example.com>");
  config = {
    vapid: { ...webpush.generateVAPIDKeys(), subject: "mailto:ops@example.com" },
    mailer,
    notifyStopsAway: 3,
    publicUrl: PUBLIC_URL,
    allowPrivatePushEndpoints: true,
    linkSealer: t.linkSealer,
    trackingLink: {
      channels: ["email", "sms"],
      mailer,
      sms: createSmsSender({ apiUrl: twilio.url, accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: FROM }),
      publicUrl: PUBLIC_URL,
      linkSealer: t.linkSealer,
    },
  };
  dispatcher = await startNotificationDispatcher(t.core, config, { ...CONSUMERS, retry, refreshMs: 200, log: () => undefined });
});

after(async () => {
  await dispatcher?.stop();
  mailer?.close();
  await smtp?.close();
  await twilio?.close();
  await t?.close();
});

let nextId = 930000000000000001n;
/** A shop order (Shopify's sample, with coordinates and this contact) made into an order; its id and tracking token. */
async function shopOrder(contact: { phone: string | null; email: string | null }): Promise<{ orderId: string; token: string }> {
  const order = JSON.parse(SAMPLE);
  const id = String(nextId++);
  order.admin_graphql_api_id = `gid://shopify/Order/${id}`;
  order.shipping_address.latitude = 38.2527;
  order.shipping_address.longitude = -85.7585;
  order.shipping_address.phone = contact.phone;
  order.email = contact.email;
  order.contact_email = null;
  order.customer.email = null;
  const body = JSON.stringify(order);
  const response = await fetch(`${t.baseUrl}/api/integrations/shopify/orders`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopify-hmac-sha256": shopSignature(body, SECRET), "x-shopify-webhook-id": crypto.randomUUID() },
    body,
  });
  assert.equal(response.status, 200, await response.clone().text());
  const orderId = ZShopWebhookAnswer.parse(await response.json()).orderId!;
  const link = await t.core.prisma.trackingLink.findUniqueOrThrow({ where: { orderId } });
  return { orderId, token: t.linkSealer.open(link.trackingLinkSealed, orderId)! };
}

/** A driver takes the order and moves: the tracker says "out for delivery". */
async function sendOut(orderId: string): Promise<void> {
  const driver = await t.createDriver({ name: `Driver ${orderId.slice(0, 6)}` });
  await t.setRoute(driver.id, [orderId]);
  await t.setStatus(driver.token, orderId, "picked_up");
  await t.postFixes(driver.token, [{ lat: 38.25, lng: -85.75, at: Date.now(), seq: 1, accuracy: 5 }]);
}

const smsTo = (phone: string) => twilio.messages.filter((message) => message.to === phone);
const mailsTo = (email: string) => smtp.received.filter((mail) => mail.to.includes(email));
const deliveryRow = (orderId: string, channel: string) =>
  t.core.prisma.notificationDelivery.findUnique({ where: { orderId_kind_channel_recipientId: { orderId, kind: TRACKING_LINK_KIND, channel, recipientId: orderId } } });

async function consumersCaughtUp(): Promise<boolean> {
  const info = await t.core.jsm.consumers.info(STREAMS.orders, CONSUMERS.eventsConsumer);
  return info.num_pending === 0 && info.num_ack_pending === 0;
}

describe("the tracking link by email and SMS", () => {
  let first: { orderId: string; token: string };

  test("when the order goes out for delivery, its link goes to the order's email and phone, as Twilio documents the request", async () => {
    first = await shopOrder({ phone: "+1 502-555-0142", email: "steve@example.com" });
    assert.equal(smsTo("+15025550142").length, 0, "nothing before the order goes out");
    await sendOut(first.orderId);
    await waitFor(() => smsTo("+15025550142").length === 1 && mailsTo("steve@example.com").length === 1, 30_000, "the SMS and the email");
    const link = `${PUBLIC_URL}/track/${first.token}`;
    const [sms] = smsTo("+15025550142");
    assert.equal(sms!.from, FROM);
    assert.equal(sms!.body, `Your order #9999 from Acme Outdoor is out for delivery: ${link} Reply STOP to opt out.`);
    const [mail] = mailsTo("steve@example.com");
    assert.equal(mail!.subject, "Your order #9999 from Acme Outdoor is out for delivery");
    assert.ok(mail!.text.includes(link), mail!.text);
    assert.match(mail!.text, new RegExp(`${PUBLIC_URL}/api/tracking-link/opt-out/\\S+`));
    // The link works: it is the order's own.
    const page = await t.api("GET", `/api/track/${first.token}`);
    assert.equal(page.status, 200, page.text);
    assert.equal((await deliveryRow(first.orderId, "sms"))?.state, "sent");
    assert.equal((await deliveryRow(first.orderId, "email"))?.state, "sent");
    assert.ok(
      twilio.requests.every((request) => request.verdict === "ok"),
      JSON.stringify(twilio.requests),
    );
  });

  test("every event redelivered (a crash between sending and acknowledging) sends nothing again", async () => {
    await dispatcher?.stop();
    await t.core.jsm.consumers.delete(STREAMS.orders, CONSUMERS.eventsConsumer);
    await t.core.jsm.consumers.add(STREAMS.orders, {
      durable_name: CONSUMERS.eventsConsumer,
      filter_subject: subjects.allOrderEvents,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: 60_000_000_000,
    });
    const before = { sms: twilio.messages.length, mail: smtp.received.length };
    dispatcher = await startNotificationDispatcher(t.core, config, { ...CONSUMERS, retry, refreshMs: 200, log: () => undefined });
    await waitFor(consumersCaughtUp, 30_000, "every event handled again");
    assert.deepEqual({ sms: twilio.messages.length, mail: smtp.received.length }, before);
  });

  test("the email's opt-out link stops later links to that address (the SMS still goes); a forged one is a 404", async () => {
    const optOutUrl = /https:\/\/track\.example\.com(\/api\/tracking-link\/opt-out\/\S+)/.exec(mailsTo("steve@example.com")[0]!.text)![1]!;
    const page = await fetch(`${t.baseUrl}${optOutUrl}`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-type") ?? "", /text\/html/);
    assert.match(await page.text(), /no more tracking links/);
    assert.equal((await fetch(`${t.baseUrl}${optOutUrl}`)).status, 200, "a second click changes nothing");
    assert.ok(await t.core.prisma.contactOptOut.findUnique({ where: { channel_contactHash: { channel: "email", contactHash: contactHash("email", "steve@example.com") } } }));
    const forged = await t.api("GET", "/api/tracking-link/opt-out/v1.AAAA");
    assert.equal(forged.status, 404);
    assert.equal(forged.body.error.code, "unknown_opt_out");

    const second = await shopOrder({ phone: "+1 502-555-0143", email: "STEVE@example.com" });
    await sendOut(second.orderId);
    await waitFor(() => smsTo("+15025550143").length === 1, 30_000, "the second order's SMS");
    await waitFor(consumersCaughtUp, 10_000, "the event handled");
    assert.equal(mailsTo("STEVE@example.com").length + mailsTo("steve@example.com").length, 1, "no email after the opt-out");
    assert.equal(await deliveryRow(second.orderId, "email"), null, "not even claimed");
  });

  test("refusals are not retried (an unreachable number; a number that replied STOP becomes an opt-out); a 503 is retried until sent once", async () => {
    twilio.invalid.add("+15005550001");
    twilio.unsubscribed.add("+15025550199");
    twilio.failNext.set("+15025550177", 2);
    const unreachable = await shopOrder({ phone: "+1 500-555-0001", email: null });
    const stopped = await shopOrder({ phone: "+1 502-555-0199", email: null });
    const flaky = await shopOrder({ phone: "+1 502-555-0177", email: null });
    for (const order of [unreachable, stopped, flaky]) await sendOut(order.orderId);
    await waitFor(() => smsTo("+15025550177").length === 1, 30_000, "the flaky number's SMS after its 503s");
    await waitFor(
      async () => (await deliveryRow(unreachable.orderId, "sms"))?.state === "rejected" && (await deliveryRow(stopped.orderId, "sms"))?.state === "rejected",
      30_000,
      "both refusals recorded",
    );
    await waitFor(consumersCaughtUp, 10_000, "every event handled");

    const tries = (phone: string) => twilio.requests.filter((request) => request.to === phone).length;
    assert.equal(tries("+15005550001"), 1, "a refused number is not tried again");
    assert.match((await deliveryRow(unreachable.orderId, "sms"))!.reason ?? "", /400 \(code 21211\)/);
    assert.equal(tries("+15025550199"), 1);
    assert.ok(await t.core.prisma.contactOptOut.findUnique({ where: { channel_contactHash: { channel: "sms", contactHash: contactHash("sms", "+15025550199") } } }), "STOP is remembered");
    const flakyRow = await deliveryRow(flaky.orderId, "sms");
    assert.deepEqual({ state: flakyRow?.state, attempts: flakyRow?.attempts, tries: tries("+15025550177") }, { state: "sent", attempts: 3, tries: 3 });
  });

  test("an order made by the API with an email gets its link too: the current one, after dispatch replaced it", async () => {
    const created = await t.admin("POST", "/api/orders", { customerName: "Api Customer", address: "1 Main St", lat: 38.251, lng: -85.759, customerEmail: "api-customer@example.com" });
    assert.equal(created.status, 201, created.text);
    const replaced = await t.admin("POST", `/api/admin/orders/${created.body.id}/tracking-link`, {});
    assert.equal(replaced.status, 201, replaced.text);
    const token = /\/track\/([^/?#]+)$/.exec(replaced.body.trackingUrl as string)![1]!;
    await sendOut(created.body.id as string);
    await waitFor(() => mailsTo("api-customer@example.com").length === 1, 30_000, "the API order's email");
    const text = mailsTo("api-customer@example.com")[0]!.text;
    assert.ok(text.includes(`${PUBLIC_URL}/track/${token}`), text);
    assert.equal(mailsTo("api-customer@example.com")[0]!.subject, "Your order is out for delivery");
  });
});
