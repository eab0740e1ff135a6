import { expect, test } from "@playwright/test";
import { postFix, seedRoute, setStatus } from "../fixtures/api";

test("a customer watches the driver come closer live", async ({ page, request }) => {
  const { driver, orders } = await seedRoute(request, 5, "live");
  const mine = orders[4]!;

  await page.goto(mine.trackingUrl);
  await expect(page.getByTestId("connection-state")).toContainText(/live/i);
  // No driver to show: the compact card (and no map code) yet.
  await expect(page.getByTestId("tracking-map")).toHaveAttribute("data-form", "compact");
  await expect(page.getByTestId("order-status")).not.toBeEmpty();
  await expect(page.getByTestId("driver-marker")).toHaveCount(0);

  // Everything picked up: the customer is 4 stops away, too far to see the driver.
  for (const order of orders) await setStatus(request, driver, order.id, "picked_up");
  await expect(page.getByTestId("stops-away")).toContainText("4");
  await postFix(request, driver, { lat: 40.405, lng: -3.7, seq: 1 });
  await expect(page.getByTestId("eta")).toHaveText(/\d/);
  await expect(page.getByTestId("driver-marker")).toHaveCount(0);

  // Delivering the first stop brings the order within the 3 visible stops: the marker appears.
  await setStatus(request, driver, orders[0]!.id, "delivered");
  await expect(page.getByTestId("stops-away")).toContainText("3");
  await postFix(request, driver, { lat: 40.4155, lng: -3.7, seq: 2 });
  await expect(page.getByTestId("tracking-map")).toBeVisible();
  await expect(page.getByTestId("driver-marker")).toHaveCount(1);

  for (const order of orders.slice(1, 4)) await setStatus(request, driver, order.id, "delivered");
  await expect(page.getByTestId("stops-away")).toContainText(/next/i);

  await setStatus(request, driver, mine.id, "delivered");
  await expect(page.getByTestId("order-status")).toContainText(/delivered/i);
  await expect(page.getByTestId("driver-marker")).toHaveCount(0);
});

test("an unknown tracking link is a 404 page that says so", async ({ page }) => {
  const response = await page.goto("/track/not-a-real-token");
  expect(response?.status()).toBe(404);
  await expect(page.locator("body")).toContainText(/tracking link/i);
});
