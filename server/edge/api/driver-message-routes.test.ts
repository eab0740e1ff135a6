import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TDriverMessage, TDriverMessageEvent } from "../../../lib/schemas/driver-messages";
import { MAX_DRIVER_MESSAGE_LENGTH } from "../../../lib/schemas/driver-messages";
import { driverMessagesSubject } from "../../features/messages/message-events";
import { isApiError, RawBody, startTestApp, waitFor, type TestApp } from "../../../testing/test-app";

let t: TestApp;
before(async () => {
  t = await startTestApp({ tracker: false });
});
after(async () => {
  await t.close();
});

type Browser = { cookie: string; csrf: string };

/** A cookie-session call, as the dashboard makes it (CSRF header on writes). */
async function call<T = any>(method: string, path: string, browser: Browser, body?: unknown): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { cookie: browser.cookie, "x-csrf-token": browser.csrf };
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${t.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as T };
}

async function signInSupport(email: string): Promise<Browser & { staffId: string }> {
  const created = await t.admin<{ id: string }>("POST", "/api/admin/staff", { email, name: "Sue Support", password: "long enough pass", role: "support" });
  assert.equal(created.status, 201, created.text);
  const response = await fetch(`${t.baseUrl}/api/admin/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: "long enough pass" }) });
  assert.equal(response.status, 201);
  const csrf = ((await response.json()) as { csrfToken: string }).csrfToken;
  return { cookie: (response.headers.get("set-cookie") ?? "").split(";")[0]!, csrf, staffId: created.body.id };
}

const messagesPath = (driverId: string) => `/api/admin/drivers/${encodeURIComponent(driverId)}/messages`;

describe("staff → driver messages", () => {
  test("support sends, the driver reads only its own and marks it read, staff see the receipt", async () => {
    const support = await signInSupport("sue@example.com");
    const [driver, other] = [await t.createDriver({ name: "Msg Mia" }), await t.createDriver({ name: "Other Olga" })];

    // The nudge on core NATS: a listener hears "sent" then "read" for this driver's subject.
    const heard: TDriverMessageEvent[] = [];
    const subscription = t.core.nc.subscribe(driverMessagesSubject(driver.id), {
      callback: (_error, message) => {
        heard.push(message.json<TDriverMessageEvent>());
      },
    });
    await t.core.nc.flush();

    const sent = await call<TDriverMessage>("POST", messagesPath(driver.id), support, { body: "  Gate code is 4411  " });
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
    assert.equal(sent.body.body, "Gate code is 4411");
    assert.deepEqual(sent.body.author, { staffId: support.staffId, name: "Sue Support" });
    assert.equal(sent.body.readAt, null);
    const byToken = await t.admin<TDriverMessage>("POST", messagesPath(driver.id), { body: "Call dispatch when free" });
    assert.equal(byToken.status, 201);
    assert.deepEqual(byToken.body.author, { staffId: null, name: "Dispatch" });

    const inbox = await t.api<TDriverMessage[]>("GET", "/api/driver/messages", undefined, driver.token);
    assert.equal(inbox.status, 200);
    assert.deepEqual(
      inbox.body.map((message) => [message.body, message.readAt]),
      [
        ["Gate code is 4411", null],
        ["Call dispatch when free", null],
      ],
    );
    const otherInbox = await t.api<TDriverMessage[]>("GET", "/api/driver/messages", undefined, other.token);
    assert.deepEqual(otherInbox.body, []);

    // Another driver cannot mark (or learn about) this driver's message: 404, and it stays unread.
    const foreign = await t.api("POST", `/api/driver/messages/${sent.body.id}/read`, {}, other.token);
    assert.equal(foreign.status, 404);
    assert.ok(isApiError(foreign.body));

    const read = await t.api<TDriverMessage>("POST", `/api/driver/messages/${sent.body.id}/read`, {}, driver.token);
    assert.equal(read.status, 200);
    assert.ok(read.body.readAt !== null);
    const again = await t.api<TDriverMessage>("POST", `/api/driver/messages/${sent.body.id}/read`, {}, driver.token);
    assert.equal(again.body.readAt, read.body.readAt, "reading twice keeps the first time");

    const conversation = await call<TDriverMessage[]>("GET", messagesPath(driver.id), support);
    assert.equal(conversation.status, 200);
    assert.deepEqual(
      conversation.body.map((message) => [message.id, message.readAt]),
      [
        [sent.body.id, read.body.readAt],
        [byToken.body.id, null],
      ],
    );

    await waitFor(() => heard.length >= 3, 5_000, "message events");
    subscription.unsubscribe();
    assert.deepEqual(
      heard.map((event) => [event.type, event.messageId, event.driverId]),
      [
        ["driver_message.sent", sent.body.id, driver.id],
        ["driver_message.sent", byToken.body.id, driver.id],
        ["driver_message.read", sent.body.id, driver.id],
      ],
    );
  });

  test("a driver token cannot send staff messages; nobody unauthenticated reads them", async () => {
    const driver = await t.createDriver({ name: "Sneaky Sam" });
    const asDriver = await t.api("POST", messagesPath(driver.id), { body: "I am staff" }, driver.token);
    assert.equal(asDriver.status, 401);
    assert.ok(isApiError(asDriver.body));
    assert.equal((await t.api("GET", messagesPath(driver.id), undefined, driver.token)).status, 401);
    assert.equal((await t.api("GET", "/api/driver/messages")).status, 401);
    assert.equal((await t.api("GET", "/api/driver/messages", undefined, "not-a-token")).status, 401);
    assert.equal((await t.api("POST", "/api/driver/messages/whatever/read", {}, t.adminToken)).status, 401);
    const inbox = await t.api<TDriverMessage[]>("GET", "/api/driver/messages", undefined, driver.token);
    assert.deepEqual(inbox.body, []);
  });

  test("bad input is a 4xx with the error shape", async () => {
    const driver = await t.createDriver({ name: "Input Ines" });
    const cases: Array<[string, unknown, number]> = [
      ["empty", { body: "" }, 400],
      ["blank", { body: "   " }, 400],
      ["too long", { body: "x".repeat(MAX_DRIVER_MESSAGE_LENGTH + 1) }, 400],
      ["not a string", { body: 42 }, 400],
      ["missing", {}, 400],
      ["unknown field", { body: "hi", urgent: true }, 400],
      ["not JSON", new RawBody("{nope"), 400],
      ["too large", new RawBody(JSON.stringify({ body: "x".repeat(20_000) })), 413],
    ];
    for (const [what, body, status] of cases) {
      const response = await t.admin("POST", messagesPath(driver.id), body);
      assert.equal(response.status, status, `${what}: ${response.text}`);
      assert.ok(isApiError(response.body), what);
    }
    const longest = await t.admin<TDriverMessage>("POST", messagesPath(driver.id), { body: "y".repeat(MAX_DRIVER_MESSAGE_LENGTH) });
    assert.equal(longest.status, 201);

    const unknownDriver = await t.admin("POST", messagesPath("no-such-driver"), { body: "hello" });
    assert.equal(unknownDriver.status, 404);
    assert.ok(isApiError(unknownDriver.body));
    assert.equal((await t.admin("GET", messagesPath("no-such-driver"))).status, 404);
    const unknownMessage = await t.api("POST", "/api/driver/messages/no-such-message/read", {}, driver.token);
    assert.equal(unknownMessage.status, 404);
    assert.ok(isApiError(unknownMessage.body));
  });
});
