import { expect, test, type Browser, type Page } from "@playwright/test";
import { postFix, seedRoute, setStatus } from "../fixtures/api";
import { expectAccessible } from "../fixtures/axe";

/**
 * The customer's tracking page, in each state a customer meets it, checked by axe-core in
 * English and Spanish at phone size: no serious or moderate WCAG 2.1 AA violation.
 */
const PHONE = { width: 390, height: 844 };
const LOCALES = ["en-GB", "es-ES"] as const;

async function open(browser: Browser, locale: string, url: string): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: PHONE, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** The page in both languages, once `ready` says it shows the state. */
async function checkBoth(browser: Browser, url: string, state: string, ready: (page: Page) => Promise<void>): Promise<void> {
  for (const locale of LOCALES) {
    const page = await open(browser, locale, url);
    await ready(page);
    await expectAccessible(page, `tracking page, ${state} (${locale})`);
    await page.context().close();
  }
}

test("tracking page on the way (driver not shown yet) has no serious or moderate axe violations", async ({ browser, request }) => {
  const { driver, orders } = await seedRoute(request, 5, "a11y-way");
  for (const order of orders) await setStatus(request, driver, order.id, "picked_up");
  await postFix(request, driver, { lat: 40.405, lng: -3.7, seq: 1 });
  await checkBoth(browser, orders[4]!.trackingUrl, "on the way", async (page) => {
    await expect(page.getByTestId("stops-away")).toContainText("4");
    await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
    await expect(page.getByTestId("driver-marker")).toHaveCount(0);
  });
});

test("tracking page with the driver on the map has no serious or moderate axe violations", async ({ browser, request }) => {
  const { driver, orders } = await seedRoute(request, 2, "a11y-map");
  for (const order of orders) await setStatus(request, driver, order.id, "picked_up");
  await postFix(request, driver, { lat: 40.405, lng: -3.7, seq: 1 });
  await checkBoth(browser, orders[1]!.trackingUrl, "driver visible", async (page) => {
    await expect(page.getByTestId("driver-marker")).toHaveCount(1);
    await expect(page.getByTestId("map-tiles-unavailable")).toBeVisible();
  });
});

test("tracking page after delivery and after a failed delivery has no serious or moderate axe violations", async ({ browser, request }) => {
  const { driver, orders } = await seedRoute(request, 2, "a11y-done");
  for (const order of orders) await setStatus(request, driver, order.id, "picked_up");
  await setStatus(request, driver, orders[0]!.id, "delivered", "Left with the concierge");
  await setStatus(request, driver, orders[1]!.id, "failed", "Nobody at home");
  await checkBoth(browser, orders[0]!.trackingUrl, "delivered", async (page) => {
    await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "delivered");
  });
  await checkBoth(browser, orders[1]!.trackingUrl, "failed", async (page) => {
    await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "failed");
  });
});

test("an unknown tracking link's page has no serious or moderate axe violations", async ({ browser }) => {
  await checkBoth(browser, "/track/not-a-real-token", "not found", async (page) => {
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });
});
