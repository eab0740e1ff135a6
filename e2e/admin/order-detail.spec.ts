import { expect, test } from "@playwright/test";
import { createDriver, createOrder, setRoute, setStatus } from "../fixtures/api";
import { signInAsAdmin } from "../fixtures/admin";
import { E2E_ADMIN_TOKEN } from "../fixtures/e2e-env";

/** A real 1×1 PNG (testing/tiny-png.ts), as the driver app would send it. */
const PNG_DATA_URL = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGM4IScHAAK2AQU0pnWqAAAAAElFTkSuQmCC";

test("a new tracking link kills the old one, even on a page already open, and the new one works", async ({ page, request, browser }) => {
  const order = await createOrder(request, { customerName: "Link Lola", address: "Calle Link 1", lat: 40.42, lng: -3.7 });
  const customer = await (await browser.newContext()).newPage();
  await customer.goto(order.trackingUrl);
  await expect(customer.getByTestId("order-status")).toBeVisible();

  await signInAsAdmin(page);
  await page.getByTestId("tab-orders").click();
  await page.getByTestId("orders-search").fill("Link Lola");
  await page.getByRole("button", { name: "Link Lola" }).click();
  await page.getByTestId("regenerate-tracking-link").click();
  // Confirmed first, saying what happens: an accessible dialog, not window.confirm.
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("stops working at once");
  await confirm.getByRole("button", { name: "Replace the link" }).click();
  const shown = page.getByTestId("new-tracking-link");
  await expect(shown).toContainText("/track/");
  const newUrl = new URL((await shown.textContent()) ?? "");
  expect(newUrl.pathname).not.toBe(order.trackingUrl);
  await expect(page.locator('[data-testid="order-event"][data-type="order.tracking_link_changed"]')).toHaveCount(1);

  // The open page hears the link is revoked and shows the not-found page; a fresh load is a 404.
  await expect(customer.getByRole("heading", { name: "Tracking link not found" })).toBeVisible({ timeout: 15_000 });
  const old = await customer.goto(order.trackingUrl);
  expect(old?.status()).toBe(404);
  const fresh = await customer.goto(newUrl.pathname);
  expect(fresh?.status()).toBe(200);
  await expect(customer.getByTestId("order-status")).toBeVisible();
  await customer.context().close();
});

test("the order detail shows the proof of delivery and the customer's rating", async ({ page, request }) => {
  const driver = await createDriver(request, "Proof Pablo");
  const order = await createOrder(request, { customerName: "Proof Paula", address: "Calle Prueba 2", lat: 40.43, lng: -3.7 });
  await setRoute(request, driver.id, [order.id]);
  await setStatus(request, driver, order.id, "picked_up");
  const delivered = await request.post(`/api/driver/orders/${order.id}/status`, {
    headers: { Authorization: `Bearer ${driver.token}` },
    data: { status: "delivered", note: "Left at reception", proof: { photo: PNG_DATA_URL, signature: PNG_DATA_URL } },
  });
  expect(delivered.status()).toBe(200);
  const token = order.trackingUrl.replace("/track/", "");
  expect((await request.post(`/api/track/${token}/feedback`, { data: { rating: 4, comment: "Friendly driver" } })).status()).toBe(201);

  await signInAsAdmin(page);
  await page.getByTestId("tab-orders").click();
  await page.getByTestId("orders-search").fill("Proof Paula");
  await page.getByRole("button", { name: "Proof Paula" }).click();
  const proof = page.getByTestId("order-proof");
  await expect(proof).toContainText("Left at reception");
  const photo = page.getByTestId("order-proof-photo");
  await expect(photo).toBeVisible();
  // The image really loaded through the staff-authorised URL.
  await expect.poll(() => photo.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(1);
  await expect(page.getByTestId("order-proof-signature")).toBeVisible();
  await expect(page.getByTestId("order-rating")).toContainText("Friendly driver");
  await expect(page.getByTestId("order-rating").getByLabel("4 out of 5")).toBeVisible();
});

test("a route is reordered by dragging a stop, and the saved route is the dragged order", async ({ page, request }) => {
  const driver = await createDriver(request, "Drag Dora");
  const orders = [];
  for (let index = 0; index < 3; index++) orders.push(await createOrder(request, { customerName: `Drag stop ${index}`, address: `Calle Drag ${index}`, lat: 40.41 + index * 0.005, lng: -3.7 }));
  await setRoute(
    request,
    driver.id,
    orders.map((order) => order.id),
  );

  await signInAsAdmin(page);
  await page.locator(`[data-testid="fleet-driver"][data-driver-id="${driver.id}"]`).click();
  const panel = page.getByTestId("driver-panel");
  const stops = panel.getByTestId("route-stop");
  await expect(stops).toHaveCount(3);
  await stops.nth(2).dragTo(stops.nth(0));
  const expected = [orders[2]!.id, orders[0]!.id, orders[1]!.id];
  await expect(stops.nth(0)).toHaveAttribute("data-order-id", expected[0]!);
  await panel.getByTestId("save-route").click();
  await expect(panel.getByTestId("route-draft-state")).toHaveText("Route saved");
  await expect(panel.getByTestId("save-route")).toBeDisabled();
  const detail = await request.get(`/api/admin/drivers/${driver.id}`, { headers: { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` } });
  expect(((await detail.json()) as { route: { orderId: string }[] }).route.map((stop) => stop.orderId)).toEqual(expected);
  // The buttons still work alongside dragging.
  await panel.getByRole("button", { name: "Move Drag stop 1 up" }).click();
  await expect(stops.nth(1)).toHaveAttribute("data-order-id", orders[1]!.id);
});

test("a new order's coordinates are picked on the map; typed values still win", async ({ page }) => {
  await signInAsAdmin(page);
  await page.getByTestId("tab-orders").click();
  const form = page.getByRole("form", { name: "New order" });
  await form.getByLabel("Customer").fill("Picked Pedro");
  await form.getByLabel("Address").fill("Plaza Mayor");
  const picker = form.getByTestId("location-picker");
  await expect(picker.locator(".leaflet-container, .leaflet-pane").first()).toBeAttached();
  // The map opens on Madrid's centre: a click in the middle picks about that point.
  await picker.click();
  await expect(form.getByLabel("Latitude")).toHaveValue(/^40\.41\d*$/);
  await expect(form.getByLabel("Longitude")).toHaveValue(/^-3\.70\d*$/);
  await expect(picker.locator("path.leaflet-interactive")).toHaveCount(1);
  await form.getByLabel("Latitude").fill("40.4200");
  await form.getByRole("button", { name: "Create order" }).click();
  await expect(page.getByTestId("new-order-message")).toContainText("/track/");
  await page.getByTestId("orders-search").fill("Picked Pedro");
  await expect(page.getByTestId("order-row")).toHaveCount(1);
});

test("the order detail opens on screen with a summary, a plain-words history and a confirmed cancel", async ({ page, request }) => {
  const driver = await createDriver(request, "Summary Sara");
  const order = await createOrder(request, { customerName: "Summary Sol", address: "Calle Resumen 5", lat: 40.44, lng: -3.7 });
  await setRoute(request, driver.id, [order.id]);
  await setStatus(request, driver, order.id, "picked_up");

  await signInAsAdmin(page);
  await page.getByTestId("tab-orders").click();
  await page.getByTestId("orders-search").fill("Summary Sol");
  await page.getByRole("button", { name: "Summary Sol" }).click();
  const detail = page.getByTestId("order-detail");
  await expect(detail).toBeInViewport();
  const summary = detail.getByTestId("order-summary");
  await expect(summary).toContainText("Calle Resumen 5");
  await expect(summary).toContainText("Summary Sara");
  await expect(detail.getByTestId("order-summary-status")).toHaveText(/Picked up/);
  // History in words a person uses: no arrows, no event names.
  await expect(detail.getByTestId("order-event").filter({ hasText: "Picked up by the driver" })).toHaveCount(1);
  await expect(detail.getByTestId("order-event").filter({ hasText: "Summary Sara's route" })).toHaveCount(1);
  await expect(detail.getByTestId("order-event").filter({ hasText: /→|status_changed|route_changed/ })).toHaveCount(0);

  // Cancel asks first, and "Keep it" keeps it.
  await detail.getByTestId("cancel-order").click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("Summary Sara's route");
  await confirm.getByRole("button", { name: "Keep it" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(detail.getByTestId("order-summary-status")).toHaveText(/Picked up/);
  await detail.getByTestId("cancel-order").click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Cancel the order" }).click();
  await expect(detail.getByTestId("order-summary-status")).toHaveText(/Cancelled/);
  await expect(detail.getByTestId("order-event").filter({ hasText: "Cancelled by dispatch" })).toHaveCount(1);
  // Escape closes the sheet.
  await page.keyboard.press("Escape");
  await expect(detail).toHaveCount(0);
});
