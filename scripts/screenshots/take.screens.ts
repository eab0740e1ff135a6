/**
 * Takes docs/screenshots/*.png: each app at phone (390×844) and desktop (1366×900) size, in
 * states a person meets — a driver on the way, a delivered order, a route on the phone, the
 * fleet, the orders, an order's detail. Data is seeded through the API, like the e2e specs.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { createDriver, createOrder, postFix, setRoute, setStatus, type SeededDriver } from "../../e2e/fixtures/api";
import { signInAsAdmin } from "../../e2e/fixtures/admin";
import { E2E_ADMIN_TOKEN } from "../../e2e/fixtures/e2e-env";

const OUT = "docs/screenshots";
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

async function shoot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.waitForTimeout(600);
  await page.screenshot({ path: `${OUT}/${name}.png`, fullPage });
}

async function open(browser: Browser, viewport: { width: number; height: number }, locale = "en-GB"): Promise<Page> {
  const context = await browser.newContext({ viewport, locale, deviceScaleFactor: 1 });
  return context.newPage();
}

async function signIn(page: Page): Promise<void> {
  await signInAsAdmin(page);
  await expect(page.getByTestId("tab-fleet")).toBeVisible();
}

/** Every app at both sizes in both languages: `<name>-<size>.png` in English, `<name>-es-<size>.png` in Spanish. */
const SHOTS = [
  { prefix: "", locale: "en-GB", size: "phone", viewport: PHONE },
  { prefix: "", locale: "en-GB", size: "desktop", viewport: DESKTOP },
  { prefix: "es-", locale: "es-ES", size: "phone", viewport: PHONE },
  { prefix: "es-", locale: "es-ES", size: "desktop", viewport: DESKTOP },
] as const;

const NAMES = ["Ana García", "Bruno Díaz", "Carmen Ruiz", "David López", "Elena Martín"];
const STREETS = ["Calle de Alcalá 42", "Gran Vía 18", "Calle Mayor 5", "Calle de Toledo 77", "Paseo del Prado 30", "Calle de Atocha 12", "Calle Princesa 3", "Calle Serrano 61"];

let seeded: { drivers: SeededDriver[]; orders: { id: string; trackingUrl: string }[][] } = { drivers: [], orders: [] };

test("seed a small fleet", async ({ request }) => {
  for (let d = 0; d < NAMES.length; d++) {
    const driver = await createDriver(request, NAMES[d]!);
    const orders = [];
    for (let o = 0; o < 4; o++) {
      orders.push(
        await createOrder(request, {
          customerName: `${["Lucía", "Mateo", "Sofía", "Hugo", "Valeria", "Leo", "Martina", "Pablo"][(d * 4 + o) % 8]} ${["Fernández", "Romero", "Navarro", "Torres"][o]}`,
          address: `${STREETS[(d + o) % STREETS.length]}, Madrid`,
          lat: 40.405 + d * 0.008 + o * 0.003,
          lng: -3.715 + d * 0.006 + o * 0.002,
        }),
      );
    }
    await setRoute(
      request,
      driver.id,
      orders.map((order) => order.id),
    );
    for (const order of orders) await setStatus(request, driver, order.id, "picked_up");
    await postFix(request, driver, { lat: 40.4 + d * 0.008, lng: -3.72 + d * 0.006, seq: 1 });
    seeded.drivers.push(driver);
    seeded.orders.push(orders);
  }
  // One delivered with a note, one failed.
  const first = seeded.drivers[0]!;
  await setStatus(request, first, seeded.orders[0]![0]!.id, "arrived");
  await setStatus(request, first, seeded.orders[0]![0]!.id, "delivered", "Left with the neighbour at 2B");
  await setStatus(request, seeded.drivers[1]!, seeded.orders[1]![0]!.id, "failed", "Nobody answered the door");
  await postFix(request, first, { lat: 40.407, lng: -3.716, seq: 2 });
});

test("customer tracking page", async ({ browser, request }) => {
  const onTheWay = seeded.orders[0]![1]!.trackingUrl;
  for (const { prefix, locale, size, viewport } of SHOTS) {
    const page = await open(browser, viewport, locale);
    await page.goto(onTheWay);
    await expect(page.getByTestId("driver-marker")).toBeVisible();
    await expect(page.getByTestId("eta")).toHaveAttribute("data-eta-state", /^(window|countdown)$/);
    await shoot(page, `tracking-${prefix}${size}`);
    await page.context().close();
  }
  const delivered = await open(browser, PHONE);
  await delivered.goto(seeded.orders[0]![0]!.trackingUrl);
  await expect(delivered.getByTestId("feedback")).toBeVisible();
  await shoot(delivered, "tracking-delivered-phone");
  await delivered.context().close();
  // Four stops away, too far for the map: the compact card says when the driver will appear.
  const farDriver = await createDriver(request, "Nuria Sanz");
  const farOrders = [];
  for (let o = 0; o < 5; o++) {
    farOrders.push(await createOrder(request, { customerName: `${NAMES[o]!.split(" ")[0]} Sanz`, address: `${STREETS[(o + 3) % STREETS.length]}, Madrid`, lat: 40.43 + o * 0.003, lng: -3.69 }));
  }
  await setRoute(
    request,
    farDriver.id,
    farOrders.map((order) => order.id),
  );
  for (const order of farOrders) await setStatus(request, farDriver, order.id, "picked_up");
  await postFix(request, farDriver, { lat: 40.428, lng: -3.69, seq: 1 });
  for (const { prefix, locale } of SHOTS.filter((shot) => shot.size === "phone")) {
    const far = await open(browser, PHONE, locale);
    await far.goto(farOrders[4]!.trackingUrl);
    await expect(far.getByTestId("tracking-map")).toHaveAttribute("data-form", "compact");
    await expect(far.getByTestId("eta")).toHaveAttribute("data-eta-state", /^(window|countdown)$/);
    await shoot(far, `tracking-far-${prefix}phone`);
    await far.context().close();
  }
});

test("a new day agreed while the parcel is on board: the customer's page and the driver's card", async ({ browser, request }) => {
  const driver = await createDriver(request, "Irene Vega");
  const orders = [];
  for (const [index, name] of ["Rosa Molina", "Tomás Gil"].entries()) {
    orders.push(await createOrder(request, { customerName: name, address: `${STREETS[index + 2]}, Madrid`, lat: 40.418 + index * 0.004, lng: -3.705 }));
  }
  await setRoute(
    request,
    driver.id,
    orders.map((order) => order.id),
  );
  for (const order of orders) await setStatus(request, driver, order.id, "picked_up");
  await postFix(request, driver, { lat: 40.414, lng: -3.706, seq: 1 });
  const moved = orders[0]!;
  const now = new Date();
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 2);
  const preferredDate = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, "0")}-${String(day.getDate()).padStart(2, "0")}`;
  const token = moved.trackingUrl.split("/track/")[1]!;
  expect((await request.put(`/api/track/${token}/choice`, { data: { kind: "reschedule", preferredDate, windowStart: "10:00", windowEnd: "12:00" } })).status()).toBe(200);
  expect((await request.post(`/api/admin/orders/${moved.id}/reschedule/accept`, { headers: { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` }, data: {} })).status()).toBe(200);

  const customer = await open(browser, PHONE);
  await customer.goto(moved.trackingUrl);
  await expect(customer.getByTestId("eta")).toHaveAttribute("data-eta-state", "not_today");
  await shoot(customer, "tracking-rescheduled-phone");
  await customer.context().close();
  const phone = await open(browser, PHONE);
  await phone.goto(`/driver?token=${encodeURIComponent(driver.token)}`);
  await expect(phone.getByTestId("depot-returns")).toBeVisible();
  await shoot(phone, "driver-depot-returns-phone");
  await phone.context().close();
});

test("driver app", async ({ browser }) => {
  for (const { prefix, locale, size, viewport } of SHOTS) {
    const page = await open(browser, viewport, locale);
    await page.goto(`/driver?token=${encodeURIComponent(seeded.drivers[0]!.token)}`);
    await expect(page.getByTestId("driver-app")).toBeVisible();
    await shoot(page, `driver-${prefix}${size}`);
    await page.context().close();
  }
});

test("dispatch dashboard", async ({ browser }) => {
  for (const { prefix, locale, size: viewSize, viewport } of SHOTS) {
    const size = `${prefix}${viewSize}`;
    const page = await open(browser, viewport, locale);
    await signIn(page);
    await expect(page.getByTestId("fleet-driver")).not.toHaveCount(0);
    await page.waitForTimeout(1_500);
    await shoot(page, `admin-fleet-${size}`, viewSize === "phone");
    await page.locator(`[data-testid="fleet-driver"][data-driver-id="${seeded.drivers[0]!.id}"]`).click();
    await expect(page.getByTestId("driver-panel")).toBeVisible();
    await page.waitForTimeout(1_000);
    await shoot(page, `admin-driver-${size}`);
    await page.getByTestId("tab-orders").click();
    await expect(page.getByTestId("order-row")).not.toHaveCount(0);
    await shoot(page, `admin-orders-${size}`, viewSize === "desktop");
    await page.getByTestId("order-row").first().getByRole("button").first().click();
    await expect(page.getByTestId("order-summary")).toBeVisible();
    await shoot(page, `admin-order-detail-${size}`, false);
    await page.keyboard.press("Escape");
    await page.getByTestId("tab-alerts").click();
    await shoot(page, `admin-alerts-${size}`);
    await page.context().close();
  }
  for (const { prefix, locale } of SHOTS.filter((shot) => shot.size === "phone")) {
    const signInPage = await open(browser, PHONE, locale);
    await signInPage.goto("/admin");
    await expect(signInPage.getByTestId("sign-in-admin-password")).toBeVisible();
    await shoot(signInPage, `admin-sign-in-${prefix}phone`);
    await signInPage.context().close();
  }
});
