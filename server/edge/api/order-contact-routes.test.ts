import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ZAdminOrdersPage, ZOrderCreated } from "../../../lib/schemas/admin-responses";
import { isApiError, startTestApp, type TestApp } from "../../../testing/test-app";

const CONTACT_FIELDS = ["senderName", "orderNumber", "senderPhone", "senderEmail", "customerPhone", "customerEmail"] as const;
/** The order's contact fields as they are (undefined for a missing row). */
const contactOf = (from: Partial<Record<(typeof CONTACT_FIELDS)[number], unknown>> | null | undefined) => Object.fromEntries(CONTACT_FIELDS.map((field) => [field, from?.[field]]));

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t.close();
});

const order = { customerName: "Contact Test", address: "Calle 1", lat: 40.41, lng: -3.7 };
const contact = {
  senderName: "Tienda Sol",
  orderNumber: "SOL-1042",
  senderPhone: "+34 600 11 22 33",
  senderEmail: "hola@tiendasol.example",
  customerPhone: "0044 20 7946 0958",
  customerEmail: "ana@example.com",
};
const stored = { ...contact, senderPhone: "+34600112233", customerPhone: "+442079460958" };
const none = { senderName: null, orderNumber: null, senderPhone: null, senderEmail: null, customerPhone: null, customerEmail: null };

async function adminRowsFor(customerName: string) {
  const page = ZAdminOrdersPage.parse((await t.admin("GET", `/api/admin/orders?q=${encodeURIComponent(customerName)}`)).body);
  return page.orders;
}

async function orderCount(): Promise<number> {
  return t.core.prisma.order.count();
}

describe("an order carries its sender and contact fields", () => {
  for (const path of ["/api/orders", "/api/admin/orders"]) {
    test(`${path}: stored (phones normalised) and answered when given, null when not`, async () => {
      const name = `With ${path}`;
      const created = await t.admin("POST", path, { ...order, customerName: name, ...contact });
      assert.equal(created.status, 201, created.text);
      const body = ZOrderCreated.parse(created.body);
      assert.deepEqual(contactOf(body), stored);
      const row = await t.core.prisma.order.findUniqueOrThrow({ where: { id: body.id } });
      assert.deepEqual(contactOf(row), stored);
      const [listed] = await adminRowsFor(name);
      assert.equal(listed?.orderNumber, "SOL-1042");
      assert.equal(listed?.senderPhone, "+34600112233");

      const plainName = `Without ${path}`;
      const plain = await t.admin("POST", path, { ...order, customerName: plainName, senderName: "  ", customerEmail: "" });
      assert.equal(plain.status, 201, plain.text);
      const [plainRow] = await adminRowsFor(plainName);
      assert.deepEqual(contactOf(plainRow), none);
    });

    test(`${path}: a bad phone, email or over-long field is a 400 JSON error and creates nothing`, async () => {
      const before = await orderCount();
      for (const bad of [
        { senderPhone: "600112233" },
        { customerPhone: "+34 call me" },
        { senderPhone: "+0123456789" },
        { senderEmail: "not-an-email" },
        { customerEmail: "ana@" },
        { senderName: "x".repeat(201) },
        { orderNumber: "x".repeat(101) },
        { senderName: 42 },
      ]) {
        const response = await t.admin("POST", path, { ...order, ...bad });
        assert.equal(response.status, 400, JSON.stringify(bad));
        assert.ok(isApiError(response.body), JSON.stringify(response.body));
        assert.match(response.body.error.message, new RegExp(Object.keys(bad)[0]!));
      }
      assert.equal(await orderCount(), before);
    });
  }

  test("a CSV import takes the optional columns and reports a bad phone or email by line", async () => {
    const csv = [
      "customer_name,address,lat,lng,sender,order_number,sender_phone,customer_email",
      "Csv Contact One,Calle 1,40.41,-3.70,Tienda Sol,SOL-7,+34 600 11 22 33,uno@example.com",
      "Csv Contact Two,Calle 2,40.42,-3.71,,,,",
      "Csv Contact Three,Calle 3,40.42,-3.71,Tienda Sol,SOL-9,12345,",
      "Csv Contact Four,Calle 4,40.42,-3.71,Tienda Sol,SOL-10,,four@",
    ].join("\n");
    const before = await orderCount();
    const imported = await t.admin("POST", "/api/admin/orders/import", { csv });
    assert.equal(imported.status, 201, imported.text);
    assert.deepEqual(
      imported.body.errors.map((error: { line: number }) => error.line),
      [4, 5],
    );
    // Codes for the dashboard to say in its reader's language, and a sentence in words for everyone else.
    assert.deepEqual(imported.body.errors[0].problems, [{ field: "senderPhone", code: "not_a_phone" }]);
    assert.deepEqual(imported.body.errors[1].problems, [{ field: "customerEmail", code: "not_an_email" }]);
    assert.match(imported.body.errors[0].message, /^Line 4: the sender's phone must be a phone number with its country code/);
    assert.match(imported.body.errors[1].message, /^Line 5: the customer's email must be an email address/);
    assert.equal(await orderCount(), before + 2);
    const [one] = await adminRowsFor("Csv Contact One");
    assert.deepEqual(
      { senderName: one?.senderName, orderNumber: one?.orderNumber, senderPhone: one?.senderPhone, customerEmail: one?.customerEmail },
      { senderName: "Tienda Sol", orderNumber: "SOL-7", senderPhone: "+34600112233", customerEmail: "uno@example.com" },
    );
    const [two] = await adminRowsFor("Csv Contact Two");
    assert.equal(two?.senderName, null);
    assert.equal(two?.orderNumber, null);
  });
});
