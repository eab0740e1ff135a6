/**
 * Issue 18, items 1, 2 and 4: a tracking page says who sent the parcel (the operator's brand, the
 * order's sender and number) and how to reach someone, explains its map while the driver cannot
 * be shown, and says a failure's reason in the reader's language. The e2e server runs with
 * BRAND_NAME "Rápido Parcels", BRAND_COLOR #ffd400, a same-origin logo and SUPPORT_PHONE/_EMAIL
 * (playwright.config.ts); TRACKING_VISIBLE_STOPS is the default 3.
 */
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { createDriver, postFix, setRoute, setStatus, type SeededOrder } from "../fixtures/api";
import { E2E_ADMIN_TOKEN } from "../fixtures/e2e-env";

const admin = { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` };

async function createOrderWith(request: APIRequestContext, order: Record<string, unknown>): Promise<SeededOrder> {
  const response = await request.post("/api/orders", { headers: admin, data: order });
  expect(response.status()).toBe(201);
  return (await response.json()) as SeededOrder;
}

/** A route of `count` stops, the last one (farthest) carrying `extra`. */
async function seedRouteWith(request: APIRequestContext, count: number, label: string, extra: Record<string, unknown>) {
  const driver = await createDriver(request, `Driver ${label}`);
  const orders: SeededOrder[] = [];
  for (let index = 0; index < count; index++) {
    const order = { customerName: `Customer ${label}-${index}`, address: `Calle ${index + 1}, Madrid`, lat: 40.41 + index * 0.005, lng: -3.7 };
    orders.push(await createOrderWith(request, index === count - 1 ? { ...order, ...extra } : order));
  }
  await setRoute(
    request,
    driver.id,
    orders.map((order) => order.id),
  );
  return { driver, orders };
}

async function phone(browser: Browser, url: string, locale: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale })).newPage();
  await page.goto(url);
  return page;
}

test("the sender, the order number and the sender's phone on the page; the map waits with a sentence, then shows the driver", async ({ browser, request }) => {
  const { driver, orders } = await seedRouteWith(request, 5, "sender", { senderName: "Tienda Sol", orderNumber: "SOL-1042", senderPhone: "+34 600 11 22 33" });
  const mine = orders[4]!;
  const page = await phone(browser, mine.trackingUrl, "en-GB");

  // The operator's header: its logo and name, on its colour, with dark text on that yellow.
  const header = page.getByTestId("operator-header");
  await expect(page.getByTestId("operator-name")).toHaveText("Rápido Parcels");
  await expect(header).toHaveCSS("background-color", "rgb(255, 212, 0)");
  await expect(header).toHaveCSS("color", "rgb(17, 17, 17)");
  await expect.poll(() => page.getByTestId("operator-logo").evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);

  // Who sent it, its number, and the sender's own phone (not the operator's support).
  await expect(page.getByTestId("sender-name")).toHaveText("Tienda Sol");
  await expect(page.getByTestId("order-number")).toHaveText("SOL-1042");
  const contact = page.getByTestId("contact-line");
  await expect(contact).toHaveAttribute("data-source", "sender");
  await expect(contact).toContainText("Questions about your order? Contact the sender:");
  await expect(page.getByTestId("contact-phone")).toHaveAttribute("href", "tel:+34600112233");
  await expect(page.getByTestId("contact-email")).toHaveCount(0);

  // Not picked up: a compact card, not a grey map, that says when the driver will appear.
  const map = page.getByTestId("tracking-map");
  await expect(map).toHaveAttribute("data-form", "compact");
  await expect(page.getByTestId("map-card-text")).toHaveText("You'll see your driver on the map when they are 3 stops away.");
  await expect(page.getByTestId("map-card-address")).toHaveText("Calle 5, Madrid");
  expect((await map.boundingBox())!.height).toBeLessThan(160);
  await expect(page.getByTestId("driver-marker")).toHaveCount(0);

  // Picked up, 4 stops away with a position: still too far, still the card.
  for (const order of orders) await setStatus(request, driver, order.id, "picked_up");
  await postFix(request, driver, { lat: 40.405, lng: -3.7, seq: 1 });
  await expect(page.getByTestId("stops-away")).toHaveText("4 stops away");
  await expect(map).toHaveAttribute("data-form", "compact");

  // 3 stops away: the full map with the driver.
  await setStatus(request, driver, orders[0]!.id, "delivered");
  await expect(page.getByTestId("stops-away")).toHaveText("3 stops away");
  await postFix(request, driver, { lat: 40.4155, lng: -3.7, seq: 2 });
  await expect(map).toHaveAttribute("data-form", "map");
  await expect(page.getByTestId("driver-marker")).toBeVisible();
  expect((await map.boundingBox())!.height).toBeGreaterThan(200);

  // Delivered: the card again, saying why there is no driver.
  for (const order of orders.slice(1)) await setStatus(request, driver, order.id, "delivered");
  await expect(page.getByTestId("order-status")).toHaveText("Delivered");
  await expect(map).toHaveAttribute("data-form", "compact");
  await expect(page.getByTestId("map-card-text")).toHaveText("Your order was delivered: the driver is no longer shown on the map.");
  await expect(page.getByTestId("driver-marker")).toHaveCount(0);
  await page.context().close();
});

test("in Spanish: the operator's support as the contact line, the map card, and a failure's reason sent in English words said in Spanish", async ({ browser, request }) => {
  const { driver, orders } = await seedRouteWith(request, 1, "soporte", {});
  const mine = orders[0]!;
  const page = await phone(browser, mine.trackingUrl, "es-ES");

  await expect(page.getByTestId("operator-name")).toHaveText("Rápido Parcels");
  await expect(page.getByTestId("sender-name")).toHaveCount(0);
  await expect(page.getByTestId("order-number")).toHaveCount(0);
  const contact = page.getByTestId("contact-line");
  await expect(contact).toHaveAttribute("data-source", "support");
  await expect(contact).toContainText("¿Dudas sobre tu entrega? Contacta con nosotros:");
  await expect(page.getByTestId("contact-phone")).toHaveText("Llamar al +34910000000");
  await expect(page.getByTestId("contact-phone")).toHaveAttribute("href", "tel:+34910000000");
  await expect(page.getByTestId("contact-email")).toHaveAttribute("href", "mailto:help@rapido.example");
  await expect(page.getByTestId("map-card-text")).toHaveText("Verás a tu repartidor en el mapa cuando esté a 3 paradas.");

  // Picked up, next stop, no position yet: the card says the driver shows once it comes in.
  await setStatus(request, driver, mine.id, "picked_up");
  await expect(page.getByTestId("tracking-map")).toHaveAttribute("data-reason", "waiting_for_position");
  await expect(page.getByTestId("map-card-text")).toHaveText("Verás a tu repartidor en el mapa en cuanto llegue su posición.");

  // A position: the full map, its controls in Spanish too.
  await postFix(request, driver, { lat: 40.405, lng: -3.7, seq: 1 });
  await expect(page.getByTestId("tracking-map")).toHaveAttribute("data-form", "map");
  await expect(page.getByRole("button", { name: "Acercar" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Alejar" })).toBeVisible();
  await expect(page.getByTestId("map-tiles-unavailable")).toHaveText("Fondo del mapa no disponible");

  // A contract client's failure: the reason as a note in English words.
  await setStatus(request, driver, mine.id, "failed", "Customer not at home");
  await expect(page.getByTestId("order-status")).toHaveText("Entrega fallida");
  await expect(page.getByTestId("failure-reason")).toHaveText("El cliente no estaba en casa");
  await expect(page.getByTestId("delivery-outcome")).not.toContainText("Customer not at home");
  await expect(page.getByTestId("map-card-text")).toHaveText("Esta entrega no se pudo hacer: el repartidor ya no se muestra en el mapa.");
  await page.context().close();
});
