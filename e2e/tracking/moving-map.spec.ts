import { expect, test, type Locator } from "@playwright/test";
import { postFix, seedRoute, setStatus } from "../fixtures/api";

/** The driver marker's shown latitude (it carries what the customer sees). */
async function shownLat(marker: Locator): Promise<number> {
  return Number(await marker.getAttribute("data-lat"));
}

test("the driver glides from fix to fix over their interval, never past the newest, and turns with the heading", async ({ page, request }) => {
  const { driver, orders } = await seedRoute(request, 1, "glide");
  const mine = orders[0]!;
  await setStatus(request, driver, mine.id, "picked_up");
  await page.clock.install();
  await page.goto(mine.trackingUrl);
  const start = Date.now() - 30_000;

  await postFix(request, driver, { lat: 40.4, lng: -3.7, seq: 1, at: start, heading: 90 });
  const marker = page.getByTestId("driver-marker");
  await expect(marker).toHaveAttribute("data-lat", "40.400000");
  await expect(marker).toHaveAttribute("data-heading", "90");
  await expect(marker.locator("svg")).toHaveAttribute("style", /rotate\(90deg\)/);

  // From here the page's time moves only when the test says: the glide can be sampled.
  await page.clock.pauseAt(Date.now() + 1_000);
  // Ten seconds later, 111 m north, no heading: the arrow points along the way from the last fix.
  await postFix(request, driver, { lat: 40.401, lng: -3.7, seq: 2, at: start + 10_000 });
  await expect(marker).toHaveAttribute("data-heading", "0");
  expect(await shownLat(marker)).toBe(40.4);

  // Halfway through the ten-second interval, halfway there.
  await page.clock.runFor(5_000);
  const midway = await shownLat(marker);
  expect(midway).toBeGreaterThan(40.4003);
  expect(midway).toBeLessThan(40.4007);
  await page.clock.runFor(4_000);
  const later = await shownLat(marker);
  expect(later).toBeGreaterThan(midway);
  expect(later).toBeLessThan(40.401);
  // At the newest fix it stops: no guessing ahead of the data.
  await page.clock.runFor(5_000);
  await expect(marker).toHaveAttribute("data-lat", "40.401000");
  await page.clock.runFor(10_000);
  await expect(marker).toHaveAttribute("data-lat", "40.401000");

  // A fix's own heading wins over the direction between fixes.
  await postFix(request, driver, { lat: 40.402, lng: -3.7, seq: 3, at: start + 20_000, heading: 45 });
  await expect(marker).toHaveAttribute("data-heading", "45");
  await page.clock.runFor(11_000);
  await expect(marker).toHaveAttribute("data-lat", "40.402000");
});

test("with reduced motion the marker jumps to each fix", async ({ page, request }) => {
  const { driver, orders } = await seedRoute(request, 1, "reduced");
  const mine = orders[0]!;
  await setStatus(request, driver, mine.id, "picked_up");
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.clock.install();
  await page.goto(mine.trackingUrl);
  const start = Date.now() - 30_000;
  await postFix(request, driver, { lat: 40.4, lng: -3.7, seq: 1, at: start });
  const marker = page.getByTestId("driver-marker");
  await expect(marker).toHaveAttribute("data-lat", "40.400000");

  // The page's clock stands still, so only a jump can bring the marker to the new fix.
  await page.clock.pauseAt(Date.now() + 1_000);
  await postFix(request, driver, { lat: 40.401, lng: -3.7, seq: 2, at: start + 10_000 });
  await expect(marker).toHaveAttribute("data-lat", "40.401000");
  await expect(marker).toHaveAttribute("data-heading", "0");
});

test("the line joins the driver to this stop alone, and only while the driver may be shown", async ({ page, request }) => {
  const { driver, orders } = await seedRoute(request, 5, "line");
  const mine = orders[4]!;
  for (const order of orders) await setStatus(request, driver, order.id, "picked_up");
  await page.goto(mine.trackingUrl);
  await postFix(request, driver, { lat: 40.405, lng: -3.7, seq: 1 });

  // Four stops away: the server sends no position, so there is neither marker nor line.
  await expect(page.getByTestId("stops-away")).toHaveText("4 stops away");
  await expect(page.getByTestId("eta")).toHaveText(/\d/);
  await expect(page.getByTestId("driver-marker")).toHaveCount(0);
  await expect(page.getByTestId("driver-line")).toHaveCount(0);

  await setStatus(request, driver, orders[0]!.id, "delivered");
  await expect(page.getByTestId("stops-away")).toHaveText("3 stops away");
  await expect(page.getByTestId("driver-marker")).toHaveCount(1);
  const line = page.getByTestId("driver-line");
  await expect(line).toHaveCount(1);
  // One straight segment, driver to door: it never runs through the other customers' stops.
  await expect(line).toHaveAttribute("d", /^M[^ML]+L[^ML]+$/);

  await setStatus(request, driver, mine.id, "failed", "Nobody home");
  await expect(page.getByTestId("driver-marker")).toHaveCount(0);
  await expect(page.getByTestId("driver-line")).toHaveCount(0);
});
