/**
 * GPS truth on the phone: "Sharing your position" only while positions are found and reach the
 * server, with how recent; location refused (with how to allow it on an iPhone and on Android,
 * in the phone's language), no GPS position, a paused shift, offline (a banner) and a server
 * that does not answer each read as what they are. Chromium's own emulation drives the phone:
 * permissions granted or not, positions set, no position (DevTools' geolocation override with
 * no coordinates), the network cut.
 */
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { createDriver, createOrder, setRoute, type SeededDriver } from "../fixtures/api";

const PHONE = { width: 390, height: 844 };

async function seedDriver(request: Parameters<typeof createDriver>[0], label: string): Promise<SeededDriver> {
  const driver = await createDriver(request, `Driver ${label}`);
  const order = await createOrder(request, { customerName: `Customer ${label}`, address: `Calle ${label} 1, Madrid`, lat: 40.42, lng: -3.7 });
  await setRoute(request, driver.id, [order.id]);
  return driver;
}

async function openPhone(browser: Browser, driver: SeededDriver, options: { locale?: string; allowLocation?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: PHONE, locale: options.locale ?? "en-GB", isMobile: true, hasTouch: true });
  if (options.allowLocation) {
    await context.grantPermissions(["geolocation"]);
    await context.setGeolocation({ latitude: 40.42, longitude: -3.7, accuracy: 8 });
  }
  const page = await context.newPage();
  await page.goto(`/driver?token=${encodeURIComponent(driver.token)}`);
  await expect(page.getByTestId("driver-app")).toBeVisible();
  return { context, page };
}

test("location refused, then allowed: never 'sharing' until positions reach the server, then how recent", async ({ browser, request }) => {
  const driver = await seedDriver(request, "refused");
  const { context, page } = await openPhone(browser, driver);
  const line = page.getByTestId("sharing-state");
  // Off shift with a stop to do: a pause, said plainly.
  await expect(line).toHaveText("Paused: nobody can follow you. Start your shift to share your position.");

  await page.getByTestId("shift-toggle").click();
  await expect(line).toHaveAttribute("data-state", "denied");
  await expect(line).toContainText("Location is blocked for this app: nobody can follow you.");
  await expect(page.getByTestId("location-help")).toContainText("iPhone: Settings › Privacy & Security › Location Services");
  await expect(page.getByTestId("location-help")).toContainText("Android: tap the icon left of the address › Permissions › Location › Allow.");
  await expect(page.getByText(/Sharing your position/)).toHaveCount(0);
  await expect(page.getByTestId("last-fix-sent")).toHaveText("—");

  // "Try again" while still blocked: still blocked, said the same way.
  await page.getByTestId("gps-retry").click();
  await expect(line).toHaveAttribute("data-state", "denied");
  // The driver allows location in the site settings: the app notices by itself.
  await context.grantPermissions(["geolocation"]);
  await context.setGeolocation({ latitude: 40.42, longitude: -3.7, accuracy: 8 });
  await expect(line).toHaveAttribute("data-state", "sharing");
  await expect(line).toHaveText(/^Sharing your position · last sent (just now|\d+ s ago)$/);
  await expect(page.getByTestId("last-fix-sent")).toContainText("#1");
  await expect(page.getByTestId("location-help")).toHaveCount(0);
  // The age moves on with the clock: it is the last fix the server acknowledged.
  await expect(line).toHaveText(/last sent ([5-9]|\d\d) s ago$/, { timeout: 20_000 });

  await page.getByTestId("shift-toggle").click();
  await expect(line).toHaveAttribute("data-state", "off");
  await context.close();
});

test("in Spanish: location refused says how to allow it on an iPhone and on Android", async ({ browser, request }) => {
  const driver = await seedDriver(request, "denegado");
  const { context, page } = await openPhone(browser, driver, { locale: "es-ES" });
  await page.getByTestId("shift-toggle").click();
  const line = page.getByTestId("sharing-state");
  await expect(line).toContainText("La ubicación está bloqueada para esta app: nadie puede seguirte.");
  await expect(page.getByTestId("location-help")).toContainText("iPhone: Ajustes › Privacidad y seguridad › Localización");
  await expect(page.getByTestId("location-help")).toContainText("Android: toca el icono a la izquierda de la dirección › Permisos › Ubicación › Permitir.");
  await expect(page.getByTestId("gps-retry")).toHaveText("Reintentar");
  await expect(page.getByText(/Compartiendo tu posición/)).toHaveCount(0);
  await context.close();
});

test("no GPS position: said as such, not 'sharing'", async ({ browser, request }) => {
  const driver = await seedDriver(request, "nofix");
  const { context, page } = await openPhone(browser, driver, { allowLocation: true });
  // DevTools' geolocation override without coordinates: the phone cannot find its position.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setGeolocationOverride", {});
  await page.getByTestId("shift-toggle").click();
  const line = page.getByTestId("sharing-state");
  await expect(line).toHaveAttribute("data-state", "unavailable");
  await expect(line).toContainText("No GPS position: go outdoors or near a window, and check that Location is on.");
  await expect(page.getByText(/Sharing your position/)).toHaveCount(0);

  await page.getByTestId("gps-retry").click();
  await expect(line).toHaveAttribute("data-state", "unavailable");
  // A position again (out of the tunnel): sharing resumes by itself.
  await cdp.send("Emulation.setGeolocationOverride", { latitude: 40.42, longitude: -3.7, accuracy: 8 });
  await expect(line).toHaveAttribute("data-state", "sharing", { timeout: 30_000 });
  await context.close();
});

test("offline: a banner, positions kept and counted, not 'sharing'; back online, they are sent and sharing resumes", async ({ browser, request }) => {
  const driver = await seedDriver(request, "banner");
  const { context, page } = await openPhone(browser, driver, { allowLocation: true });
  await page.getByTestId("shift-toggle").click();
  const line = page.getByTestId("sharing-state");
  await expect(line).toHaveAttribute("data-state", "sharing");
  await expect(page.getByTestId("offline-banner")).toHaveCount(0);

  await context.setOffline(true);
  const banner = page.getByTestId("offline-banner");
  await expect(banner).toHaveText("You're offline. 0 waiting to send: kept on this phone and sent when you're back online.");
  await expect(page.getByTestId("network-state")).toHaveText("offline");
  await expect(line).toHaveAttribute("data-state", "not_sent");
  await expect(line).toHaveText(/^Your position is not reaching dispatch \(last sent (just now|\d+ s ago)\): it is kept on this phone and sent when the connection is back\.$/);
  // Driving on: a new position is kept and counted.
  await page.waitForTimeout(3_200);
  await context.setGeolocation({ latitude: 40.425, longitude: -3.7, accuracy: 8 });
  await expect(banner).toContainText("1 waiting to send");
  // The banner is across the top of the screen, above the route.
  const box = (await banner.boundingBox())!;
  expect(box.y).toBeLessThan(20);
  expect(box.width).toBeGreaterThan(PHONE.width * 0.8);

  await context.setOffline(false);
  await expect(banner).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId("queue-length")).toHaveText("0");
  await expect(line).toHaveAttribute("data-state", "sharing");
  await expect(page.getByTestId("last-fix-sent")).toContainText("#2");
  await context.close();
});

test("the server not answering is not 'online': positions are kept, the banner says so", async ({ browser, request }) => {
  const driver = await seedDriver(request, "outage");
  const { context, page } = await openPhone(browser, driver, { allowLocation: true });
  await page.getByTestId("shift-toggle").click();
  const line = page.getByTestId("sharing-state");
  await expect(line).toHaveAttribute("data-state", "sharing");

  await context.route("**/api/**", (route) => route.abort("connectionrefused"));
  await page.waitForTimeout(3_200);
  await context.setGeolocation({ latitude: 40.425, longitude: -3.7, accuracy: 8 });
  await expect(page.getByTestId("network-state")).toHaveText("server unreachable");
  await expect(page.getByTestId("offline-banner")).toHaveText("Can't reach the server. 1 waiting to send: kept on this phone and sent as soon as it answers.");
  await expect(line).toHaveAttribute("data-state", "not_sent");

  await context.unroute("**/api/**");
  await expect(page.getByTestId("network-state")).toHaveText("online", { timeout: 30_000 });
  await expect(page.getByTestId("queue-length")).toHaveText("0");
  await expect(line).toHaveAttribute("data-state", "sharing");
  await context.close();
});
