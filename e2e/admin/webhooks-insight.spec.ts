import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { HTTP } from "cloudevents";
import { Webhook } from "standardwebhooks";
import { createDriver, createOrder, setRoute, setStatus } from "../fixtures/api";
import { signInAsAdmin } from "../fixtures/admin";
import { startWebhookReceiver } from "../../testing/webhook-receiver";

test("a webhook registered in the dashboard receives a CloudEvent signed by Standard Webhooks", async ({ page, request }) => {
  const receiver = await startWebhookReceiver({ path: "/lastmile", answer: () => 204 });
  try {
    const secret = `whsec_${randomBytes(32).toString("base64")}`;
    await signInAsAdmin(page);
    await page.getByTestId("tab-webhooks").click();
    const form = page.getByRole("form", { name: "New webhook" });
    await form.getByLabel("URL").fill(receiver.url);
    await form.getByLabel(/Secret/).fill(secret);
    await form.getByRole("button", { name: "Add webhook" }).click();
    await expect(page.getByTestId("webhook-secret")).toContainText(secret);
    await expect(page.getByTestId("webhook").filter({ hasText: receiver.url })).toBeVisible();

    const order = await createOrder(request, { customerName: "Hooked Hugo", address: "Calle Webhook 1", lat: 40.42, lng: -3.7 });
    await expect.poll(() => receiver.received.filter((hit) => hit.payload.subject === order.id).length).toBeGreaterThan(0);
    const hit = receiver.received.find((candidate) => candidate.payload.subject === order.id)!;
    const headers = hit.headers as Record<string, string>;
    expect(() => new Webhook(secret).verify(hit.rawBody, headers)).not.toThrow();
    const event = HTTP.toEvent({ headers, body: hit.rawBody });
    expect(Array.isArray(event) ? null : event.type).toBe("com.lastmile.order.created");

    // The delivery shows in the panel's log.
    const card = page.getByTestId("webhook").filter({ hasText: receiver.url });
    await expect(card.locator('[data-testid="webhook-delivery"][data-success="true"]').first()).toBeVisible();

    // A URL that is not http(s) is refused at registration.
    await form.getByLabel("URL").fill("ftp://127.0.0.1/nope");
    await form.getByRole("button", { name: "Add webhook" }).click();
    await expect(page.getByTestId("webhook-error")).toContainText(/only http and https/);
  } finally {
    await receiver.close();
  }
});

test("the insight panel counts today's deliveries, per driver", async ({ page, request }) => {
  const driver = await createDriver(request, "Insight Iker");
  const order = await createOrder(request, { customerName: "Insight customer", address: "Calle 3", lat: 40.42, lng: -3.7 });
  await setRoute(request, driver.id, [order.id]);
  await setStatus(request, driver, order.id, "picked_up");
  await setStatus(request, driver, order.id, "delivered");

  await signInAsAdmin(page);
  await page.getByTestId("tab-insight").click();
  const panel = page.getByTestId("insight-panel");
  await expect(panel).toBeVisible();
  const row = panel.locator(`[data-testid="insight-driver"][data-driver-id="${driver.id}"]`);
  await expect(row.getByTestId("insight-driver-delivered")).toHaveText("1");
  await expect(panel.getByTestId("insight-delivered")).toHaveText(/^[1-9]\d*$/);
});
