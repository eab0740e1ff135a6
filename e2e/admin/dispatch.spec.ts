import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { createDriver, createOrder, setRoute, setStatus, type SeededDriver } from "../fixtures/api";
import { signInAsAdmin } from "../fixtures/admin";

async function signIn(page: Page): Promise<void> {
  await page.goto("/admin");
  await expect(page.getByRole("form", { name: "Sign in" })).toBeVisible();
  // Nothing of the fleet before sign-in.
  await expect(page.getByTestId("fleet-map")).toHaveCount(0);
  await signInAsAdmin(page);
}

async function postMovingFix(request: APIRequestContext, driver: SeededDriver, lat: number, seq: number): Promise<void> {
  const response = await request.post("/api/driver/locations", {
    headers: { Authorization: `Bearer ${driver.token}` },
    data: { fixes: [{ lat, lng: -3.7, at: Date.now(), seq, accuracy: 5, speed: 8 }] },
  });
  expect(response.status()).toBe(202);
}

test("a wrong token is refused and sign-out returns to the sign-in", async ({ page }) => {
  await page.goto("/admin");
  await page.getByRole("tab", { name: "Admin password" }).click();
  // People's words: the installation's admin password, not an environment variable.
  await expect(page.getByText("The admin password from your installation")).toBeVisible();
  await expect(page.locator("body")).not.toContainText(/ADMIN_TOKEN|npm start/);
  await page.getByLabel("Admin password").fill("wrong-token");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("sign-in-error")).toHaveText("That password is not right. Check it and try again.");
  await signIn(page);
  await page.getByTestId("sign-out").click();
  await expect(page.getByRole("form", { name: "Sign in" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("form", { name: "Sign in" })).toBeVisible();
});

test("drivers move on the fleet map, and one who goes silent raises an alert", async ({ page, request }) => {
  const driver = await createDriver(request, "Fleet Fernando");
  const order = await createOrder(request, { customerName: "Fleet customer", address: "Calle 9", lat: 40.43, lng: -3.7 });
  await setRoute(request, driver.id, [order.id]);

  await signIn(page);
  await expect(page.getByTestId("fleet-map")).toBeVisible();
  // The driver's row comes with the fleet snapshot, after the socket joined the live feed: a fix
  // sent before that is neither in the snapshot (its projection is written within a second) nor
  // heard live, and the row would wait for the next one.
  const row = page.locator(`[data-testid="fleet-driver"][data-driver-id="${driver.id}"]`);
  await expect(row).toBeVisible();
  // Sent once the feed is live: a slow sign-in must not use up the driver's seconds before "silent".
  await postMovingFix(request, driver, 40.41, 1);
  await expect(row).toHaveAttribute("data-state", "moving");
  await expect(row).toHaveAttribute("data-position", "40.4100, -3.7000");
  // The list reads as a person needs it: next stop and when the driver was last seen, not coordinates.
  await expect(row.getByTestId("fleet-driver-next")).toContainText("Next: Fleet customer");
  await expect(row.getByTestId("fleet-driver-last-seen")).toHaveText(/^seen \d{1,2}:\d{2}/);

  // A few metres on (the map shows what the tracker's GPS filter accepts: no 500 m jump in a second).
  await postMovingFix(request, driver, 40.4102, 2);
  await expect(row).toHaveAttribute("data-position", "40.4102, -3.7000");
  await row.click();
  await expect(page.getByTestId("driver-panel")).toContainText("Fleet customer");

  // No more fixes: after DRIVER_SILENT_AFTER_SECONDS (6 s in e2e) the driver is silent.
  await expect(row).toHaveAttribute("data-state", "silent", { timeout: 30_000 });
  await expect(page.getByTestId("alert-count")).toBeVisible();
  await page.getByTestId("tab-alerts").click();
  await expect(page.locator('[data-testid="alert"][data-kind="driver_silent"]', { hasText: "Fleet Fernando" })).toBeVisible();
});

test("orders are created with the form and imported from a CSV with bad rows", async ({ page }) => {
  await signIn(page);
  await page.getByTestId("tab-orders").click();
  const form = page.getByRole("form", { name: "New order" });
  await form.getByLabel("Customer").fill("Formy McForm");
  await form.getByLabel("Address").fill("Gran Vía 1");
  // No GEOCODER_URL on the e2e server: no search is promised; the form says to type the coordinates or click the map.
  await expect(form.getByTestId("geocode-search")).toHaveCount(0);
  await expect(form).toContainText("type its coordinates below, or click the map");
  await form.getByLabel("Latitude").fill("40.42");
  await form.getByLabel("Longitude").fill("-3.70");
  await form.getByRole("button", { name: "Create order" }).click();
  await expect(page.getByTestId("new-order-link")).toHaveText(/^http:\/\/[^/]+\/track\/\S+$/);
  await page.getByTestId("orders-search").fill("Formy");
  await expect(page.getByTestId("order-row")).toHaveCount(1);
  await expect(page.getByTestId("order-row-status")).toHaveText("Waiting for a driver");

  const csv = ["customerName,address,lat,lng", "Imported Ana,Calle A,40.41,-3.70", "Imported Bad,Calle B,200,-3.70", "Imported Bea,Calle C,40.42,-3.71", ",Calle D,40.42,-3.71"].join("\n");
  await page.getByTestId("csv-file").setInputFiles({ name: "orders.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByTestId("csv-preview").click();
  // The preview shows the orders as they will be created, and each bad line's reason in words.
  await expect(page.getByTestId("csv-summary")).toHaveText("2 orders ready; 2 lines with problems will be skipped.");
  const rows = page.getByTestId("csv-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText("Imported Ana");
  await expect(rows.first()).toContainText("Calle A");
  await expect(rows.first()).toContainText("40.41, -3.7");
  await expect(page.getByTestId("csv-error")).toHaveText(["Line 3: latitude is out of range", "Line 5: the customer's name is missing"]);
  // Nothing is stored before the person confirms.
  await page.getByTestId("orders-search").fill("Imported");
  await expect(page.getByTestId("order-row")).toHaveCount(0);
  await page.getByRole("button", { name: "Import 2 orders" }).click();
  await expect(page.getByTestId("csv-summary")).toHaveText("Imported 2 orders. 2 lines skipped.");
  await expect(page.getByTestId("order-row")).toHaveCount(2);

  // The history of an order, from its events.
  await page.getByRole("button", { name: "Imported Ana" }).click();
  await expect(page.locator('[data-testid="order-event"][data-type="order.created"]')).toHaveCount(1);
});

test("reordering a route in the dashboard changes a customer's stops away live", async ({ page, request, browser }) => {
  const driver = await createDriver(request, "Route Rita");
  const orders = [];
  for (let index = 0; index < 3; index++) {
    orders.push(await createOrder(request, { customerName: `Route stop ${index}`, address: `Calle ${index}`, lat: 40.41 + index * 0.005, lng: -3.7 }));
  }
  await setRoute(
    request,
    driver.id,
    orders.map((order) => order.id),
  );
  for (const order of orders) await setStatus(request, driver, order.id, "picked_up");

  const customer = await (await browser.newContext()).newPage();
  await customer.goto(orders[2]!.trackingUrl);
  await expect(customer.getByTestId("stops-away")).toContainText("2");

  await signIn(page);
  await page.locator(`[data-testid="fleet-driver"][data-driver-id="${driver.id}"]`).click();
  const panel = page.getByTestId("driver-panel");
  await expect(panel.getByTestId("route-stop")).toHaveCount(3);
  await panel.getByRole("button", { name: "Move Route stop 2 up" }).click();
  await panel.getByRole("button", { name: "Move Route stop 2 up" }).click();
  await panel.getByTestId("save-route").click();
  await expect(panel.getByTestId("route-stop").first()).toHaveAttribute("data-order-id", orders[2]!.id);
  await expect(customer.getByTestId("stops-away")).toContainText(/next/i);
  await customer.context().close();
});
