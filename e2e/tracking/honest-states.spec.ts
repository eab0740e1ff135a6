import { expect, test } from "@playwright/test";
import { postFix, seedRoute, setStatus } from "../fixtures/api";

test.use({ viewport: { width: 390, height: 844 } });

test("a stale or passed ETA says so, never shows a past time as the future, and is not called live", async ({ page, request }) => {
  const { driver, orders } = await seedRoute(request, 2, "stale");
  const mine = orders[1]!;
  for (const order of orders) await setStatus(request, driver, order.id, "picked_up");
  await page.clock.install();
  await page.goto(mine.trackingUrl);

  // Picked up, not yet moving: the headline agrees with the timeline's last line.
  await expect(page.getByTestId("order-status")).toHaveText("Picked up");
  await expect(page.getByTestId("timeline").locator("li").last()).toHaveAttribute("data-kind", "picked_up");
  await expect(page.getByTestId("eta")).toHaveText("Waiting for the driver's position");

  await postFix(request, driver, { lat: 40.405, lng: -3.7, seq: 1 });
  // A fresh estimate: a window, or the countdown when it is this close.
  await expect(page.getByTestId("eta")).toHaveAttribute("data-eta-state", /^(window|countdown)$/);
  await expect(page.getByTestId("order-status")).toHaveText("Out for delivery");
  await expect(page.getByTestId("timeline").locator("li").last()).toHaveAttribute("data-kind", "out_for_delivery");
  await expect(page.getByTestId("connection-state")).toContainText("Live");
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-fresh", "true");
  const latest = await page.getByTestId("eta").getAttribute("data-eta");

  // Forty-five minutes without a word from the driver: the whole window has passed (a window is
  // placed where the skewed arrival distribution holds most, so it may end well after the estimate).
  await page.clock.setSystemTime(Date.now() + 45 * 60_000);
  const eta = page.getByTestId("eta");
  await expect(eta).toHaveAttribute("data-eta-state", "late");
  await expect(eta).toContainText("Running late");
  await expect(eta).toContainText("Waiting for the driver's position");
  await expect(eta).not.toContainText(/\d{1,2}:\d{2}/);
  expect(Date.parse(latest ?? "")).toBeLessThan(Date.now() + 45 * 60_000);
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-fresh", "false");
  await expect(page.getByTestId("connection-state")).not.toContainText("Live");
  await expect(page.getByTestId("connection-state")).toContainText("no news from the driver");
  // Header and timeline still agree.
  await expect(page.getByTestId("order-status")).toHaveText("Out for delivery");
});

test("a map without tiles says so and still shows the stop, the driver and the line between them", async ({ page, request }) => {
  const { driver, orders } = await seedRoute(request, 1, "tiles");
  const mine = orders[0]!;
  await setStatus(request, driver, mine.id, "picked_up");
  await page.goto(mine.trackingUrl);
  // No position yet: the compact card, not an empty map.
  await expect(page.getByTestId("tracking-map")).toHaveAttribute("data-form", "compact");
  await postFix(request, driver, { lat: 40.405, lng: -3.7, seq: 1 });
  await expect(page.getByTestId("driver-marker")).toBeVisible();
  // The e2e server's TILE_URL is a dead address.
  await expect(page.getByTestId("map-tiles-unavailable")).toContainText("Map background unavailable");
  await expect(page.getByTestId("destination-marker")).toBeVisible();
  await expect(page.getByTestId("driver-line")).toHaveCount(1);
  await setStatus(request, driver, mine.id, "delivered");
  await expect(page.getByTestId("driver-marker")).toHaveCount(0);
  await expect(page.getByTestId("driver-line")).toHaveCount(0);
});
