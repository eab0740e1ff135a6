/**
 * Customer choices before delivery, in Chromium, end to end: the customer picks "with a
 * neighbour" on the tracking page, the driver app (already open) shows it on the stop, and
 * dispatch sees it on the order; a reschedule request accepted by dispatch shows as confirmed
 * on the customer's open page and leaves the driver's route.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signInAsAdmin } from "../fixtures/admin";
import { createDriver, createOrder, setRoute, type SeededDriver } from "../fixtures/api";

async function openDriverApp(browser: Browser, driver: SeededDriver): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await page.goto(`/driver?token=${encodeURIComponent(driver.token)}`);
  await expect(page.getByTestId("driver-app")).toBeVisible();
  return page;
}

async function openOrderDetail(page: Page, customerName: string): Promise<void> {
  await signInAsAdmin(page);
  await page.getByTestId("tab-orders").click();
  await page.getByTestId("orders-search").fill(customerName);
  await page.getByRole("button", { name: customerName }).click();
}

/** Tomorrow as the date input takes it (YYYY-MM-DD, the browser's own day). */
function tomorrow(): string {
  const now = new Date();
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, "0")}-${String(day.getDate()).padStart(2, "0")}`;
}

test("leave with a neighbour: the driver's stop shows it live, dispatch sees it on the order", async ({ page, browser, request }) => {
  const driver = await createDriver(request, "Driver Choice");
  const order = await createOrder(request, { customerName: "Choice Carmen", address: "Calle Elección 3, Madrid", lat: 40.43, lng: -3.7 });
  await setRoute(request, driver.id, [order.id]);
  const driverApp = await openDriverApp(browser, driver);
  const stop = driverApp.locator(`[data-testid="stop"][data-order-id="${order.id}"]`);
  await expect(stop).toBeVisible();
  await expect(stop.getByTestId("stop-choice")).toHaveCount(0);

  const customer = await (await browser.newContext({ viewport: { width: 360, height: 780 } })).newPage();
  await customer.goto(order.trackingUrl);
  const card = customer.getByTestId("delivery-choice");
  await card.getByLabel("With a neighbour").check();
  await card.getByLabel("Neighbour's name").fill("Marta");
  await card.getByLabel("Their door (number, floor, flat)").fill("2B");
  // The one note for the driver, in the same card.
  await card.getByLabel("Note for your driver (optional)").fill("She works from home");
  await card.getByTestId("choice-save").click();
  await expect(card.getByRole("status")).toHaveText("Saved: your driver will see it.");
  await expect(card.getByTestId("choice-current")).toHaveText("Your choice: leave it with Marta (2B).");

  // The driver app reloads its day on its own (every 15 s): no tap, no reload.
  await expect(stop.getByTestId("stop-choice")).toContainText("Customer: leave it with the neighbour Marta, 2B", { timeout: 40_000 });
  await expect(stop.getByTestId("stop-note")).toHaveText("Customer's note: “She works from home”");

  await openOrderDetail(page, "Choice Carmen");
  await expect(page.getByTestId("order-choice")).toContainText("Leave it with a neighbour: Marta, 2B");
  await expect(page.locator('[data-testid="order-event"][data-type="order.delivery_choice_set"]')).toContainText("The customer asked to leave it with a neighbour: Marta, 2B");
  await expect(page.locator('[data-testid="order-event"][data-type="order.instructions_changed"]')).toContainText("She works from home");
  await expect(page.getByTestId("accept-reschedule")).toHaveCount(0);

  // Reloaded, the customer's page still shows the saved choice, and the form holds it.
  await customer.reload();
  await expect(customer.getByTestId("choice-current")).toHaveAttribute("data-kind", "neighbour");
  await expect(customer.getByTestId("delivery-choice").getByLabel("Neighbour's name")).toHaveValue("Marta");
  await expect(customer.getByTestId("delivery-choice").getByLabel("Note for your driver (optional)")).toHaveValue("She works from home");
  await customer.context().close();
  await driverApp.context().close();
});

test("a reschedule request accepted by dispatch shows as confirmed on the customer's open page", async ({ page, browser, request }) => {
  const driver = await createDriver(request, "Driver Reschedule");
  const order = await createOrder(request, { customerName: "Reschedule Rosa", address: "Calle Otro Día 7, Madrid", lat: 40.44, lng: -3.7 });
  await setRoute(request, driver.id, [order.id]);

  const customer = await (await browser.newContext({ viewport: { width: 360, height: 780 } })).newPage();
  await customer.goto(order.trackingUrl);
  await expect(customer.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
  const card = customer.getByTestId("delivery-choice");
  await card.getByLabel("I won't be home: deliver another day").check();
  await card.getByLabel("Preferred day (optional)").fill(tomorrow());
  await card.getByLabel("From", { exact: true }).fill("10:00");
  await card.getByLabel("To", { exact: true }).fill("12:00");
  await card.getByTestId("choice-save").click();
  const current = customer.getByTestId("choice-current");
  await expect(current).toHaveAttribute("data-reschedule", "requested");
  await expect(current).toContainText("Waiting for the sender to confirm");

  await openOrderDetail(page, "Reschedule Rosa");
  await expect(page.getByTestId("order-choice")).toContainText("waiting for dispatch");
  await page.getByTestId("accept-reschedule").click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("The order leaves Driver Reschedule's route and waits for a driver again");
  await confirm.getByRole("button", { name: "Accept" }).click();
  await expect(page.getByTestId("order-choice")).toHaveAttribute("data-reschedule", "accepted");
  await expect(page.locator('[data-testid="order-event"][data-type="order.reschedule_accepted"]')).toContainText("Dispatch accepted the reschedule");
  await expect(page.getByTestId("order-summary")).toContainText("Not assigned");

  // The open page hears it live: a timeline line, the card confirmed, the order waiting for a driver.
  await expect(customer.getByTestId("timeline").locator('[data-kind="rescheduled"]')).toHaveText(/New delivery day agreed/);
  await expect(current).toHaveAttribute("data-reschedule", "accepted");
  await expect(current).toContainText("Confirmed: your delivery is moved");
  await expect(customer.getByTestId("order-status")).toHaveAttribute("data-status", "created");

  // And it left the driver's route.
  const driverApp = await openDriverApp(browser, driver);
  await expect(driverApp.locator(`[data-testid="stop"][data-order-id="${order.id}"]`)).toHaveCount(0);
  await customer.context().close();
  await driverApp.context().close();
});
