/**
 * Staff → driver messages: a support person (view + message, no dispatch) writes to a driver
 * from the driver panel; the open driver app shows it when it comes back to the foreground;
 * the driver taps "Got it" and the dashboard shows the read receipt.
 */
import { expect, test } from "@playwright/test";
import { createDriver } from "../fixtures/api";
import { E2E_ADMIN_TOKEN } from "../fixtures/e2e-env";

test("support messages a driver, the driver app shows it, the dashboard shows it read", async ({ page, browser, request }) => {
  const driver = await createDriver(request, "Message Marta");
  const email = `support-${Date.now()}@example.com`;
  const staff = await request.post("/api/admin/staff", {
    headers: { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
    data: { email, name: "Sofia Support", password: "long enough pass", role: "support" },
  });
  expect(staff.status()).toBe(201);

  // The driver's phone: its own browser context, app open before the message exists.
  const phone = await browser.newContext();
  const driverPage = await phone.newPage();
  await driverPage.goto(`/driver?token=${encodeURIComponent(driver.token)}`);
  await expect(driverPage.getByTestId("driver-name")).toHaveText("Message Marta");
  await expect(driverPage.getByTestId("driver-messages")).toHaveCount(0);

  await page.goto("/admin");
  await page.getByRole("tab", { name: "Staff account" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("long enough pass");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText("support");
  await page.locator(`[data-testid="fleet-driver"][data-driver-id="${driver.id}"]`).click();
  const panel = page.getByTestId("driver-panel");
  await expect(panel).toContainText("Message Marta");
  // Support may message but not dispatch: no route editor buttons in the panel.
  await expect(panel.getByTestId("issue-token")).toHaveCount(0);

  const conversation = panel.getByTestId("driver-messages");
  await expect(conversation).toContainText("No messages yet.");
  await conversation.getByTestId("message-input").fill("Gate code for stop 3 is 4411");
  await conversation.getByTestId("send-message").click();
  const sent = conversation.getByTestId("driver-message");
  await expect(sent).toHaveCount(1);
  await expect(sent).toContainText("Gate code for stop 3 is 4411");
  await expect(sent).toContainText("Sofia Support");
  await expect(sent.getByTestId("message-receipt")).toHaveText("sent");

  // The driver switches back to the app: it fetches at once instead of waiting for its 15 s poll.
  await driverPage.evaluate(() => window.dispatchEvent(new Event("focus")));
  const inbox = driverPage.getByTestId("driver-message");
  await expect(inbox).toHaveCount(1);
  await expect(inbox).toContainText("Gate code for stop 3 is 4411");
  await expect(inbox).toContainText("Sofia Support");
  await inbox.getByTestId("mark-message-read").click();
  await expect(driverPage.getByTestId("driver-messages")).toHaveCount(0);

  // The dashboard's 5 s poll brings the read receipt.
  await expect(sent.getByTestId("message-receipt")).toHaveText(/^read \d/);

  // Still read after a reload of the phone: the receipt is stored, not local.
  await driverPage.reload();
  await expect(driverPage.getByTestId("driver-name")).toHaveText("Message Marta");
  await expect(driverPage.getByTestId("driver-messages")).toHaveCount(0);
  await phone.close();
});
