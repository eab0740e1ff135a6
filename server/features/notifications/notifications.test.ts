/**
 * Customer notifications end to end on real services: opt-ins over the API, the tracker's real
 * events and views, a local push service (each push decrypted with the subscription's own
 * keys, RFC 8291) and a local SMTP server. Each kind reaches each recipient exactly once,
 * across a dispatcher restart and a full redelivery of every event.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AckPolicy, DeliverPolicy } from "@nats-io/jetstream";
import webpush from "web-push";
import type { NotificationKind } from "../../../lib/domain/notification-triggers";
import { ZPushPayload, type TPushPayload } from "../../../lib/schemas/notifications";
import { STREAMS, subjects } from "../../platform/backbone/subjects";
import { startPushService, type BrowserSubscription, type PushService } from "../../../testing/push-service";
import { startSmtpReceiver, type SmtpReceiver } from "../../../testing/smtp-receiver";
import { columnsHolding } from "../../../testing/find-in-database";
import { isApiError, startTestApp, waitFor, type Driver, type Order, type TestApp } from "../../../testing/test-app";
import { createMailer, type Mailer } from "./email-sender";
import { deliverNotifications, type NotifierConfig } from "./deliver-notifications";
import { startNotificationDispatcher, type NotificationDispatcher } from "./notification-dispatcher";

const PUBLIC_URL = "https://track.example.com";
const CONSUMERS = { eventsConsumer: "notifications-test", viewsConsumer: "notifications-late-test" };
const retry = { baseDelayMs: 100, maxDelayMs: 1_000, maxAttempts: 5 };

let t: TestApp;
let push: PushService;
let smtp: SmtpReceiver;
let mailer: Mailer;
let config: NotifierConfig;
let dispatcher: NotificationDispatcher | null = null;
let driver: Driver;
let stops: Order[];
let target: Order;
let failing: Order;
let failingDriver: Driver;
let browser: BrowserSubscription;
let expiredBrowser: BrowserSubscription;
let failingBrowser: BrowserSubscription;
let expiredAttempts = 0;
const targetEmail = "lucia@example.com";
const failingEmail = "ana@example.com";

async function startDispatcher() {
  dispatcher = await startNotificationDispatcher(t.core, config, { ...CONSUMERS, retry, refreshMs: 200, log: () => undefined });
}
async function stopDispatcher() {
  await dispatcher?.stop();
  dispatcher = null;
}

function pushesTo(subscription: BrowserSubscription): TPushPayload[] {
  return push.receivedAt(subscription.endpoint).map((received) => ZPushPayload.parse(JSON.parse(subscription.decrypt(received.body))));
}
const kindOf = (payload: TPushPayload) => payload.tag.split(":")[1] as NotificationKind;
function countKinds(kinds: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of kinds) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}
const pushKinds = (subscription: BrowserSubscription) => countKinds(pushesTo(subscription).map(kindOf));
const mailsTo = (address: string) => smtp.received.filter((mail) => mail.to.includes(address));
/** Email subjects are the Spanish titles: map them back to kinds through the texts. */
const SPANISH_SUBJECT_KIND: [RegExp, NotificationKind][] = [
  [/en reparto/, "out_for_delivery"],
  [/está a \d+ parada/, "stops_away"],
  [/está llegando/, "arriving"],
  [/ha sido entregado/, "delivered"],
  [/No se pudo completar/, "failed"],
  [/con retraso/, "running_late"],
];
const mailKinds = (address: string) => countKinds(mailsTo(address).map((mail) => SPANISH_SUBJECT_KIND.find(([pattern]) => pattern.test(mail.subject))?.[1] ?? `unknown: ${mail.subject}`));

async function consumersCaughtUp(): Promise<boolean> {
  for (const [stream, name] of [
    [STREAMS.orders, CONSUMERS.eventsConsumer],
    [STREAMS.orderViews, CONSUMERS.viewsConsumer],
  ] as const) {
    const info = await t.core.jsm.consumers.info(stream, name);
    if (info.num_pending > 0 || info.num_ack_pending > 0) return false;
  }
  return true;
}

before(async () => {
  t = await startTestApp({ notifications: { isEmailEnabled: true, allowPrivatePushEndpoints: true } });
  push = await startPushService();
  smtp = await startSmtpReceiver();
  mailer = createMailer(smtp.url, "Lastmile <tracking@example.com>");
  config = {
    vapid: { ...webpush.generateVAPIDKeys(), subject: "mailto:ops@example.com" },
    mailer,
    notifyStopsAway: 2,
    publicUrl: PUBLIC_URL,
    allowPrivatePushEndpoints: true,
    linkSealer: t.linkSealer,
  };

  driver = await t.createDriver({ name: "Notify driver" });
  stops = [];
  for (let index = 0; index < 3; index++) stops.push(await t.createOrder({ lat: 40.41 + index / 100, lng: -3.7 }));
  // Promised an hour ago: every view of it says it is running late.
  const created = await t.admin("POST", "/api/admin/orders", { customerName: "Lucía", address: "Calle Mayor 1", lat: 40.45, lng: -3.7, dueAt: new Date(Date.now() - 3_600_000).toISOString() });
  assert.equal(created.status, 201, created.text);
  const token = /\/track\/([^/?#]+)$/.exec(created.body.trackingUrl as string)?.[1] ?? "";
  target = { ...(created.body as Order), token };
  await t.setRoute(driver.id, [...stops.map((order) => order.id), target.id]);

  failingDriver = await t.createDriver({ name: "Second driver" });
  failing = await t.createOrder({ driverId: failingDriver.id, lat: 40.5, lng: -3.6 });

  browser = push.subscribe();
  expiredBrowser = push.subscribe(410);
  failingBrowser = push.subscribe();
  for (const [order, subscription, email, locale] of [
    [target, browser, targetEmail, "es"],
    [failing, failingBrowser, failingEmail, "es"],
  ] as const) {
    const pushed = await t.api("POST", `/api/track/${order.token}/push`, { subscription: subscription.json, locale: "en" });
    assert.equal(pushed.status, 201, pushed.text);
    const mailed = await t.api("POST", `/api/track/${order.token}/email`, { email, locale });
    assert.equal(mailed.status, 201, mailed.text);
  }
  assert.equal((await t.api("POST", `/api/track/${target.token}/push`, { subscription: expiredBrowser.json, locale: "en" })).status, 201);
  await startDispatcher();
});

after(async () => {
  await stopDispatcher();
  mailer?.close();
  await push?.close();
  await smtp?.close();
  await t?.close();
});

describe("opt-in routes", () => {
  test("every bad input is a 4xx JSON error; an unknown token is a 404", async () => {
    const good = push.subscribe().json;
    const cases: [string, string, unknown, number][] = [
      ["POST", "push", {}, 400],
      ["POST", "push", { subscription: good }, 400],
      ["POST", "push", { subscription: good, locale: "fr" }, 400],
      ["POST", "push", { subscription: { ...good, endpoint: "ftp://x/y" }, locale: "en" }, 400],
      ["POST", "push", { subscription: { ...good, endpoint: "not a url" }, locale: "en" }, 400],
      ["POST", "push", { subscription: { ...good, keys: { p256dh: "short", auth: good.keys.auth } }, locale: "en" }, 400],
      ["POST", "push", { subscription: { ...good, keys: { p256dh: good.keys.p256dh, auth: "!!!!!!!!!!!!!!!!!!!!!!" } }, locale: "en" }, 400],
      ["POST", "push", { subscription: good, locale: "en", extra: 1 }, 400],
      ["DELETE", "push", undefined, 400],
      ["DELETE", "push?endpoint=not-a-url", undefined, 400],
      ["DELETE", "push?endpoint=https%3A%2F%2Fx.example%2F1&more=1", undefined, 400],
      ["POST", "email", {}, 400],
      ["POST", "email", { email: "not-an-address", locale: "en" }, 400],
      ["POST", "email", { email: `${"a".repeat(250)}@example.com`, locale: "en" }, 400],
      ["POST", "email", { email: "x@example.com", locale: "en", name: "x" }, 400],
      ["POST", "email", { email: "x@example.com" }, 400],
    ];
    for (const [method, channel, body, status] of cases) {
      const response = await t.api(method, `/api/track/${target.token}/${channel}`, body);
      assert.equal(response.status, status, `${method} ${channel} ${JSON.stringify(body)} → ${response.text}`);
      assert.ok(isApiError(response.body), response.text);
    }
    const notJson = await fetch(`${t.baseUrl}/api/track/${target.token}/email`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    assert.equal(notJson.status, 400);
    const unknown = await t.api("POST", "/api/track/no-such-token/email", { email: "x@example.com", locale: "en" });
    assert.equal(unknown.status, 404);
    assert.ok(isApiError(unknown.body));
  });

  test("a push endpoint must be https unless configured for a local push service", async () => {
    const strict = await startTestApp({ tracker: false });
    try {
      const order = await strict.createOrder();
      const response = await strict.api("POST", `/api/track/${order.token}/push`, { subscription: push.subscribe().json, locale: "en" });
      assert.equal(response.status, 400, response.text);
      assert.equal(response.body.error.code, "invalid_push_endpoint");
      const email = await strict.api("POST", `/api/track/${order.token}/email`, { email: "x@example.com", locale: "en" });
      assert.equal(email.status, 409, "email is off without SMTP");
      assert.equal(email.body.error.code, "email_unavailable");
    } finally {
      await strict.close();
    }
  });

  test("opting out removes the subscription; opting in twice keeps one", async () => {
    const order = await t.createOrder();
    const subscription = push.subscribe();
    for (let attempt = 0; attempt < 2; attempt++) assert.equal((await t.api("POST", `/api/track/${order.token}/push`, { subscription: subscription.json, locale: "en" })).status, 201);
    assert.equal(await t.core.prisma.pushSubscription.count({ where: { orderId: order.id } }), 1);
    const removed = await t.api("DELETE", `/api/track/${order.token}/push?endpoint=${encodeURIComponent(subscription.endpoint)}`);
    assert.deepEqual(removed.body, { channel: "push", isSubscribed: false });
    assert.equal(await t.core.prisma.pushSubscription.count({ where: { orderId: order.id } }), 0);
    assert.equal((await t.api("POST", `/api/track/${order.token}/email`, { email: "x@example.com", locale: "en" })).status, 201);
    assert.equal((await t.api("DELETE", `/api/track/${order.token}/email`)).status, 200);
    assert.equal(await t.core.prisma.emailSubscription.count({ where: { orderId: order.id } }), 0);
  });
});

describe("delivery", () => {
  test("out for delivery, N stops away and running late: once each, encrypted to the browser, in the customer's language, with the link", async () => {
    for (const order of [...stops, target]) await t.setStatus(driver.token, order.id, "picked_up");
    await t.postFixes(driver.token, [{ lat: 40.4, lng: -3.7, at: Date.now(), seq: 1, accuracy: 5 }]);
    // N = 2: the target starts 3 stops away; one stop done makes it 2.
    await t.setStatus(driver.token, stops[0]!.id, "delivered");
    await t.postFixes(driver.token, [{ lat: 40.401, lng: -3.7, at: Date.now(), seq: 2, accuracy: 5 }]);
    const expected = { out_for_delivery: 1, stops_away: 1, running_late: 1 };
    await waitFor(() => sameCounts(pushKinds(browser), expected) && sameCounts(mailKinds(targetEmail), expected), 30_000, "the first three notifications");

    const pushes = pushesTo(browser);
    for (const payload of pushes) assert.equal(payload.url, `${PUBLIC_URL}/track/${target.token}`);
    const stopsAway = pushes.find((payload) => kindOf(payload) === "stops_away")!;
    assert.equal(stopsAway.title, "Your driver is 2 stops away");
    const received = push.receivedAt(browser.endpoint)[0]!;
    assert.equal(received.headers["content-encoding"], "aes128gcm");
    assert.match(String(received.headers.authorization), new RegExp(`^vapid t=[^,]+, k=${config.vapid.publicKey}$`));
    assert.ok(!received.body.toString("latin1").includes("track.example.com"), "the payload travels encrypted");

    const mails = mailsTo(targetEmail);
    for (const mail of mails) {
      assert.ok(mail.text.includes(`${PUBLIC_URL}/track/${target.token}`), mail.text);
      assert.ok(mail.text.includes("Sigue tu pedido en directo"), "in the customer's language (es)");
      assert.equal(mail.from, "tracking@example.com");
    }

    // The expired subscription answered 410 and is gone. One order's messages are handled in order,
    // so at most one push per consumer (events, views) was already under way when it answered.
    expiredAttempts = push.receivedAt(expiredBrowser.endpoint).length;
    assert.ok(expiredAttempts >= 1 && expiredAttempts <= 2, `${expiredAttempts} pushes to the expired subscription`);
    assert.equal(await t.core.prisma.pushSubscription.count({ where: { endpoint: expiredBrowser.endpoint } }), 0);
  });

  test("the links those notifications carried are kept sealed: no column of any table holds a tracking token", async () => {
    for (const order of [target, failing]) {
      const { scanned, found } = await columnsHolding(t.core.prisma, order.token);
      assert.ok(scanned > 50, `${scanned} columns read`);
      assert.deepEqual(found, [], `the tracking token of ${order.id} is in the database`);
      const rows = [...(await t.core.prisma.pushSubscription.findMany({ where: { orderId: order.id } })), ...(await t.core.prisma.emailSubscription.findMany({ where: { orderId: order.id } }))];
      assert.equal(rows.length, 2, "a push and an email subscription");
      for (const row of rows) assert.equal(t.linkSealer.open(row.trackingLinkSealed, order.id), order.token, "sealed, and opens to the link's token");
    }
    // The control: the same scan finds what is there (the order's id).
    assert.ok((await columnsHolding(t.core.prisma, target.id)).found.includes("orders.id"), "the scan finds a value that is in the database");
  });

  test("a restart of the dispatcher drops nothing and repeats nothing", async () => {
    await stopDispatcher();
    // While no dispatcher runs: two more stops done, the target is next (arriving).
    await t.setStatus(driver.token, stops[1]!.id, "delivered");
    await t.setStatus(driver.token, stops[2]!.id, "delivered");
    await waitFor(
      async () => (await t.core.prisma.orderEvent.findMany({ where: { orderId: target.id, type: "order.progress" } })).some((row) => JSON.stringify(row).includes('"stopsAway":0')),
      15_000,
      "the tracker's you're next",
    );
    await startDispatcher();
    const expected = { out_for_delivery: 1, stops_away: 1, running_late: 1, arriving: 1 };
    await waitFor(() => sameCounts(pushKinds(browser), expected) && sameCounts(mailKinds(targetEmail), expected), 30_000, "arriving after the restart");
    await waitFor(consumersCaughtUp, 30_000, "the consumers to catch up");
    assert.deepEqual(sorted(pushKinds(browser)), sorted(expected));
    assert.deepEqual(sorted(mailKinds(targetEmail)), sorted(expected));
  });

  test("every event and view redelivered (a crash between sending and acknowledging) sends nothing again", async () => {
    await stopDispatcher();
    for (const [stream, name, filter] of [
      [STREAMS.orders, CONSUMERS.eventsConsumer, subjects.allOrderEvents],
      [STREAMS.orderViews, CONSUMERS.viewsConsumer, subjects.allOrderViews],
    ] as const) {
      await t.core.jsm.consumers.delete(stream, name);
      await t.core.jsm.consumers.add(stream, { durable_name: name, filter_subject: filter, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, ack_wait: 60_000_000_000 });
    }
    const before = { push: push.received.length, mail: smtp.received.length };
    await startDispatcher();
    await waitFor(consumersCaughtUp, 30_000, "every message handled again");
    assert.equal(push.received.length, before.push, "no push sent twice");
    assert.equal(smtp.received.length, before.mail, "no email sent twice");
  });

  test("at the door and delivered: arriving is not repeated, delivered once, then the subscriptions are gone", async () => {
    await t.setStatus(driver.token, target.id, "arrived");
    await t.setStatus(driver.token, target.id, "delivered");
    await t.setStatus(failingDriver.token, failing.id, "picked_up");
    await t.setStatus(failingDriver.token, failing.id, "failed", "Nobody home");
    const expected = { out_for_delivery: 1, stops_away: 1, running_late: 1, arriving: 1, delivered: 1 };
    await waitFor(() => sameCounts(pushKinds(browser), expected) && sameCounts(mailKinds(targetEmail), expected), 30_000, "delivered");
    await waitFor(() => sameCounts(pushKinds(failingBrowser), { failed: 1 }) && sameCounts(mailKinds(failingEmail), { failed: 1 }), 30_000, "failed");
    await waitFor(consumersCaughtUp, 30_000, "the consumers to catch up");
    assert.deepEqual(sorted(pushKinds(browser)), sorted(expected));
    assert.deepEqual(sorted(mailKinds(targetEmail)), sorted(expected));
    assert.deepEqual(pushKinds(failingBrowser), { failed: 1 });
    assert.deepEqual(mailKinds(failingEmail), { failed: 1 });
    for (const order of [target, failing]) {
      assert.equal(await t.core.prisma.pushSubscription.count({ where: { orderId: order.id } }), 0);
      assert.equal(await t.core.prisma.emailSubscription.count({ where: { orderId: order.id } }), 0);
    }
    assert.equal(push.receivedAt(expiredBrowser.endpoint).length, expiredAttempts, "nothing more to the expired subscription");
    // A finished order takes no new subscriber.
    const late = await t.api("POST", `/api/track/${target.token}/email`, { email: "late@example.com", locale: "en" });
    assert.equal(late.status, 409);
    console.log(
      `[notifications] deliveries: push ${push.received.length} (target ${JSON.stringify(pushKinds(browser))}, failing ${JSON.stringify(pushKinds(failingBrowser))}, expired ${expiredAttempts}), email ${smtp.received.length}`,
    );
  });
});

describe("claims", () => {
  test("a fresh claim by another process is left to it; a stale one (a process that died sending) is taken over and sent once", async () => {
    const order = await t.createOrder();
    const subscription = push.subscribe();
    assert.equal((await t.api("POST", `/api/track/${order.token}/push`, { subscription: subscription.json, locale: "es" })).status, 201);
    const row = await t.core.prisma.pushSubscription.findFirstOrThrow({ where: { orderId: order.id } });
    const key = { orderId: order.id, kind: "failed", channel: "push", recipientId: row.id };
    await t.core.prisma.notificationDelivery.create({ data: { ...key, state: "sending", claimedAt: new Date() } });
    const trigger = [{ kind: "failed" as const, stopsAway: null }];
    const now = new Date();
    assert.equal(await deliverNotifications(t.core.prisma, config, order.id, trigger, now, false), "retry");
    assert.equal(push.receivedAt(subscription.endpoint).length, 0);

    await t.core.prisma.notificationDelivery.update({ where: { orderId_kind_channel_recipientId: key }, data: { claimedAt: new Date(Date.now() - 120_000) } });
    assert.equal(await deliverNotifications(t.core.prisma, config, order.id, trigger, now, false), "done");
    assert.equal(await deliverNotifications(t.core.prisma, config, order.id, trigger, now, false), "done");
    assert.deepEqual(
      pushesTo(subscription).map((payload) => payload.title),
      ["No se pudo completar tu entrega"],
    );
    assert.equal((await t.core.prisma.notificationDelivery.findUniqueOrThrow({ where: { orderId_kind_channel_recipientId: key } })).state, "sent");
  });
});

function sorted(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
function sameCounts(actual: Record<string, number>, expected: Record<string, number>): boolean {
  return JSON.stringify(sorted(actual)) === JSON.stringify(sorted(expected));
}
