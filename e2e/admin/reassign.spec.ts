/**
 * The orders table's driver drop-down, which cannot lose work: a parcel already in a van is
 * refused in words before anything is sent (no hand-over between vans: lib/domain/reassign.ts),
 * a move between drivers asks first, and what the drivers' apps show follows.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { createDriver, createOrder, setRoute, setStatus, type SeededDriver } from "../fixtures/api";
import { signInAsAdmin } from "../fixtures/admin";
import { E2E_ADMIN_TOKEN } from "../fixtures/e2e-env";

test.use({ viewport: { width: 1440, height: 900 } });

const admin = { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` };

/** The driver app on a phone, signed in by link. */
async function driverApp(browser: Browser, driver: SeededDriver): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`/driver?token=${encodeURIComponent(driver.token)}`);
  await expect(page.getByTestId("driver-app")).toBeVisible();
  return page;
}

async function openOrders(page: Page, search: string): Promise<void> {
  await page.getByTestId("tab-orders").click();
  await page.getByTestId("orders-search").fill(search);
}

async function driverOf(request: Page["request"], orderId: string): Promise<string | null | undefined> {
  const response = await request.get("/api/orders", { headers: admin });
  return ((await response.json()) as { id: string; driverId: string | null }[]).find((order) => order.id === orderId)?.driverId;
}

test("a parcel in Ana's van: the drop-down refuses in words before sending anything, and Ana's app still has it", async ({ page, request, browser }) => {
  const ana = await createDriver(request, "Ana Reassign");
  const ben = await createDriver(request, "Ben Reassign");
  const onBoard = await createOrder(request, { customerName: "Lucía Onboard", address: "Calle Van 1", lat: 40.42, lng: -3.7 });
  await setRoute(request, ana.id, [onBoard.id]);
  await setStatus(request, ana, onBoard.id, "picked_up");
  const anaApp = await driverApp(browser, ana);
  await expect(anaApp.locator(`[data-order-id="${onBoard.id}"]`)).toContainText("Lucía Onboard");

  await signInAsAdmin(page);
  await openOrders(page, "Lucía Onboard");
  const row = page.locator(`[data-testid="order-row"][data-order-id="${onBoard.id}"]`);
  await expect(row).toHaveAttribute("data-status", "picked_up");
  const select = row.getByTestId("order-driver");
  await select.selectOption({ label: "Ben Reassign" });

  const refused = page.getByTestId("reassign-refused");
  await expect(refused).toBeVisible();
  await expect(refused.getByRole("heading")).toHaveText("Lucía Onboard's parcel is in Ana Reassign's van");
  await expect(refused).toContainText("It cannot move to Ben Reassign's route from here: Ben Reassign does not have it. Ask Ana Reassign to bring it back to the depot first, then assign it again.");
  await refused.getByTestId("reassign-keep").click();
  await expect(refused).toHaveCount(0);
  // Nothing was sent: the drop-down and the server still say Ana.
  await expect(select).toHaveValue(ana.id);
  expect(await driverOf(page.request, onBoard.id)).toBe(ana.id);
  await expect(page.locator(".admin-error")).toHaveCount(0);

  // An API caller is refused the same way: a 409 with the same sentences, not a code.
  const direct = await request.put(`/api/drivers/${ben.id}/route`, { headers: admin, data: { orderIds: [onBoard.id] } });
  expect(direct.status()).toBe(409);
  const body = (await direct.json()) as { error: { code: string; message: string } };
  expect(body.error.message).toContain("Ask Ana Reassign to bring it back to the depot first");

  // Ana's app, after all this: the parcel is still hers, on board; Ben's app never had it.
  await anaApp.reload();
  await expect(anaApp.locator(`[data-order-id="${onBoard.id}"]`)).toContainText("Lucía Onboard");
  const benApp = await driverApp(browser, ben);
  await expect(benApp.getByText("Lucía Onboard")).toHaveCount(0);

  // Taking it off Ana's route is refused too, and "Message Ana" opens her panel to ask her.
  await select.selectOption({ label: "Not assigned" });
  await expect(refused).toContainText("It cannot leave Ana Reassign's route: Ana Reassign still has it.");
  await refused.getByTestId("reassign-open-driver").click();
  const panel = page.getByTestId("driver-panel");
  await expect(panel.getByRole("heading", { name: "Ana Reassign" })).toBeVisible();
  await expect(panel.getByTestId("driver-messages")).toBeVisible();
  await anaApp.context().close();
  await benApp.context().close();
});

test("an order not yet picked up moves to Ben only once asked: Ana's app drops the stop, Ben's gets it", async ({ page, request, browser }) => {
  const ana = await createDriver(request, "Ana Move");
  const ben = await createDriver(request, "Ben Move");
  const order = await createOrder(request, { customerName: "Mateo Move", address: "Calle Cambio 2", lat: 40.425, lng: -3.7 });
  await setRoute(request, ana.id, [order.id]);
  const anaApp = await driverApp(browser, ana);
  await expect(anaApp.locator(`[data-order-id="${order.id}"]`)).toContainText("Mateo Move");

  await signInAsAdmin(page);
  await openOrders(page, "Mateo Move");
  const select = page.locator(`[data-testid="order-row"][data-order-id="${order.id}"]`).getByTestId("order-driver");
  await expect(select).toHaveValue(ana.id);

  // It asks, saying what happens; "Keep it" changes nothing.
  await select.selectOption({ label: "Ben Move" });
  const ask = page.getByTestId("reassign-dialog");
  await expect(ask.getByRole("heading")).toHaveText("Move Mateo Move's order to Ben Move?");
  await expect(ask).toContainText("It leaves Ana Move's route");
  await ask.getByTestId("reassign-cancel").click();
  await expect(select).toHaveValue(ana.id);
  expect(await driverOf(page.request, order.id)).toBe(ana.id);

  await select.selectOption({ label: "Ben Move" });
  await ask.getByTestId("reassign-confirm").click();
  await expect(select).toHaveValue(ben.id);
  expect(await driverOf(page.request, order.id)).toBe(ben.id);

  // The drivers' apps follow: Ana's drops the stop (its next reload of the day), Ben's has it.
  await expect(anaApp.locator(`[data-order-id="${order.id}"]`)).toHaveCount(0, { timeout: 25_000 });
  const benApp = await driverApp(browser, ben);
  await expect(benApp.locator(`[data-order-id="${order.id}"]`)).toContainText("Mateo Move");
  await anaApp.context().close();
  await benApp.context().close();
});

test("a parcel picked up while the table was showing it 'assigned': the server's refusal is a sentence on screen", async ({ page, request }) => {
  const ana = await createDriver(request, "Ana Race");
  await createDriver(request, "Ben Race");
  const order = await createOrder(request, { customerName: "Sofía Race", address: "Calle Prisa 3", lat: 40.43, lng: -3.7 });
  await setRoute(request, ana.id, [order.id]);

  await page.clock.install();
  await signInAsAdmin(page);
  await openOrders(page, "Sofía Race");
  const row = page.locator(`[data-testid="order-row"][data-order-id="${order.id}"]`);
  await expect(row).toHaveAttribute("data-status", "assigned");
  // The table stops re-reading (its 2 s poll waits on the paused clock) while Ana picks the parcel up.
  await page.clock.pauseAt(Date.now() + 500);
  await setStatus(request, ana, order.id, "picked_up");
  await row.getByTestId("order-driver").selectOption({ label: "Ben Race" });
  await page.getByTestId("reassign-dialog").getByTestId("reassign-confirm").click();
  const alert = page.locator(".admin-orders .admin-error");
  await expect(alert).toHaveText(
    "Sofía Race's parcel is already in Ana Race's van (picked up). It cannot move to Ben Race's route from here: Ben Race does not have it. Ask Ana Race to bring it back to the depot first, then assign it again.",
  );
  await page.clock.resume();
  await expect(row).toHaveAttribute("data-status", "picked_up");
  expect(await driverOf(page.request, order.id)).toBe(ana.id);
});
