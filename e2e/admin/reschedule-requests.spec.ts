/**
 * Dispatch never misses a customer's "deliver another day": a pending request is an alert (that
 * says where the parcel is and opens the order) and a flag on the order's row; accepting it says
 * what it will do, works at any status before the order is finished, and the flag then shows
 * the new day. (The on-board case across the three apps: e2e/tracking/day-exceptions.spec.ts.)
 */
import { expect, test, type Page } from "@playwright/test";
import { signInAsAdmin } from "../fixtures/admin";
import { createDriver, createOrder, setRoute } from "../fixtures/api";

test.use({ viewport: { width: 1366, height: 900 } });

function localDay(offset: number): string {
  const now = new Date();
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, "0")}-${String(day.getDate()).padStart(2, "0")}`;
}

/** A day as the dashboard writes it: in the browser's own locale (the admin context sets none). */
function dashboardDay(page: Page, day: string): Promise<string> {
  return page.evaluate((value) => new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short" }).format(new Date(`${value}T12:00:00`)), day);
}

test("a pending request is an alert and a row flag until accepted; the dialog says what accepting does", async ({ page, request }) => {
  const driver = await createDriver(request, "Driver Requests");
  const order = await createOrder(request, { customerName: "Request Ramón", address: "Calle Pedido 8, Madrid", lat: 40.42, lng: -3.69 });
  await setRoute(request, driver.id, [order.id]);
  const token = order.trackingUrl.split("/track/")[1]!;
  const day = localDay(3);
  const asked = await request.put(`/api/track/${token}/choice`, { data: { kind: "reschedule", preferredDate: day } });
  expect(asked.status()).toBe(200);

  await signInAsAdmin(page);
  const shownDay = await dashboardDay(page, day);
  await page.getByTestId("tab-alerts").click();
  const alert = page.locator('[data-testid="alert"][data-kind="reschedule_requested"]').filter({ hasText: "Request Ramón" });
  await expect(alert).toContainText(`Request Ramón won't be home and asks for another day (${shownDay}); on Driver Requests's route. Open the order to accept it.`);
  await expect(alert).toContainText(/asked at \d{1,2}:\d{2}/);

  await page.getByTestId("tab-orders").click();
  await page.getByTestId("orders-search").fill("Request Ramón");
  const row = page.locator(`[data-testid="order-row"][data-order-id="${order.id}"]`);
  await expect(row.getByTestId("order-row-reschedule")).toHaveText(`New day asked: ${shownDay}`);
  await expect(row.getByTestId("order-row-reschedule")).toHaveAttribute("data-state", "requested");

  await row.getByRole("button", { name: "Request Ramón" }).click();
  await page.getByTestId("accept-reschedule").click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText(`The order leaves Driver Requests's route and waits for a driver again, due ${shownDay}. The customer's page shows the new day.`);
  await confirm.getByRole("button", { name: "Accept" }).click();
  await expect(page.getByTestId("order-choice")).toHaveAttribute("data-reschedule", "accepted");
  await expect(row.getByTestId("order-row-reschedule")).toHaveText(`Moved to ${shownDay}`);
  await page.keyboard.press("Escape");

  // Answered: the alert is gone.
  await page.getByTestId("tab-alerts").click();
  await expect(page.getByRole("region", { name: "Alerts" })).toBeVisible();
  await expect(page.locator('[data-testid="alert"][data-kind="reschedule_requested"]').filter({ hasText: "Request Ramón" })).toHaveCount(0);
});
