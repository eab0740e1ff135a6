import { expect, test } from "@playwright/test";
import { postFix, seedRoute, setStatus } from "../fixtures/api";
import { kb, measureScripts } from "../fixtures/script-weight";

/**
 * The tracking page's JavaScript weight is a contract: at most 200 KB on the wire on a
 * first visit, compressed as the production server sends it, until the network is idle. The map
 * is drawn without its library (tiles, markers and line as plain elements, in the first HTML), so
 * a customer who only looks at the page downloads no Leaflet at all, with the driver on the map
 * or not; Leaflet loads when the person uses the map (touches, focuses or zooms it).
 */
const BUDGET_KB = 200;

test("the tracking page loads at most 200 KB of JavaScript, and Leaflet only when the person uses the map", async ({ page, browser, request }) => {
  const { driver, orders } = await seedRoute(request, 5, "weight");
  for (const order of orders) await setStatus(request, driver, order.id, "picked_up");
  await postFix(request, driver, { lat: 40.405, lng: -3.7, seq: 1 });

  const far = await measureScripts(page, orders[4]!.trackingUrl, async (shown) => {
    await expect(shown.getByTestId("stops-away")).toContainText("4");
    await expect(shown.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
  });
  const listing = far.scripts.map((script) => `${script.url} ${kb(script.transferred)} KB`).join("\n");
  expect(far.files, listing).toBeGreaterThan(0);
  // Every script was sent compressed (a missing Content-Encoding would double the weight).
  for (const script of far.scripts) expect(script.transferred, `${script.url} sent uncompressed`).toBeLessThan(script.decoded);
  expect(kb(far.transferred), `JavaScript on the tracking page: ${kb(far.transferred)} KB in ${far.files} files\n${listing}`).toBeLessThanOrEqual(BUDGET_KB);

  // The driver becomes visible: the map is drawn, still without Leaflet.
  await setStatus(request, driver, orders[0]!.id, "delivered");
  await setStatus(request, driver, orders[1]!.id, "delivered");
  await expect(page.getByTestId("driver-marker")).toHaveCount(1);
  await expect(page.locator(".leaflet-container")).toHaveCount(0);
  // A first visit again: a fresh browser profile, nothing cached.
  const fresh = await browser.newContext();
  const nearPage = await fresh.newPage();
  const near = await measureScripts(nearPage, orders[4]!.trackingUrl, async (shown) => {
    await expect(shown.getByTestId("driver-marker")).toHaveCount(1);
    await expect(shown.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
  });
  const nearListing = near.scripts.map((script) => `${script.url} ${kb(script.transferred)} KB`).join("\n");
  expect(kb(near.transferred), `JavaScript with the driver on the map: ${kb(near.transferred)} KB in ${near.files} files\n${nearListing}`).toBeLessThanOrEqual(BUDGET_KB);
  expect(near.transferred, `no map library with the driver on the map, only looking\n${nearListing}`).toBeLessThan(far.transferred + 5 * 1024);
  await expect(nearPage.locator(".leaflet-container")).toHaveCount(0);
  await expect(nearPage.getByTestId("tracking-map")).toHaveAttribute("data-map", "first");

  // The person touches the map: now Leaflet loads and takes over.
  const later: number[] = [];
  nearPage.on("requestfinished", (finished) => {
    if (finished.resourceType() === "script") void finished.sizes().then((sizes) => later.push(sizes.responseBodySize));
  });
  await nearPage.getByTestId("tracking-map").click();
  await expect(nearPage.getByTestId("tracking-map")).toHaveAttribute("data-map", "leaflet");
  await expect(nearPage.locator(".leaflet-container")).toHaveCount(1);
  await expect(nearPage.getByTestId("driver-marker")).toHaveCount(1);
  await expect.poll(() => later.reduce((sum, bytes) => sum + bytes, 0), { message: "the map's code loads once the map is used" }).toBeGreaterThan(20 * 1024);
  await fresh.close();
});
