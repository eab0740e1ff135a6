import { expect, test } from "@playwright/test";
import { postFix, seedRoute, setStatus } from "../fixtures/api";
import { kb, measureScripts } from "../fixtures/script-weight";

/**
 * The tracking page's JavaScript weight is a contract: at most 200 KB on the wire on a
 * first visit, compressed as the production server sends it, until the network is idle. The map
 * library loads only once the driver may be shown, so a customer whose driver is still stops
 * away downloads no Leaflet at all.
 */
const BUDGET_KB = 200;

test("the tracking page loads at most 200 KB of JavaScript, and Leaflet only with the driver on the map", async ({ page, browser, request }) => {
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

  // The driver becomes visible: the map (and Leaflet) load now, not before.
  await setStatus(request, driver, orders[0]!.id, "delivered");
  await setStatus(request, driver, orders[1]!.id, "delivered");
  await expect(page.getByTestId("driver-marker")).toHaveCount(1);
  // A first visit again: a fresh browser profile, nothing cached.
  const fresh = await browser.newContext();
  const near = await measureScripts(await fresh.newPage(), orders[4]!.trackingUrl, async (shown) => {
    await expect(shown.getByTestId("driver-marker")).toHaveCount(1);
  });
  expect(near.transferred, "the map's code loads only with the driver on the map").toBeGreaterThan(far.transferred + 20 * 1024);
  await fresh.close();
});
