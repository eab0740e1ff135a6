/**
 * The customer's page at the door does not contradict itself (lib/domain/customer-message.ts):
 * "Driver has arrived" with when, never "You're next" under it; once the news is stale it turns
 * into "was at your door at 15:42" and is no longer called "Live"; "Running late" holds at the
 * door when the driver got there after the promised time.
 */
import { expect, test } from "@playwright/test";
import { createDriver, createOrderDueAt, postFix, seedRoute, setRoute, setStatus } from "../fixtures/api";

test.use({ viewport: { width: 390, height: 844 } });

test("at the door: arrived with when, then 'was at your door at …' and not Live once the news is stale", async ({ page, request }) => {
  const { driver, orders } = await seedRoute(request, 2, "door");
  const mine = orders[0]!;
  for (const order of orders) await setStatus(request, driver, order.id, "picked_up");
  await page.clock.install();
  await page.goto(mine.trackingUrl);
  await postFix(request, driver, { lat: 40.4099, lng: -3.7, seq: 1 });
  await setStatus(request, driver, mine.id, "arrived");

  const status = page.getByTestId("order-status");
  await expect(status).toHaveText("Driver has arrived");
  await expect(page.getByTestId("stops-away")).toHaveText(/^At your door since \d{1,2}:\d{2}/);
  await expect(page.getByTestId("stops-away")).not.toContainText("next");
  await expect(page.getByTestId("eta")).toHaveText("Your driver is at the door");
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-indicator", "live");
  await expect(page.getByTestId("connection-state")).toContainText("Live");
  const arrivedAt = (await page.getByTestId("stops-away").textContent())!.replace("At your door since ", "");

  // Six minutes without a word from the phone.
  await page.clock.setSystemTime(Date.now() + 6 * 60_000);
  await expect(status).toHaveText(`Your driver was at your door at ${arrivedAt}`);
  await expect(status).toHaveAttribute("data-stage", "was_at_door");
  await expect(page.getByTestId("stops-away")).toHaveText(/^No news from the driver for [67] min$/);
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-indicator", "stale");
  await expect(page.getByTestId("connection-state")).not.toContainText("Live");
  await expect(page.getByTestId("eta")).toHaveText("Waiting for news from the driver");
  // Never "Driver has arrived" beside a stale position, nor "last seen" beside "Live".
  const summary = page.getByRole("region", { name: "Track your order" });
  await expect(summary.getByText("Driver has arrived")).toHaveCount(0);
  await expect(page.getByTestId("timeline").locator('[data-kind="arrived"]')).toHaveText(/Driver has arrived/);
  await expect(page.getByTestId("driver-last-seen")).toHaveCount(0);
});

test("running late holds at the door when the driver got there after the promised time, in both languages", async ({ browser, page, request }) => {
  const driver = await createDriver(request, "Driver door late");
  const mine = await createOrderDueAt(request, { customerName: "Door late", address: "Calle Puerta 9, Madrid", lat: 40.41, lng: -3.7, dueAt: new Date(Date.now() - 20 * 60_000).toISOString() });
  await setRoute(request, driver.id, [mine.id]);
  await setStatus(request, driver, mine.id, "picked_up");
  await postFix(request, driver, { lat: 40.4099, lng: -3.7, seq: 1 });
  await page.goto(mine.trackingUrl);
  await expect(page.getByTestId("eta")).toHaveAttribute("data-running-late", "true");

  await setStatus(request, driver, mine.id, "arrived");
  const eta = page.getByTestId("eta");
  await expect(eta).toHaveAttribute("data-eta-state", "here");
  await expect(eta).toHaveAttribute("data-running-late", "true");
  await expect(eta).toContainText("Your driver is at the door");
  await expect(eta).toContainText("Running late");

  const spanish = await browser.newContext({ locale: "es-ES", viewport: { width: 390, height: 844 } });
  const spanishPage = await spanish.newPage();
  await spanishPage.goto(mine.trackingUrl);
  await expect(spanishPage.getByTestId("order-status")).toHaveText("El repartidor ha llegado");
  await expect(spanishPage.getByTestId("stops-away")).toHaveText(/^En tu puerta desde las \d{1,2}:\d{2}/);
  await expect(spanishPage.getByTestId("eta")).toContainText("Con retraso");
  await spanish.close();
});
