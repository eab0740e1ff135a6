/**
 * The driver PWA in Chromium: installable, sign-in by link, the route, one-tap statuses with a
 * photo proof, and GPS + a status taken offline arriving exactly once, in order, when the
 * network returns (checked on the LOCATIONS stream through the API).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { encodePng } from "../../lib/png/encode-png";
import { createDriver, createOrder, setRoute, type SeededDriver } from "../fixtures/api";
import { E2E_ADMIN_TOKEN } from "../fixtures/e2e-env";

/** A small real PNG (solid grey): what `setInputFiles` hands the photo input. */
function solidPng(size: number): Buffer {
  return encodePng({ width: size, height: size, channels: 3, pixel: () => [0x80, 0x80, 0x80] });
}

async function storedFixSeqs(request: APIRequestContext, driver: SeededDriver): Promise<number[]> {
  const response = await request.get("/api/driver/fixes", { headers: { Authorization: `Bearer ${driver.token}` } });
  expect(response.status()).toBe(200);
  return ((await response.json()) as Array<{ seq: number }>).map((fix) => fix.seq);
}

async function orderStatus(request: APIRequestContext, orderId: string): Promise<string | undefined> {
  const response = await request.get("/api/orders", { headers: { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` } });
  return ((await response.json()) as Array<{ id: string; status: string }>).find((order) => order.id === orderId)?.status;
}

async function seed(request: APIRequestContext, label: string, count: number) {
  const driver = await createDriver(request, `Driver ${label}`);
  const orders = [];
  for (let index = 0; index < count; index++) {
    orders.push(await createOrder(request, { customerName: `Customer ${label}-${index}`, address: `Calle ${label} ${index + 1}, Madrid`, lat: 40.42 + index * 0.004, lng: -3.7 }));
  }
  await setRoute(
    request,
    driver.id,
    orders.map((order) => order.id),
  );
  return { driver, orders };
}

async function signInByLink(page: Page, driver: SeededDriver): Promise<void> {
  await page.goto(`/driver?token=${encodeURIComponent(driver.token)}`);
  await expect(page.getByTestId("driver-app")).toBeVisible();
  await expect(page).toHaveURL(/\/driver$/);
}

test.describe("driver PWA", () => {
  test("passes Chromium's installability checks (manifest, icons, service worker)", async ({ baseURL }, testInfo) => {
    // Incognito contexts are never installable ("in-incognito"): use a real profile, as a phone would.
    const profile = mkdtempSync(path.join(tmpdir(), "lastmile-pwa-"));
    const context = await chromium.launchPersistentContext(profile, { ...testInfo.project.use.launchOptions, baseURL });
    try {
      const page = await context.newPage();
      await page.goto("/driver");
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      const manifest = (await (await page.request.get("/driver.webmanifest")).json()) as Record<string, unknown>;
      expect(manifest).toMatchObject({ display: "standalone", start_url: "/driver" });
      for (const size of [192, 512]) {
        const icon = await page.request.get(`/icons/driver-${size}.png`);
        expect(icon.headers()["content-type"]).toContain("image/png");
      }
      const cdp = await context.newCDPSession(page);
      await expect
        .poll(async () => ((await cdp.send("Page.getInstallabilityErrors")) as { installabilityErrors: Array<{ errorId: string }> }).installabilityErrors.map((error) => error.errorId), {
          timeout: 20_000,
        })
        .toEqual([]);

      // The cached shell opens with the network gone.
      await context.setOffline(true);
      await page.reload();
      await expect(page.getByTestId("driver-sign-in")).toBeVisible();
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  test("sign in by link, see the route, tap statuses, deliver with a photo; the session survives a reload; sign out", async ({ page, request }) => {
    const { driver, orders } = await seed(request, "taps", 3);
    await signInByLink(page, driver);
    await expect(page.getByTestId("driver-name")).toHaveText("Driver taps");
    const stops = page.getByTestId("stop");
    const stopOf = (index: number) => page.locator(`[data-testid="stop"][data-order-id="${orders[index]!.id}"]`);
    await expect(stops).toHaveCount(3);
    await expect(stops.nth(0)).toContainText("Customer taps-0");
    await expect(stops.nth(2)).toContainText("Calle taps 3, Madrid");
    await expect(stops.nth(0).getByTestId("navigate-geo")).toHaveAttribute("href", /^geo:40\.42,-3\.7/);
    await expect(page.getByTestId("stops-progress")).toHaveText("0 done · 3 left");

    await page.reload();
    await expect(page.getByTestId("driver-name")).toHaveText("Driver taps");

    await page.getByTestId("pick-up-all").click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Yes, all 3 are on board" }).click();
    for (const order of orders) await expect.poll(() => orderStatus(request, order.id)).toBe("picked_up");
    await expect(stopOf(0)).toHaveAttribute("data-status", "picked_up");

    const first = stopOf(0);
    await first.getByRole("button", { name: "Arrived" }).click();
    await expect.poll(() => orderStatus(request, orders[0]!.id)).toBe("arrived");
    await first.getByRole("button", { name: "Delivered" }).click();
    // The shift was never started: the app warns (and offers to start it) before a delivery.
    await expect(first.getByTestId("off-shift-warning")).toContainText("shift has not started");
    await expect(first.getByTestId("start-shift-now")).toBeVisible();
    await first.getByTestId("proof-photo").setInputFiles({ name: "door.png", mimeType: "image/png", buffer: solidPng(64) });
    await expect(first.getByTestId("proof-preview")).toBeVisible();
    const pad = first.getByTestId("signature-pad");
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 10, box.y + 10);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await first.getByRole("button", { name: "Confirm delivered" }).click();
    await expect.poll(() => orderStatus(request, orders[0]!.id)).toBe("delivered");
    const proof = await request.get(`/api/driver/orders/${orders[0]!.id}/proof`, { headers: { Authorization: `Bearer ${driver.token}` } });
    expect(proof.status()).toBe(200);
    const summary = (await proof.json()) as { photoType: string; photoBytes: number; signatureBytes: number };
    expect(summary.photoType).toBe("image/jpeg");
    expect(summary.photoBytes).toBeGreaterThan(100);
    expect(summary.signatureBytes).toBeGreaterThan(100);

    const second = stopOf(1);
    await expect(second).toHaveAttribute("data-current", "true");
    // "Couldn't deliver" sits apart from "Delivered", on its own line.
    const deliveredBox = (await second.getByRole("button", { name: "Delivered" }).boundingBox())!;
    const problemBox = (await second.getByRole("button", { name: "Couldn't deliver" }).boundingBox())!;
    expect(problemBox.y).toBeGreaterThan(deliveredBox.y + deliveredBox.height - 1);
    await second.getByRole("button", { name: "Couldn't deliver" }).click();
    await second.getByTestId("fail-reason").selectOption("address_not_found");
    await second.getByRole("button", { name: "Confirm not delivered" }).click();
    await expect.poll(() => orderStatus(request, orders[1]!.id)).toBe("failed");
    await expect(page.getByTestId("stops-progress")).toHaveText("2 done · 1 left");

    await page.getByTestId("sign-out").click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByTestId("driver-sign-in")).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("driver-sign-in")).toBeVisible();
    // Paste sign-in works too.
    await page.getByLabel("Sign-in code").fill(driver.token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("driver-name")).toHaveText("Driver taps");
  });

  test("offline: fixes and a status are kept, then arrive exactly once and in order", async ({ page, context, request }) => {
    const { driver, orders } = await seed(request, "offline", 1);
    await context.grantPermissions(["geolocation"]);
    await context.setGeolocation({ latitude: 40.4, longitude: -3.7, accuracy: 8 });
    await signInByLink(page, driver);
    await page.getByTestId("shift-toggle").click();
    await expect(page.getByTestId("gps-accuracy")).toHaveText("±8 m");
    await expect(page.getByTestId("last-fix-sent")).toContainText("#1");
    await page.getByRole("button", { name: "Picked up" }).click();
    await expect.poll(() => orderStatus(request, orders[0]!.id)).toBe("picked_up");

    // The first send after reconnecting "gets lost" on the way back: stored, but the phone
    // never hears the 202 and sends the batch again. The server must not store it twice.
    let isFirstReplyLost = true;
    await page.route("**/api/driver/locations", async (route) => {
      if (!isFirstReplyLost || route.request().method() !== "POST") return route.fallback();
      isFirstReplyLost = false;
      await route.fetch();
      await route.abort("connectionreset");
    });

    await context.setOffline(true);
    await expect(page.getByTestId("network-state")).toHaveText("offline");
    for (let step = 1; step <= 3; step++) {
      await page.waitForTimeout(3_200);
      await context.setGeolocation({ latitude: 40.4 + step * 0.001, longitude: -3.7, accuracy: 8 });
      await expect(page.getByTestId("queue-length")).toHaveText(String(step));
    }
    await page.getByRole("button", { name: "Arrived" }).click();
    await expect(page.getByTestId("queue-length")).toHaveText("4");
    await page.waitForTimeout(3_200);
    await context.setGeolocation({ latitude: 40.405, longitude: -3.7, accuracy: 8 });
    await expect(page.getByTestId("queue-length")).toHaveText("5");
    expect(await orderStatus(request, orders[0]!.id)).toBe("picked_up");

    await context.setOffline(false);
    await expect(page.getByTestId("queue-length")).toHaveText("0", { timeout: 30_000 });
    await expect.poll(() => orderStatus(request, orders[0]!.id)).toBe("arrived");
    await expect(page.getByTestId("last-fix-sent")).toContainText("#5");
    expect(await storedFixSeqs(request, driver)).toEqual([1, 2, 3, 4, 5]);
  });

  test("a tap stays on screen when the refresh after it fails, and the refresh is retried", async ({ page, request }) => {
    const { driver, orders } = await seed(request, "refresh", 1);
    await signInByLink(page, driver);
    // The status reaches the server, but the day fetched right after it fails twice.
    let failuresLeft = 0;
    await page.route("**/api/driver/orders/*/status", async (route) => {
      const response = await route.fetch();
      failuresLeft = 2;
      await route.fulfill({ response });
    });
    await page.route("**/api/driver/me", async (route) => {
      if (failuresLeft === 0) return route.fallback();
      failuresLeft -= 1;
      await route.fulfill({ status: 503, contentType: "application/json", body: '{"error":{"code":"database_unavailable","message":"down"}}' });
    });
    await page.getByRole("button", { name: "Picked up" }).click();
    await expect.poll(() => orderStatus(request, orders[0]!.id)).toBe("picked_up");
    // Never back to "to pick up": the next step is offered throughout, then confirmed by the server.
    await expect(page.getByRole("button", { name: "Arrived" })).toBeVisible();
    await expect(page.getByTestId("stop-status")).toHaveText("On board", { timeout: 15_000 });
    expect(failuresLeft).toBe(0);
    await page.getByRole("button", { name: "Arrived" }).click();
    await expect.poll(() => orderStatus(request, orders[0]!.id)).toBe("arrived");
  });

  test("a Spanish phone gets the driver app in Spanish, statuses in words, one line per button", async ({ browser, request }) => {
    const { driver } = await seed(request, "es", 2);
    const context = await browser.newContext({ locale: "es-ES", viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await signInByLink(page, driver);
    await expect(page.getByTestId("stops-progress")).toHaveText("0 hechas · 2 pendientes");
    const toggle = page.getByTestId("shift-toggle");
    await expect(toggle).toHaveText("Empezar turno");
    // "Start shift" on one line: the button is no taller than one line of text plus padding.
    expect((await toggle.boundingBox())!.height).toBeLessThan(60);
    await expect(page.getByTestId("stop-status").first()).toHaveText("Por recoger");
    await expect(page.getByTestId("stop").first().getByRole("button", { name: "Recogido" })).toBeVisible();
    await expect(page.getByTestId("stop").first().getByRole("button", { name: "No se pudo entregar" })).toBeVisible();
    await expect(page.getByText("Red", { exact: true })).toBeVisible();
    await expect(page.getByTestId("sign-out")).toHaveText("Salir");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await context.close();
  });
});
