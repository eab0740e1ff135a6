import { expect, test } from "@playwright/test";
import { createDriver, createOrder, postFix, setRoute } from "../fixtures/api";
import { signInAsAdmin } from "../fixtures/admin";

/**
 * Names come from customers, CSV imports and staff; the dashboard must show them as text. Before
 * the fix, Leaflet's string tooltips wrote them as HTML: a customer named `<img onerror=…>` ran
 * script in a staff member's browser when a stop of a driver's track was hovered.
 */
const payload = (flag: string) => `<img src=x onerror="window.${flag}=1"><b>bold</b>`;

test("names in map tooltips are text, never markup", async ({ page, request }) => {
  const driver = await createDriver(request, payload("__xssDriver"));
  const order = await createOrder(request, { customerName: payload("__xssCustomer"), address: "Calle Script 1", lat: 40.411, lng: -3.709 });
  await setRoute(request, driver.id, [order.id]);
  const now = Date.now();
  await postFix(request, driver, { lat: 40.41, lng: -3.71, seq: 1, at: now - 10_000 });
  await postFix(request, driver, { lat: 40.412, lng: -3.708, seq: 2, at: now - 5_000 });

  await signInAsAdmin(page);
  await page.locator(`[data-testid="fleet-driver"][data-driver-id="${driver.id}"]`).click();
  const track = page.getByTestId("driver-panel").getByTestId("driver-track");
  await expect(track.getByTestId("track-map")).toBeVisible();

  // The stop (on the driven line) is an SVG circle drawn after the line: hovering it opens its tooltip.
  const stop = track.locator("path.leaflet-interactive").last();
  await stop.hover({ force: true });
  const tooltip = track.locator(".leaflet-tooltip");
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText('<img src=x onerror="window.__xssCustomer=1"><b>bold</b>');
  await expect(tooltip.locator("img, b")).toHaveCount(0);

  // Give an injected image time to fail and fire its handler, then check nothing ran anywhere.
  await page.waitForTimeout(500);
  const ran = await page.evaluate(() => ({
    customer: (window as unknown as Record<string, unknown>).__xssCustomer ?? null,
    driver: (window as unknown as Record<string, unknown>).__xssDriver ?? null,
  }));
  expect(ran).toEqual({ customer: null, driver: null });
  await expect(page.locator(".leaflet-container img[src='x']")).toHaveCount(0);
});
