/**
 * Exceptions of a real day, across the three apps at once: a customer who won't be home asks for
 * another day while the parcel is already in the van; dispatch sees the request (an alert, a
 * flag), accepts it knowing what that does; the driver's phone shows it under "Bring back to the
 * depot" (and no longer as a stop); the customer's page leads with the new day and shows no ETA
 * for today; the customer behind it moves up one stop. After a failed delivery the customer picks
 * another day and dispatch reopens the order.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signInAsAdmin } from "../fixtures/admin";
import { postFix, seedRoute, setStatus, type SeededDriver } from "../fixtures/api";

/** A local YYYY-MM-DD `offset` days from today (the browser's and the server's day: one machine). */
function localDay(offset: number): string {
  const now = new Date();
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, "0")}-${String(day.getDate()).padStart(2, "0")}`;
}

/** "Wed 10 Dec" as the English tracking page writes a day. */
function englishDay(day: string): string {
  return new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short" }).format(new Date(`${day}T12:00:00`));
}

/** A day as the dashboard writes it: in the browser's own locale (the admin context sets none). */
function dashboardDay(page: Page, day: string): Promise<string> {
  return page.evaluate((value) => new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short" }).format(new Date(`${value}T12:00:00`)), day);
}

async function phone(browser: Browser, url: string, locale = "en-GB"): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale })).newPage();
  await page.goto(url);
  return page;
}

async function openDriverApp(browser: Browser, driver: SeededDriver, locale = "en-GB"): Promise<Page> {
  const page = await phone(browser, `/driver?token=${encodeURIComponent(driver.token)}`, locale);
  await expect(page.getByTestId("driver-app")).toBeVisible();
  return page;
}

test("a new day accepted while the parcel is on board: dispatch is told what it does, the driver brings it back, the customer sees the day and no ETA, the next customer moves up", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const { driver, orders } = await seedRoute(request, 3, "onboard");
  const [, moving, behind] = orders as [(typeof orders)[0], (typeof orders)[0], (typeof orders)[0]];
  for (const order of orders) await setStatus(request, driver, order.id, "picked_up");
  await postFix(request, driver, { lat: 40.405, lng: -3.7, seq: 1 });
  const day = localDay(2);

  const customer = await phone(browser, moving.trackingUrl);
  const next = await phone(browser, behind.trackingUrl);
  await expect(next.getByTestId("stops-away")).toHaveText("2 stops away");
  await expect(customer.getByTestId("eta")).toHaveAttribute("data-eta-state", /^(window|countdown)$/);

  // The customer asks; until dispatch answers, today's plan holds and the page says so.
  const card = customer.getByTestId("delivery-choice");
  await card.getByLabel("I won't be home: deliver another day").check();
  await card.getByLabel("Preferred day (optional)").fill(day);
  await card.getByLabel("From", { exact: true }).fill("10:00");
  await card.getByLabel("To", { exact: true }).fill("12:00");
  await card.getByTestId("choice-save").click();
  await expect(card.getByTestId("choice-current")).toContainText("Waiting for the sender to confirm");
  await expect(customer.getByTestId("reschedule-notice")).toHaveText("You asked for another day: waiting for the sender to confirm. Until then, the delivery stays planned for today.");

  const driverApp = await openDriverApp(browser, driver);
  await expect(driverApp.locator(`[data-testid="stop"][data-order-id="${moving.id}"]`)).toBeVisible();
  await expect(driverApp.getByTestId("depot-returns")).toHaveCount(0);

  // Dispatch: an alert that says where the parcel is, which opens the order.
  await signInAsAdmin(page);
  await page.getByTestId("tab-alerts").click();
  const alert = page.locator('[data-testid="alert"][data-kind="reschedule_requested"]').filter({ hasText: "Customer onboard-1" });
  const shownDay = await dashboardDay(page, day);
  await expect(alert).toContainText(`won't be home and asks for another day (${shownDay}, 10:00–12:00); the parcel is on board with Driver onboard`);
  await alert.getByTestId("alert-open-order").click();
  await expect(page.getByTestId("order-detail")).toBeVisible();
  await expect(page.getByTestId("order-summary-status").getByTestId("order-row-reschedule")).toHaveText(`New day asked: ${shownDay}`);
  await page.getByTestId("accept-reschedule").click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("Driver onboard has the parcel on board: it leaves today's route now");
  await expect(confirm).toContainText('"Bring back to the depot"');
  await confirm.getByRole("button", { name: "Accept" }).click();
  await expect(page.getByTestId("order-choice")).toHaveAttribute("data-reschedule", "accepted");
  await expect(page.getByTestId("order-choice-bring-back")).toContainText("Driver onboard brings it back to the depot");
  await expect(page.getByTestId("order-detail").getByRole("alert")).toHaveCount(0);

  // The customer behind it moves up.
  await expect(next.getByTestId("stops-away")).toHaveText("1 stop away");

  // The customer's page: the agreed day on top, no ETA and nothing "Live" for today, no driver.
  await expect(customer.getByTestId("order-status")).toHaveText(`Delivery moved to ${englishDay(day)}, between 10:00 and 12:00`);
  await expect(customer.getByTestId("stops-away")).toHaveText("Your parcel goes back to the depot today and leaves again on the new day.");
  await expect(customer.getByTestId("eta")).toHaveText("No delivery today");
  await expect(customer.getByTestId("connection-state")).toHaveAttribute("data-indicator", "paused");
  await expect(customer.getByTestId("connection-state")).not.toContainText("Live");
  await expect(customer.getByTestId("driver-marker")).toHaveCount(0);
  await expect(customer.getByTestId("reschedule-notice")).toHaveCount(0);
  await expect(customer.getByTestId("timeline").locator('[data-kind="rescheduled"]')).toHaveText(/New delivery day agreed/);

  // The driver's phone: not a stop any more, a parcel to bring back (polled every 15 s).
  const returns = driverApp.getByTestId("depot-returns");
  await expect(returns).toContainText("Bring back to the depot (1)", { timeout: 40_000 });
  await expect(returns.getByTestId("depot-return")).toContainText("Customer onboard-1");
  await expect(returns.getByTestId("depot-return")).toContainText(`New day: `);
  await expect(driverApp.locator(`[data-testid="stop"][data-order-id="${moving.id}"]`)).toHaveCount(0);
  // The two stops left: the current one and the list under it.
  await expect(driverApp.getByTestId("stop")).toHaveCount(2);

  // The same card in Spanish.
  const spanishApp = await openDriverApp(browser, driver, "es-ES");
  await expect(spanishApp.getByTestId("depot-returns")).toContainText("Devolver al almacén (1)");
  await expect(spanishApp.getByTestId("hand-in")).toHaveText("Entregado en el almacén");
  await spanishApp.context().close();

  // At the depot: handed in, the order waits for a driver for its day.
  await returns.getByTestId("hand-in").click();
  await expect(driverApp.getByTestId("depot-returns")).toHaveCount(0);
  await expect(page.getByTestId("order-summary")).toContainText("Not assigned");
  await expect(customer.getByTestId("timeline").locator('[data-kind="back_at_depot"]')).toHaveText(/Back at the depot for the new day/);
  await expect(customer.getByTestId("order-status")).toHaveText(`Delivery moved to ${englishDay(day)}, between 10:00 and 12:00`);
  await expect(customer.getByTestId("stops-away")).toHaveText("It leaves the depot again on that day; you can follow it here once it is on its way.");

  for (const opened of [customer, next, driverApp]) await opened.context().close();
});

test("after a failed delivery the customer picks another day, dispatch sees it and reopens the order, the page shows the new day", async ({ page, browser, request }) => {
  const { driver, orders } = await seedRoute(request, 1, "failed-day");
  const mine = orders[0]!;
  await setStatus(request, driver, mine.id, "picked_up");
  await setStatus(request, driver, mine.id, "failed", "Nobody answered the door");
  const day = localDay(1);

  const customer = await phone(browser, mine.trackingUrl);
  await expect(customer.getByTestId("order-status")).toHaveText("Delivery failed");
  await expect(customer.getByTestId("delivery-outcome")).toContainText("You can pick another delivery day below");
  const card = customer.getByTestId("delivery-choice");
  await expect(card).toHaveAttribute("data-mode", "failed");
  await expect(card.getByRole("heading")).toHaveText("Pick another delivery day");
  await expect(card.getByTestId("choice-door")).toHaveCount(0);
  await card.getByLabel("Preferred day (optional)").fill(day);
  await card.getByTestId("choice-save").click();
  await expect(card.getByTestId("choice-status")).toHaveText("Sent: the sender will confirm the new day.");
  await expect(customer.getByTestId("reschedule-notice")).toHaveText("You asked for another delivery day: waiting for the sender to confirm.");

  // Dispatch: flagged in the orders table; accepting reopens it.
  await signInAsAdmin(page);
  await page.getByTestId("tab-orders").click();
  await page.getByTestId("orders-search").fill("Customer failed-day-0");
  const row = page.locator(`[data-testid="order-row"][data-order-id="${mine.id}"]`);
  const shownDay = await dashboardDay(page, day);
  await expect(row.getByTestId("order-row-reschedule")).toHaveText(`New day asked: ${shownDay}`);
  await row.getByRole("button", { name: "Customer failed-day-0" }).click();
  await page.getByTestId("accept-reschedule").click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("The failed delivery is reopened: the order waits for a driver again");
  await confirm.getByRole("button", { name: "Accept" }).click();
  await expect(page.getByTestId("order-summary-status")).toContainText("Moved to");
  await expect(row.getByTestId("order-row-reschedule")).toHaveText(`Moved to ${shownDay}`);

  await expect(customer.getByTestId("order-status")).toHaveText(`Delivery moved to ${englishDay(day)}`);
  await expect(customer.getByTestId("eta")).toHaveText("No delivery today");
  await expect(customer.getByTestId("delivery-choice")).toHaveAttribute("data-mode", "open");
  await expect(customer.getByTestId("choice-current")).toContainText("Confirmed: your delivery is moved");

  // And in Spanish.
  const spanish = await phone(browser, mine.trackingUrl, "es-ES");
  await expect(spanish.getByTestId("order-status")).toContainText("Entrega cambiada al ");
  await expect(spanish.getByTestId("eta")).toHaveText("Hoy no hay entrega");
  await expect(spanish.getByTestId("connection-state")).toContainText("el seguimiento se reanuda el día de la entrega");
  await spanish.context().close();
  await customer.context().close();
});
