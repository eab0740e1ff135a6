/**
 * One bad push subscription must not poison an order's notifications (security finding 5), on
 * real services: opt-ins over the API, status events through the outbox and ORDERS, a local push
 * service and a local SMTP server.
 * - Registration refuses keys nothing can be encrypted to and endpoints on loopback, private,
 *   link-local, metadata or translated addresses, and nothing is stored.
 * - An order takes a bounded number of push subscriptions, also when opt-ins race.
 * - A recipient that keeps failing is given up on after a bounded number of tries, with the
 *   reason recorded; one the push library or service rejects for good is dropped at once; the
 *   other recipients get every notification meanwhile.
 * - Once the order is finished and its last notification went out, no row holds the email
 *   address or a push endpoint; a sweep removes what an interrupted finish left behind.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import webpush from "web-push";
import type { NotificationKind } from "../../../lib/domain/notification-triggers";
import { ZPushPayload } from "../../../lib/schemas/notifications";
import { STREAMS } from "../../platform/backbone/subjects";
import { columnsHolding } from "../../../testing/find-in-database";
import { startPushService, type BrowserSubscription, type PushService } from "../../../testing/push-service";
import { startSmtpReceiver, type SmtpReceiver } from "../../../testing/smtp-receiver";
import { isApiError, startTestApp, waitFor, type Driver, type Order, type TestApp } from "../../../testing/test-app";
import { createMailer, type Mailer } from "./email-sender";
import type { NotifierConfig } from "./deliver-notifications";
import { startNotificationDispatcher, type NotificationDispatcher, type NotificationDispatcherOptions } from "./notification-dispatcher";
import { MAX_PUSH_SUBSCRIPTIONS_PER_ORDER, subscribePush, type SubscriptionPolicy } from "./notification-subscriptions";

const CONSUMERS = { eventsConsumer: "safety-events", viewsConsumer: "safety-views" };
/** Three tries per recipient and event, 100 ms apart at first. */
const retry = { baseDelayMs: 100, maxDelayMs: 400, maxAttempts: 3 };

let t: TestApp;
/** No loopback push services, no private webhooks: production's rules. */
let strict: TestApp;
let push: PushService;
let smtp: SmtpReceiver;
let mailer: Mailer;
let config: NotifierConfig;
let dispatcher: NotificationDispatcher | null = null;
let driver: Driver;

async function startDispatcher(options: NotificationDispatcherOptions = {}) {
  dispatcher = await startNotificationDispatcher(t.core, config, { ...CONSUMERS, retry, refreshMs: 200, log: () => undefined, ...options });
}
async function stopDispatcher() {
  await dispatcher?.stop();
  dispatcher = null;
}

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

function countKinds(kinds: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of [...kinds].sort()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}
const pushKinds = (subscription: BrowserSubscription) =>
  countKinds(push.receivedAt(subscription.endpoint).map((received) => ZPushPayload.parse(JSON.parse(subscription.decrypt(received.body))).tag.split(":")[1] as NotificationKind));
const SUBJECT_KIND: [RegExp, NotificationKind][] = [
  [/está llegando/, "arriving"],
  [/ha sido entregado/, "delivered"],
];
const mailKinds = (address: string) =>
  countKinds(smtp.received.filter((mail) => mail.to.includes(address)).map((mail) => SUBJECT_KIND.find(([pattern]) => pattern.test(mail.subject))?.[1] ?? `other: ${mail.subject}`));

/** A 65-byte uncompressed point whose x and y are not on P-256: nothing can be encrypted to it. */
function offCurveKey(valid: string): string {
  const bytes = Buffer.from(valid, "base64url");
  bytes[64] = bytes[64]! ^ 1;
  return bytes.toString("base64url");
}

before(async () => {
  t = await startTestApp({ tracker: false, notifications: { isEmailEnabled: true, allowPrivatePushEndpoints: true } });
  strict = await startTestApp({ tracker: false });
  push = await startPushService();
  smtp = await startSmtpReceiver();
  mailer = createMailer(smtp.url, "Lastmile <tracking@example.com>");
  config = {
    vapid: { ...webpush.generateVAPIDKeys(), subject: "mailto:ops@example.com" },
    mailer,
    notifyStopsAway: 2,
    publicUrl: "https://track.example.com",
    allowPrivatePushEndpoints: true,
    linkSealer: t.linkSealer,
  };
  driver = await t.createDriver({ name: "Safety driver" });
  await startDispatcher();
});

after(async () => {
  await stopDispatcher();
  mailer?.close();
  await push?.close();
  await smtp?.close();
  await strict?.close();
  await t?.close();
});

describe("registration", () => {
  test("a p256dh that is not a P-256 public point, or an auth that is not 16 bytes, is a 400 naming the field; nothing is stored", async () => {
    const good = push.subscribe().json;
    const withKeys = (keys: { p256dh?: string; auth?: string }) => ({ ...good, keys: { ...good.keys, ...keys } });
    const cases: [string, ReturnType<typeof withKeys>, RegExp][] = [
      ["off the curve", withKeys({ p256dh: offCurveKey(good.keys.p256dh) }), /keys\.p256dh/],
      ["all zero coordinates", withKeys({ p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64)]).toString("base64url") }), /keys\.p256dh/],
      ["not the uncompressed form", withKeys({ p256dh: Buffer.concat([Buffer.from([5]), Buffer.from(good.keys.p256dh, "base64url").subarray(1)]).toString("base64url") }), /keys\.p256dh/],
      ["66 bytes", withKeys({ p256dh: Buffer.concat([Buffer.from(good.keys.p256dh, "base64url"), Buffer.from([0])]).toString("base64url") }), /keys\.p256dh/],
      ["auth of 17 bytes", withKeys({ auth: randomBytes(17).toString("base64url") }), /keys\.auth/],
      ["auth of 18 bytes", withKeys({ auth: randomBytes(18).toString("base64url") }), /keys\.auth/],
    ];
    for (const [what, subscription, field] of cases) {
      const order = await t.createOrder();
      const response = await t.api("POST", `/api/track/${order.token}/push`, { subscription, locale: "en" });
      assert.equal(response.status, 400, `${what}: ${response.text}`);
      assert.ok(isApiError(response.body), response.text);
      assert.equal(response.body.error.code, "invalid_push_key", what);
      assert.match(response.body.error.message, field, what);
      assert.equal(await t.core.prisma.pushSubscription.count({ where: { orderId: order.id } }), 0, `${what}: stored`);
    }
    // The control: the same route takes the browser's real keys.
    const order = await t.createOrder();
    assert.equal((await t.api("POST", `/api/track/${order.token}/push`, { subscription: good, locale: "en" })).status, 201);
  });

  test("endpoints on loopback, private, link-local, metadata or translated addresses are refused, naming the field; nothing is stored", async () => {
    const keys = push.subscribe().json.keys;
    const refused = [
      "https://127.0.0.1/push/1",
      "https://127.1/push/1",
      "https://2130706433/push/1",
      "https://0x7f.0.0.1/push/1",
      "https://localhost/push/1",
      "https://push.localhost/push/1",
      "https://169.254.169.254/latest/meta-data/",
      "https://10.1.2.3/push/1",
      "https://172.16.0.1/push/1",
      "https://192.168.1.1/push/1",
      "https://100.64.0.1/push/1",
      "https://0.0.0.0/push/1",
      "https://[::1]/push/1",
      "https://[::]/push/1",
      "https://[::ffff:127.0.0.1]/push/1",
      "https://[::ffff:169.254.169.254]/push/1",
      "https://[::127.0.0.1]/push/1",
      "https://[64:ff9b::127.0.0.1]/push/1",
      "https://[64:ff9b::a9fe:a9fe]/push/1",
      "https://[64:ff9b:1::a00:1]/push/1",
      "https://[64:ff9b:1:0:a:a00:100::]/push/1",
      "https://[2002:c0a8:101::1]/push/1",
      "https://[2002:7f00:1::]/push/1",
      "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/push/1",
      "https://[fe80::1]/push/1",
      "https://[fd00::1]/push/1",
      "https://[fec0::1]/push/1",
      "https://[ff02::1]/push/1",
    ];
    for (const endpoint of refused) {
      const order = await strict.createOrder();
      const response = await strict.api("POST", `/api/track/${order.token}/push`, { subscription: { endpoint, expirationTime: null, keys }, locale: "en" });
      assert.equal(response.status, 422, `${endpoint}: ${response.text}`);
      assert.ok(isApiError(response.body), response.text);
      assert.equal(response.body.error.code, "push_endpoint_refused", endpoint);
      assert.match(response.body.error.message, /subscription\.endpoint/, endpoint);
      assert.equal(await strict.core.prisma.pushSubscription.count({ where: { orderId: order.id } }), 0, `${endpoint}: stored`);
    }
    for (const endpoint of ["http://push.example.com/push/1", "https://user:secret@push.example.com/push/1"]) {
      const order = await strict.createOrder();
      const response = await strict.api("POST", `/api/track/${order.token}/push`, { subscription: { endpoint, expirationTime: null, keys }, locale: "en" });
      assert.equal(response.status, 400, `${endpoint}: ${response.text}`);
      assert.equal(response.body.error.code, "invalid_push_endpoint", endpoint);
      assert.match(response.body.error.message, /subscription\.endpoint/, endpoint);
    }
    // Public addresses pass (literals: no DNS needed), including a 6to4 address of a public one.
    for (const endpoint of ["https://93.184.216.34/push/1", "https://[2606:4700::1111]/push/1", "https://[2002:5db8:d822::1]/push/1", "https://[64:ff9b::808:808]/push/1"]) {
      const order = await strict.createOrder();
      const response = await strict.api("POST", `/api/track/${order.token}/push`, { subscription: { endpoint, expirationTime: null, keys }, locale: "en" });
      assert.equal(response.status, 201, `${endpoint}: ${response.text}`);
    }
  });

  test("webhooks are held to the same address rule at registration", async () => {
    for (const url of ["http://[::127.0.0.1]:9/hook", "http://[64:ff9b:1::a9fe:a9fe]/hook", "http://[2002:a9fe:a9fe::1]/hook"]) {
      const response = await strict.admin("POST", "/api/admin/webhooks", { url });
      assert.equal(response.status, 422, `${url}: ${response.text}`);
      assert.equal(response.body.error.code, "private_address", url);
    }
  });
});

describe("cap", () => {
  test(`an order takes at most ${MAX_PUSH_SUBSCRIPTIONS_PER_ORDER} push subscriptions, also when opt-ins race; the next is a 409 in words; a known endpoint may renew`, async () => {
    assert.equal(MAX_PUSH_SUBSCRIPTIONS_PER_ORDER, 10);
    const order = await t.createOrder();
    const policy: SubscriptionPolicy = { isEmailEnabled: true, allowPrivatePushEndpoints: true, linkSealer: t.linkSealer };
    const browsers = Array.from({ length: 16 }, () => push.subscribe());
    const results = await Promise.allSettled(browsers.map((browser) => subscribePush(t.core, policy, order.id, order.token, { subscription: browser.json, locale: "en" })));
    assert.equal(results.filter((result) => result.status === "fulfilled").length, 10, "ten of sixteen racing opt-ins");
    assert.equal(await t.core.prisma.pushSubscription.count({ where: { orderId: order.id } }), 10);

    const eleventh = await t.api("POST", `/api/track/${order.token}/push`, { subscription: push.subscribe().json, locale: "en" });
    assert.equal(eleventh.status, 409, eleventh.text);
    assert.equal(eleventh.body.error.code, "too_many_push_subscriptions");
    assert.match(eleventh.body.error.message, /10 devices/);
    const kept = browsers.find((_, index) => results[index]?.status === "fulfilled")!;
    const renewed = await t.api("POST", `/api/track/${order.token}/push`, { subscription: kept.json, locale: "es" });
    assert.equal(renewed.status, 201, renewed.text);
    assert.equal(await t.core.prisma.pushSubscription.count({ where: { orderId: order.id } }), 10);
    // The email is one per order (an upsert), beside the pushes.
    assert.equal((await t.api("POST", `/api/track/${order.token}/email`, { email: "cap@example.com", locale: "en" })).status, 201);
  });
});

describe("give-up and deletion", () => {
  test("a key that cannot be encrypted to and a 400 are dropped at once, a 500 is tried a bounded number of times with the reason kept; email and a good push get every notification; then no row holds the address or an endpoint", async () => {
    const order = await t.createOrder({ driverId: driver.id });
    const email = `poison-${randomBytes(4).toString("hex")}@example.com`;
    const good = push.subscribe();
    const refusing = push.subscribe(400);
    const failing = push.subscribe(500);
    const poisoned = push.subscribe();
    for (const browser of [good, refusing, failing]) assert.equal((await t.api("POST", `/api/track/${order.token}/push`, { subscription: browser.json, locale: "en" })).status, 201);
    assert.equal((await t.api("POST", `/api/track/${order.token}/email`, { email, locale: "es" })).status, 201);
    // Registration refuses this key, so the row is written directly: such a row, stored before that check, is what poisoned orders.
    const poisonedRow = await t.core.prisma.pushSubscription.create({
      data: {
        id: `poisoned-${randomBytes(4).toString("hex")}`,
        orderId: order.id,
        endpoint: poisoned.endpoint,
        p256dh: offCurveKey(poisoned.json.keys.p256dh),
        auth: poisoned.json.keys.auth,
        locale: "en",
        trackingLinkSealed: t.linkSealer.seal(order.token, order.id),
      },
    });
    const failingRow = await t.core.prisma.pushSubscription.findFirstOrThrow({ where: { orderId: order.id, endpoint: failing.endpoint } });
    const refusingRow = await t.core.prisma.pushSubscription.findFirstOrThrow({ where: { orderId: order.id, endpoint: refusing.endpoint } });

    await t.setStatus(driver.token, order.id, "picked_up");
    await t.setStatus(driver.token, order.id, "arrived");
    await waitFor(
      async () => (await t.core.prisma.notificationDelivery.count({ where: { orderId: order.id, kind: "arriving", recipientId: failingRow.id, state: "failed" } })) > 0,
      15_000,
      "arriving given up on the failing push",
    );
    await t.setStatus(driver.token, order.id, "delivered");
    const both = { arriving: 1, delivered: 1 };
    await waitFor(
      () => JSON.stringify(pushKinds(good)) === JSON.stringify(both) && JSON.stringify(mailKinds(email)) === JSON.stringify(both),
      20_000,
      "every notification to the good push and the email",
    );
    await waitFor(consumersCaughtUp, 20_000, "the consumers to catch up (nothing retried without end)");

    assert.deepEqual(pushKinds(good), both);
    assert.deepEqual(mailKinds(email), both);
    const rows = await t.core.prisma.notificationDelivery.findMany({ where: { orderId: order.id }, orderBy: [{ kind: "asc" }, { recipientId: "asc" }] });
    const rowOf = (recipientId: string, kind: string) => rows.find((row) => row.recipientId === recipientId && row.kind === kind);

    // The poisoned key: never reached the service (it cannot be encrypted to), dropped on its first try.
    assert.equal(push.receivedAt(poisoned.endpoint).length, 0);
    assert.equal(rowOf(poisonedRow.id, "arriving")?.state, "rejected");
    assert.match(rowOf(poisonedRow.id, "arriving")?.reason ?? "", /encrypt/);
    assert.equal(rowOf(poisonedRow.id, "delivered"), undefined, "dropped: not tried again for the next event");
    // 400 from the push service: dropped after its one push.
    assert.equal(push.receivedAt(refusing.endpoint).length, 1);
    assert.equal(rowOf(refusingRow.id, "arriving")?.state, "rejected");
    assert.match(rowOf(refusingRow.id, "arriving")?.reason ?? "", /400/);
    // 500: bounded tries per event, given up with the reason.
    for (const kind of ["arriving", "delivered"]) {
      const row = rowOf(failingRow.id, kind);
      assert.equal(row?.state, "failed", kind);
      assert.equal(row?.attempts, retry.maxAttempts, kind);
      assert.match(row?.reason ?? "", /500/, kind);
    }
    assert.equal(push.receivedAt(failing.endpoint).length, 2 * retry.maxAttempts, "tries to the failing push service");
    for (const row of rows) assert.ok(!`${row.reason}`.includes(email) && !`${row.reason}`.includes("127.0.0.1"), `a reason holds personal data: ${row.reason}`);

    // Finished and told: the subscriptions are gone, and with them the address and every endpoint.
    assert.equal(await t.core.prisma.pushSubscription.count({ where: { orderId: order.id } }), 0);
    assert.equal(await t.core.prisma.emailSubscription.count({ where: { orderId: order.id } }), 0);
    for (const needle of [email, ...[good, refusing, failing, poisoned].map((browser) => new URL(browser.endpoint).pathname)]) {
      const { scanned, found } = await columnsHolding(t.core.prisma, needle);
      assert.ok(scanned > 50, `${scanned} columns read`);
      assert.deepEqual(found, [], `${needle} is still in the database`);
    }
  });

  test("a sweep at start-up and every few minutes removes subscriptions a finished order left behind, and keeps those of open or just-finished orders", async () => {
    const finished = await t.createOrder({ driverId: driver.id });
    const justFinished = await t.createOrder({ driverId: driver.id });
    const open = await t.createOrder({ driverId: driver.id });
    for (const order of [finished, justFinished]) {
      await t.setStatus(driver.token, order.id, "picked_up");
      await t.setStatus(driver.token, order.id, "failed", "Nobody home");
    }
    await waitFor(consumersCaughtUp, 20_000, "the finishing events handled");
    await stopDispatcher();
    // What an interrupted finish leaves (a process that died between the last send and the deletion).
    const leftovers = async () => {
      for (const order of [finished, justFinished, open]) {
        await t.core.prisma.emailSubscription.upsert({
          where: { orderId: order.id },
          create: { orderId: order.id, email: `left-${order.id}@example.com`, locale: "en", trackingLinkSealed: "x" },
          update: {},
        });
        await t.core.prisma.pushSubscription.create({
          data: {
            id: randomBytes(8).toString("hex"),
            orderId: order.id,
            endpoint: `${push.baseUrl}/left/${randomBytes(4).toString("hex")}`,
            p256dh: "x",
            auth: "x",
            locale: "en",
            trackingLinkSealed: "x",
          },
        });
      }
    };
    const countOf = async (order: Order) =>
      (await t.core.prisma.pushSubscription.count({ where: { orderId: order.id } })) + (await t.core.prisma.emailSubscription.count({ where: { orderId: order.id } }));
    await leftovers();
    // Finished an hour ago: past any retry of its last notification.
    await t.core.prisma.order.update({ where: { id: finished.id }, data: { finishedAt: new Date(Date.now() - 3_600_000) } });

    // At start-up (the periodic sweep is an hour away here).
    await startDispatcher({ sweepEveryMs: 3_600_000 });
    await waitFor(async () => (await countOf(finished)) === 0, 10_000, "the start-up sweep");
    assert.equal(await countOf(justFinished), 2, "just finished: its last notification may still be under way");
    assert.equal(await countOf(open), 2, "open orders keep their subscribers");
    await stopDispatcher();

    // Periodically.
    await startDispatcher({ sweepEveryMs: 200 });
    await leftovers();
    const openBefore = await countOf(open);
    await waitFor(async () => (await countOf(finished)) === 0, 10_000, "the periodic sweep");
    await t.core.prisma.order.update({ where: { id: justFinished.id }, data: { finishedAt: new Date(Date.now() - 3_600_000) } });
    await waitFor(async () => (await countOf(justFinished)) === 0, 10_000, "the periodic sweep, once past the grace");
    assert.equal(await countOf(open), openBefore);
    await stopDispatcher();
    await startDispatcher();
  });
});
