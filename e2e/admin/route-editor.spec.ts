/**
 * The driver panel's route editor cannot lose work: optimising asks before it drops an unsaved
 * reorder, Save stays on screen however long the route is, and the fleet map draws the selected
 * driver's stops in the editor's order (tiles never load here: the map works without them).
 */
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { createDriver, createOrder, postFix, setRoute, setStatus, type SeededDriver, type SeededOrder } from "../fixtures/api";
import { signInAsAdmin } from "../fixtures/admin";

test.use({ viewport: { width: 1440, height: 900 } });

async function seed(request: APIRequestContext, label: string, lats: number[]): Promise<{ driver: SeededDriver; orders: SeededOrder[] }> {
  const driver = await createDriver(request, `Driver ${label}`);
  const orders: SeededOrder[] = [];
  for (const [index, lat] of lats.entries()) {
    orders.push(await createOrder(request, { customerName: `${label} stop ${index}`, address: `Calle ${label} ${index + 1}`, lat, lng: -3.7 }));
  }
  await setRoute(
    request,
    driver.id,
    orders.map((order) => order.id),
  );
  return { driver, orders };
}

async function openDriver(page: Page, driver: SeededDriver) {
  await page.locator(`[data-testid="fleet-driver"][data-driver-id="${driver.id}"]`).click();
  const panel = page.getByTestId("driver-panel");
  await expect(panel.getByTestId("route-stop").first()).toBeVisible();
  return panel;
}

const routeOrder = (page: Page) =>
  page
    .getByTestId("driver-panel")
    .getByTestId("route-stop")
    .evaluateAll((items) => items.map((item) => item.getAttribute("data-order-id")));

test("optimise asks before dropping an unsaved reorder; keeping it changes nothing", async ({ page, request }) => {
  // Zig-zag north: the optimiser has something to save.
  const { driver, orders } = await seed(request, "Optimo", [40.44, 40.41, 40.45, 40.42]);
  await postFix(request, driver, { lat: 40.4, lng: -3.7, seq: 1 });
  const ids = orders.map((order) => order.id);
  await signInAsAdmin(page);
  const panel = await openDriver(page, driver);
  await expect(panel.getByTestId("route-draft-state")).toHaveText("Route saved");
  await expect(panel.getByTestId("save-route")).toBeDisabled();

  await panel.getByRole("button", { name: "Move Optimo stop 2 up" }).click();
  const draft = [ids[0], ids[2], ids[1], ids[3]];
  expect(await routeOrder(page)).toEqual(draft);
  await expect(panel.getByTestId("route-draft-state")).toHaveText("Unsaved order");

  await panel.getByTestId("optimise-route").click();
  const ask = page.getByRole("alertdialog");
  await expect(ask).toContainText("Drop your unsaved order and optimise?");
  await expect(ask).toContainText("your order would be lost");
  await ask.getByRole("button", { name: "Keep my order" }).click();
  // Nothing dropped, nothing proposed.
  expect(await routeOrder(page)).toEqual(draft);
  await expect(panel.getByTestId("save-route")).toBeEnabled();
  await expect(panel.getByTestId("optimisation")).toHaveCount(0);

  // Dropping it on purpose: the proposal is made from the saved route, and Apply saves it.
  await panel.getByTestId("optimise-route").click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Drop my order and optimise" }).click();
  await expect(panel.getByTestId("optimisation")).toContainText("Saves");
  expect(await routeOrder(page)).toEqual(ids);
  await panel.getByTestId("apply-optimisation").click();
  await expect.poll(() => routeOrder(page)).toEqual([ids[1], ids[3], ids[0], ids[2]]);

  // Without unsaved changes, optimise does not ask.
  await panel.getByTestId("optimise-route").click();
  await expect(panel.getByTestId("optimisation")).toContainText("already as short");
  await expect(page.getByRole("alertdialog")).toHaveCount(0);
});

test("an unsaved reorder keeps an order added meanwhile: saving does not take it off the route", async ({ page, request }) => {
  const { driver, orders } = await seed(request, "Keeper", [40.41, 40.415, 40.42]);
  await signInAsAdmin(page);
  const panel = await openDriver(page, driver);
  await panel.getByRole("button", { name: "Move Keeper stop 2 up" }).click();
  // Another dispatcher adds an order to this route while the reorder is unsaved.
  const late = await createOrder(request, { customerName: "Keeper late", address: "Calle Keeper 9", lat: 40.43, lng: -3.7 });
  await setRoute(request, driver.id, [...orders.map((order) => order.id), late.id]);
  await expect(panel.getByTestId("route-stop")).toHaveCount(4, { timeout: 10_000 });
  await expect(panel.getByTestId("route-draft-state")).toContainText("1 stop added since you started, put last");
  await panel.getByTestId("save-route").click();
  await expect(panel.getByTestId("route-draft-state")).toHaveText("Route saved");
  expect(await routeOrder(page)).toEqual([orders[0]!.id, orders[2]!.id, orders[1]!.id, late.id]);
});

test("Save route stays on screen on a long route, at 1440×900 and at a laptop's 1280×720", async ({ page, request }) => {
  const { driver } = await seed(
    request,
    "Longo",
    Array.from({ length: 14 }, (_, index) => 40.4 + index * 0.003),
  );
  await signInAsAdmin(page);
  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 1280, height: 720 },
  ]) {
    await page.setViewportSize(viewport);
    const panel = await openDriver(page, driver);
    const save = panel.getByTestId("save-route");
    await expect(save).toBeInViewport();
    await panel.getByRole("button", { name: "Move Longo stop 0 down" }).click();
    await expect(save).toBeEnabled();
    await expect(save, `${viewport.width}×${viewport.height}: after a move at the top`).toBeInViewport();
    // A move at the end of the list (scrolled to the end): Save is still there.
    await panel.getByRole("button", { name: "Move Longo stop 13 up" }).click();
    await expect(save, `${viewport.width}×${viewport.height}: at the end of the list`).toBeInViewport();
    await panel.getByTestId("discard-route").click();
    await expect(panel.getByTestId("route-draft-state")).toHaveText("Route saved");
    await panel.getByRole("button", { name: "Close" }).click();
  }
});

test("the fleet map draws the selected driver's open stops in order, and follows the route as it changes", async ({ page, request }) => {
  const { driver, orders } = await seed(request, "Mapa", [40.412, 40.418, 40.424]);
  await postFix(request, driver, { lat: 40.406, lng: -3.7, seq: 1 });
  await setStatus(request, driver, orders[0]!.id, "picked_up");
  const ids = orders.map((order) => order.id);
  await signInAsAdmin(page);
  const map = page.getByTestId("fleet-map");
  const markers = map.getByTestId("route-stop-marker");
  await expect(markers).toHaveCount(0);
  const markerOrder = () => markers.evaluateAll((items) => items.map((item) => `${item.textContent} ${item.getAttribute("data-order-id")}`).sort());

  const panel = await openDriver(page, driver);
  await expect(markers).toHaveCount(3);
  expect(await markerOrder()).toEqual([`1 ${ids[0]}`, `2 ${ids[1]}`, `3 ${ids[2]}`]);
  await expect(map).toHaveAttribute("data-route-order", ids.join(" "));
  await expect(map.locator(`[data-testid="route-stop-marker"][data-order-id="${ids[0]}"]`)).toHaveClass(/fleet-stop--picked_up/);
  // The map fitted the route: every stop is inside the map's box.
  const mapBox = (await map.boundingBox())!;
  for (const box of await markers.evaluateAll((items) => items.map((item) => item.getBoundingClientRect().toJSON() as { x: number; y: number }))) {
    expect(box.x).toBeGreaterThan(mapBox.x);
    expect(box.x).toBeLessThan(mapBox.x + mapBox.width);
    expect(box.y).toBeGreaterThan(mapBox.y);
    expect(box.y).toBeLessThan(mapBox.y + mapBox.height);
  }

  // A reorder in the editor shows on the map at once, saved or not.
  await panel.getByRole("button", { name: "Move Mapa stop 2 up" }).click();
  await expect(map).toHaveAttribute("data-route-order", [ids[0], ids[2], ids[1]].join(" "));
  expect(await markerOrder()).toEqual([`1 ${ids[0]}`, `2 ${ids[2]}`, `3 ${ids[1]}`]);
  await panel.getByTestId("save-route").click();
  await expect(panel.getByTestId("route-draft-state")).toHaveText("Route saved");

  // The route changes elsewhere (a delivery, another dispatcher): the map follows within seconds.
  await setStatus(request, driver, orders[0]!.id, "delivered");
  await expect(markers).toHaveCount(2, { timeout: 10_000 });
  expect(await markerOrder()).toEqual([`1 ${ids[2]}`, `2 ${ids[1]}`]);

  // Closing the panel takes the route off the map.
  await panel.getByRole("button", { name: "Close" }).click();
  await expect(markers).toHaveCount(0);
  await expect(map).not.toHaveAttribute("data-route-order", /./);
});
