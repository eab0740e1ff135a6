import { expect, test, type Locator } from "@playwright/test";
import { createDriver, postFix } from "../fixtures/api";
import { signInAsAdmin } from "../fixtures/admin";

const drawn = async (map: Locator) => ({
  drawn: Number(await map.getAttribute("data-drawn")),
  placed: Number(await map.getAttribute("data-placed")),
  zoom: Number(await map.getAttribute("data-zoom")),
});

test("no ghost drivers: zooming in from the clustered view leaves one mark per driver", async ({ page, request }) => {
  // Five drivers kilometres apart: the first view is zoomed out (cluster mode), each a single mark.
  for (let index = 0; index < 5; index++) {
    const driver = await createDriver(request, `Ghost ${index}`);
    await postFix(request, driver, { lat: 40.3 + index * 0.05, lng: -3.8 + index * 0.05, seq: 1 });
  }
  await signInAsAdmin(page);
  const map = page.getByTestId("fleet-map");
  await expect(map).toHaveAttribute("data-drawn", /\d+/);
  await expect.poll(async () => (await drawn(map)).zoom).toBeLessThan(14);
  // Never more marks than drivers, while zoomed out…
  for (let tick = 0; tick < 3; tick++) {
    const now = await drawn(map);
    expect(now.drawn).toBeLessThanOrEqual(now.placed);
    await page.waitForTimeout(1_000);
  }
  // …and exactly one per driver once close in, however many seconds pass.
  while ((await drawn(map)).zoom < 14) {
    await page.locator(".leaflet-control-zoom-in").click();
    await page.waitForTimeout(400);
  }
  for (let tick = 0; tick < 4; tick++) {
    await page.waitForTimeout(1_000);
    const now = await drawn(map);
    expect(now.drawn).toBe(now.placed);
  }
  // And back out: clusters replace the close-in marks, none left behind.
  for (let step = 0; step < 3; step++) {
    await page.locator(".leaflet-control-zoom-out").click();
    await page.waitForTimeout(400);
  }
  await page.waitForTimeout(1_500);
  const after = await drawn(map);
  expect(after.drawn).toBeLessThanOrEqual(after.placed);
});
