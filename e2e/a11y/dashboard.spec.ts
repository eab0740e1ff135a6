import { expect, test, type Browser, type Page } from "@playwright/test";
import { createDriver, createOrder, postFix, setRoute, setStatus } from "../fixtures/api";
import { expectAccessible } from "../fixtures/axe";
import { E2E_ADMIN_TOKEN } from "../fixtures/e2e-env";

/**
 * The dispatch dashboard, checked by axe-core at desktop size in English and Spanish: the sign-in
 * (both ways), every tab, a driver's and an order's detail, the new-order form and a dialog.
 * No serious or moderate WCAG 2.1 AA violation. Selectors are test ids, not words, so the
 * same walk works in both languages.
 */
const DESKTOP = { width: 1366, height: 900 };
const admin = { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` };

async function openDashboard(browser: Browser, locale: string): Promise<Page> {
  const context = await browser.newContext({ viewport: DESKTOP, locale });
  const page = await context.newPage();
  // The session cookie through the API (the sign-in form is checked on its own).
  expect((await page.request.post("/api/admin/session", { data: { adminToken: E2E_ADMIN_TOKEN } })).status()).toBe(201);
  await page.goto("/admin");
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  return page;
}

test("dashboard sign-in has no serious or moderate axe violations", async ({ browser }) => {
  for (const locale of ["en-GB", "es-ES"]) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale });
    const page = await context.newPage();
    await page.goto("/admin");
    const modes = page.locator(".admin-segmented [role=tab]");
    await expect(modes).toHaveCount(2);
    await expectAccessible(page, `dashboard sign-in, staff account (${locale})`);
    await modes.nth(1).click();
    await expect(page.locator("input[type=password]")).toHaveCount(1);
    await expectAccessible(page, `dashboard sign-in, admin token (${locale})`);
    await context.close();
  }
});

for (const locale of ["en-GB", "es-ES"]) {
  test(`every dashboard tab and detail has no serious or moderate axe violations (${locale})`, async ({ browser, request }) => {
    test.setTimeout(120_000);
    // A fleet to show: a driver on the way who goes silent (an alert), a delivered and a failed order
    // (insight), a webhook with a delivery and a staff account.
    const driver = await createDriver(request, `Axe Alba ${locale}`);
    const orders = [
      await createOrder(request, { customerName: "Axe Customer One", address: "Calle Axe 1, Madrid", lat: 40.42, lng: -3.7 }),
      await createOrder(request, { customerName: "Axe Customer Two", address: "Calle Axe 2, Madrid", lat: 40.424, lng: -3.7 }),
      await createOrder(request, { customerName: "Axe Customer Three", address: "Calle Axe 3, Madrid", lat: 40.428, lng: -3.7 }),
    ];
    await setRoute(
      request,
      driver.id,
      orders.map((order) => order.id),
    );
    for (const order of orders) await setStatus(request, driver, order.id, "picked_up");
    await postFix(request, driver, { lat: 40.415, lng: -3.7, seq: 1 });
    await setStatus(request, driver, orders[0]!.id, "delivered");
    await setStatus(request, driver, orders[1]!.id, "failed", "Nobody at home");
    expect((await request.post("/api/admin/webhooks", { headers: admin, data: { url: "http://127.0.0.1:9/axe-hook" } })).status()).toBe(201);
    const staff = await request.post("/api/admin/staff", { headers: admin, data: { email: `axe-${Date.now()}@example.com`, name: "Axe Staff", password: "long enough pass", role: "support" } });
    expect(staff.status()).toBe(201);

    const page = await openDashboard(browser, locale);
    const where = (what: string) => `dashboard ${what} (${locale})`;

    await expect(page.locator(`[data-testid="fleet-driver"][data-driver-id="${driver.id}"]`)).toBeVisible();
    await expectAccessible(page, where("fleet"));
    await page.locator(`[data-testid="fleet-driver"][data-driver-id="${driver.id}"]`).click();
    await expect(page.getByTestId("driver-panel")).toBeVisible();
    await expectAccessible(page, where("driver detail"));
    await page.getByTestId("new-driver").click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await expectAccessible(page, where("new driver dialog"));
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toHaveCount(0);

    await page.getByTestId("tab-orders").click();
    await expect(page.getByTestId("order-row").first()).toBeVisible();
    await expectAccessible(page, where("orders, with the new-order form and the CSV import"));
    await page.locator(`[data-testid="order-row"][data-order-id="${orders[2]!.id}"] button`).first().click();
    await expect(page.getByTestId("order-event").first()).toBeVisible();
    await expectAccessible(page, where("order detail"));
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("order-detail")).toHaveCount(0);

    await page.getByTestId("tab-alerts").click();
    // The driver has stops and has sent nothing for longer than the e2e server's 6 s: silent.
    await expect(
      page
        .locator(`[data-testid="alert"]`)
        .filter({ hasText: `Axe Alba ${locale}` })
        .first(),
    ).toBeVisible();
    await expectAccessible(page, where("alerts"));

    await page.getByTestId("tab-insight").click();
    await expect(page.getByTestId("insight-delivered")).toBeVisible();
    await expect(page.getByTestId("eta-scoreboard")).toBeVisible();
    await expectAccessible(page, where("insight"));

    await page.getByTestId("tab-webhooks").click();
    await expect(page.getByTestId("webhook").first()).toBeVisible();
    await expectAccessible(page, where("webhooks"));

    await page.getByTestId("tab-staff").click();
    await expect(page.getByTestId("staff-row").first()).toBeVisible();
    await expectAccessible(page, where("staff"));
    await page.context().close();
  });
}
