/**
 * Issue 18, item 7: the tracking map is drawn before any script runs — tiles around the stop and
 * the driver as images, both markers, the line between them and the attribution are in the first
 * HTML — and Leaflet loads only when the person uses the map, taking over at the same view.
 */
import { expect, test, type Page } from "@playwright/test";
import { postFix, seedRoute, setStatus } from "../fixtures/api";
import { project } from "../../lib/domain/web-mercator";

const TILE = /^http:\/\/127\.0\.0\.1:9\/\d+\/\d+\/\d+\.png$/;

/** The centre of an element on the screen. */
async function centreOf(page: Page, testId: string): Promise<{ x: number; y: number }> {
  const box = (await page.getByTestId(testId).boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

test("without JavaScript the map already shows its tiles, the stop, the driver on the right tile and the line", async ({ browser, request }) => {
  const { driver, orders } = await seedRoute(request, 2, "first-map");
  const mine = orders[1]!;
  for (const order of orders) await setStatus(request, driver, order.id, "picked_up");
  await postFix(request, driver, { lat: 40.405, lng: -3.7, seq: 1, heading: 30 });

  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(mine.trackingUrl);
  const map = page.getByTestId("tracking-map");
  await expect(map).toHaveAttribute("data-form", "map");
  await expect(map).toHaveAttribute("data-map", "first");
  const marker = page.getByTestId("driver-marker");
  await expect(marker).toHaveAttribute("data-lat", "40.405000");
  await expect(marker).toHaveAttribute("data-heading", "30");
  await expect(page.getByTestId("destination-marker")).toBeVisible();
  await expect(page.getByTestId("driver-line")).toHaveAttribute("d", /^M[^ML]+L[^ML]+$/);
  await expect(map).toContainText("© OpenStreetMap contributors");
  await expect(page.getByRole("button", { name: "Zoom in" })).toBeVisible();

  // The tiles are images in the page itself, from the configured server.
  const tiles = map.locator("img");
  expect(await tiles.count()).toBeGreaterThanOrEqual(4);
  for (const tile of await tiles.all()) expect(await tile.getAttribute("src")).toMatch(TILE);

  // The tile that holds the driver's position (Web Mercator at the map's zoom, high-density
  // tiles from the next one) is drawn where the driver's marker is.
  const zoom = Number(await map.locator(".static-map").getAttribute("data-zoom"));
  const world = project({ lat: 40.405, lng: -3.7 }, zoom + 1);
  const under = map.locator(`img[src$="/${zoom + 1}/${Math.floor(world.x / 256)}/${Math.floor(world.y / 256)}.png"]`);
  await expect(under).toHaveCount(1);
  const box = (await under.boundingBox())!;
  const driverAt = await centreOf(page, "driver-marker");
  expect(driverAt.x).toBeGreaterThanOrEqual(box.x);
  expect(driverAt.x).toBeLessThanOrEqual(box.x + box.width);
  expect(driverAt.y).toBeGreaterThanOrEqual(box.y);
  expect(driverAt.y).toBeLessThanOrEqual(box.y + box.height);
  // Both markers inside the map.
  const frame = (await map.boundingBox())!;
  for (const testId of ["driver-marker", "destination-marker"]) {
    const point = await centreOf(page, testId);
    expect(point.x).toBeGreaterThan(frame.x);
    expect(point.x).toBeLessThan(frame.x + frame.width);
    expect(point.y).toBeGreaterThan(frame.y);
    expect(point.y).toBeLessThan(frame.y + frame.height);
  }
  await context.close();
});

test("zooming the first map hands it to Leaflet one level closer, focus on its zoom button, and the driver still follows each fix", async ({ page, request }) => {
  const { driver, orders } = await seedRoute(request, 1, "zoom-first");
  const mine = orders[0]!;
  await setStatus(request, driver, mine.id, "picked_up");
  // Dated 20 s back: the next fix, 111 m on, must not look like a jump to the GPS filter
  // (over 55 m/s) however fast the page gets zoomed in between.
  await postFix(request, driver, { lat: 40.405, lng: -3.7, seq: 1, at: Date.now() - 20_000 });
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto(mine.trackingUrl);

  const map = page.getByTestId("tracking-map");
  await expect(map).toHaveAttribute("data-map", "first");
  // No tile server in tests: the first map says so, as Leaflet's does.
  await expect(page.getByTestId("map-tiles-unavailable")).toContainText("Map background unavailable");
  const zoom = Number(await map.locator(".static-map").getAttribute("data-zoom"));
  await expect(page.locator(".leaflet-container")).toHaveCount(0);

  await page.getByRole("button", { name: "Zoom in" }).click();
  await expect(map).toHaveAttribute("data-map", "leaflet");
  // Leaflet's own tiles (one per screen pixel at this density) at the next zoom.
  await expect(page.locator(".leaflet-tile-pane img").first()).toHaveAttribute("src", new RegExp(`/${zoom + 1}/\\d+/\\d+\\.png$`));
  await expect(page.locator(".leaflet-control-zoom-in")).toBeFocused();
  // One of each: the first map is gone.
  await expect(page.getByTestId("driver-marker")).toHaveCount(1);
  await expect(page.getByTestId("destination-marker")).toHaveCount(1);
  await expect(page.getByTestId("driver-line")).toHaveCount(1);
  await expect(page.getByTestId("map-tiles-unavailable")).toHaveCount(1);

  await postFix(request, driver, { lat: 40.406, lng: -3.7, seq: 2 });
  await expect(page.getByTestId("driver-marker")).toHaveAttribute("data-lat", "40.406000");
});

test("focusing the first map with the keyboard hands it to Leaflet, which keeps the focus", async ({ page, request }) => {
  const { driver, orders } = await seedRoute(request, 1, "focus-first");
  const mine = orders[0]!;
  await setStatus(request, driver, mine.id, "picked_up");
  await postFix(request, driver, { lat: 40.405, lng: -3.7, seq: 1 });
  await page.goto(mine.trackingUrl);
  const map = page.getByTestId("tracking-map");
  await expect(map).toHaveAttribute("data-map", "first");
  await map.locator(".static-map").focus();
  await expect(map).toHaveAttribute("data-map", "leaflet");
  await expect(page.locator(".leaflet-container")).toBeFocused();
  await expect(page.getByTestId("driver-marker")).toHaveAttribute("data-lat", "40.405000");
});
