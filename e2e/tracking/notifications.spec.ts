import { expect, test } from "@playwright/test";
import { startSmtpReceiver, type SmtpReceiver } from "../../testing/smtp-receiver";
import { E2E_SMTP_PORT } from "../fixtures/e2e-env";
import { postFix, seedRoute, setStatus } from "../fixtures/api";

let smtp: SmtpReceiver;

test.beforeAll(async () => {
  // The e2e server's SMTP_URL points here (playwright.config.ts).
  smtp = await startSmtpReceiver({ port: E2E_SMTP_PORT });
});
test.afterAll(async () => {
  await smtp?.close();
});

test.use({ viewport: { width: 360, height: 780 } });

test("the customer opts in to email on the tracking page and gets each notification once, with the link", async ({ page, request }) => {
  const { driver, orders } = await seedRoute(request, 1, "notify");
  const order = orders[0]!;
  const address = `customer-${Date.now()}@example.com`;
  await page.goto(order.trackingUrl);

  const card = page.getByTestId("notify-card");
  await expect(card.getByRole("heading", { name: "Notify me" })).toBeVisible();
  // Chromium has push: the toggle is offered (delivery itself is proven by the node test's push service).
  await expect(card.getByTestId("notify-push")).toBeVisible();
  await expect(card.getByTestId("notify-push")).toBeEnabled();
  await expect(card.getByTestId("notify-push")).not.toBeChecked();

  await card.getByTestId("notify-email").fill(address);
  await card.getByRole("button", { name: "Email me" }).click();
  await expect(card.getByTestId("notify-email-status")).toHaveText("We will email you updates about this order.");

  await setStatus(request, driver, order.id, "picked_up");
  await postFix(request, driver, { lat: 40.405, lng: -3.7, seq: 1 });
  await expect(page.getByTestId("timeline").locator('[data-kind="out_for_delivery"]')).toBeVisible();
  await setStatus(request, driver, order.id, "arrived");
  await setStatus(request, driver, order.id, "delivered");

  const subjects = () =>
    smtp.received
      .filter((mail) => mail.to.includes(address))
      .map((mail) => mail.subject)
      .sort();
  await expect.poll(subjects, { timeout: 30_000 }).toEqual(["Your driver is arriving", "Your order is out for delivery", "Your order was delivered"]);
  const link = new URL(order.trackingUrl, page.url()).pathname;
  for (const mail of smtp.received.filter((received) => received.to.includes(address))) expect(mail.text).toContain(link);
  // The card goes with the order's end.
  await expect(page.getByTestId("notify-card")).toHaveCount(0);
});

test("the card speaks the page's language, and a bad address is refused with a message", async ({ browser, request }) => {
  const context = await browser.newContext({ locale: "es-ES", viewport: { width: 360, height: 780 } });
  const page = await context.newPage();
  const { orders } = await seedRoute(request, 1, "notify-es");
  await page.goto(orders[0]!.trackingUrl);
  const card = page.getByTestId("notify-card");
  await expect(card.getByRole("heading", { name: "Avísame" })).toBeVisible();
  await expect(card.getByText("Notificaciones en este dispositivo")).toBeVisible();
  // The server checks the address; the card tells the customer in their language.
  await card.getByTestId("notify-email").fill("not-an-address");
  await card.getByRole("button", { name: "Enviarme correos" }).click();
  await expect(card.getByTestId("notify-email-status")).toHaveText("No se pudo guardar tu dirección. Revísala e inténtalo de nuevo.");
  await context.close();
});

test("the push toggle registers the tracking page's own service worker, scoped to /track/ (the CSP allows it)", async ({ browser, request }) => {
  const context = await browser.newContext({ permissions: ["notifications"], viewport: { width: 360, height: 780 } });
  const page = await context.newPage();
  const { orders } = await seedRoute(request, 1, "notify-push");
  await page.goto(orders[0]!.trackingUrl);
  const toggle = page.getByTestId("notify-card").getByTestId("notify-push");
  await expect(toggle).toBeEnabled();
  await toggle.click();
  // Headless Chromium reaches no real push service, so the subscription itself may fail; the worker is ours either way.
  const registration = () =>
    page.evaluate(async () => {
      const found = await navigator.serviceWorker.getRegistration("/track/");
      const worker = found?.active ?? found?.installing ?? found?.waiting;
      return found && worker ? { scope: new URL(found.scope).pathname, script: new URL(worker.scriptURL).pathname } : null;
    });
  // Polled: the registration appears some time after the click.
  await expect.poll(registration).toEqual({ scope: "/track/", script: "/tracking-sw.js" });
  await context.close();
});
