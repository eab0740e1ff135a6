import { expect, test } from "@playwright/test";
import { createDriver, postFix } from "../fixtures/api";
import { E2E_ADMIN_TOKEN } from "../fixtures/e2e-env";
import { signInAsAdmin } from "../fixtures/admin";

const admin = { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` };

test("a driver's detail shows a sign-in QR for a new token, and replays today's track", async ({ page, request }) => {
  const driver = await createDriver(request, "Replay Rosa");
  const now = Date.now();
  // A short drive north-east, posted through the API as the phone would.
  const path = [
    { lat: 40.41, lng: -3.71 },
    { lat: 40.413, lng: -3.707 },
    { lat: 40.416, lng: -3.703 },
    { lat: 40.42, lng: -3.7 },
  ];
  for (const [index, point] of path.entries()) await postFix(request, driver, { ...point, seq: index + 1, at: now - (path.length - index) * 5000 });
  const me = (token: string) => request.get("/api/driver/me", { headers: { Authorization: `Bearer ${token}` } });
  expect((await me(driver.token)).status()).toBe(200);

  await signInAsAdmin(page);
  await page.locator(`[data-testid="fleet-driver"][data-driver-id="${driver.id}"]`).click();
  const panel = page.getByTestId("driver-panel");
  await expect(panel).toContainText("Replay Rosa");

  // Issue a new token: the QR of the PWA sign-in link appears, the old token is refused at once.
  // Confirmed first: the dialog says the driver is signed out; "Cancel" changes nothing.
  await panel.getByTestId("issue-token").click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("signs out");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  expect((await me(driver.token)).status()).toBe(200);
  await panel.getByTestId("issue-token").click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Issue new code" }).click();
  // The code shows where it was asked for, on top of the page, not further down the panel.
  const shown = page.getByTestId("driver-token-dialog");
  await expect(shown.getByTestId("driver-token-qr")).toBeInViewport();
  await expect(shown.getByTestId("driver-token-qr")).toHaveAttribute("src", /^data:image\/png;base64,/);
  const link = (await shown.getByTestId("driver-token-link").textContent()) ?? "";
  const url = new URL(link);
  expect(url.pathname).toBe("/driver");
  const newToken = url.searchParams.get("token") ?? "";
  expect(newToken).not.toBe(driver.token);
  expect((await me(driver.token)).status()).toBe(401);
  expect((await me(newToken)).status()).toBe(200);
  await shown.getByTestId("driver-token-done").click();
  await expect(shown).toHaveCount(0);

  // The track: every fix drawn, the marker starts at the newest and moves back with the slider.
  const track = panel.getByTestId("driver-track");
  await expect(track.getByTestId("track-map")).toBeVisible();
  await expect(track).toContainText("4 positions");
  const slider = track.getByTestId("track-slider");
  const marker = track.getByTestId("track-marker");
  await expect(track.getByTestId("track-position")).toHaveAttribute("data-index", "3");
  await expect(track.getByTestId("track-position")).toContainText("40.42000, -3.70000");
  await expect(marker).toBeVisible();
  const before = await marker.boundingBox();
  await slider.fill("0");
  await expect(track.getByTestId("track-position")).toHaveAttribute("data-index", "0");
  await expect(track.getByTestId("track-position")).toContainText("40.41000, -3.71000");
  await expect
    .poll(async () => {
      const after = await marker.boundingBox();
      return before && after ? Math.hypot(after.x - before.x, after.y - before.y) : 0;
    })
    .toBeGreaterThan(20);
});

test("an order past its promised time raises a late alert that opens the order", async ({ page, request }) => {
  const response = await request.post("/api/admin/orders", {
    headers: admin,
    data: { customerName: "Late Leonor", address: "Calle Tarde 1", lat: 40.42, lng: -3.7, dueAt: new Date(Date.now() - 10 * 60_000).toISOString() },
  });
  expect(response.status()).toBe(201);

  await signInAsAdmin(page);
  await expect(page.getByTestId("alert-count")).toBeVisible();
  await page.getByTestId("tab-alerts").click();
  const alert = page.locator('[data-testid="alert"][data-kind="order_late"]', { hasText: "Late Leonor" });
  await expect(alert).toContainText("is late");
  await alert.getByTestId("alert-open-order").click();
  await expect(page.getByTestId("order-detail")).toBeVisible();
  await expect(page.locator('[data-testid="order-event"][data-type="order.created"]')).toHaveCount(1);
});

test("a driver added in the dashboard gets a sign-in QR where it was created, shown once, whose link signs the phone in", async ({ page, request }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAsAdmin(page);
  // "New driver" sits at the top of the drivers list; the form opens on top of the page.
  await expect(page.getByTestId("new-driver")).toBeInViewport();
  await page.getByTestId("new-driver").click();
  const form = page.getByRole("form", { name: "New driver" });
  await form.getByLabel("Name").fill("Form Felipe");
  await form.getByRole("button", { name: "Add driver" }).click();
  // The QR and the code replace the form, right there, saying they are shown once.
  const shown = page.getByTestId("driver-token-dialog");
  await expect(shown.getByRole("heading")).toHaveText("Sign-in code for Form Felipe");
  await expect(shown.getByTestId("driver-token-qr")).toBeInViewport({ ratio: 1 });
  await expect(shown).toContainText("shown only this once");
  // A click beside it does not throw the code away.
  await page.mouse.click(5, 450);
  await expect(shown).toBeVisible();
  const url = new URL((await shown.getByTestId("driver-token-link").textContent()) ?? "");
  const token = url.searchParams.get("token") ?? "";
  const me = await request.get("/api/driver/me", { headers: { Authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect(((await me.json()) as { driver: { name: string } }).driver.name).toBe("Form Felipe");
  await shown.getByTestId("driver-token-done").click();
  await expect(shown).toHaveCount(0);
  await page.getByLabel("Find a driver").fill("Form Felipe");
  await expect(page.getByTestId("fleet-driver").filter({ hasText: "Form Felipe" })).toBeVisible();
});
