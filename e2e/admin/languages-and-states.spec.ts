import { expect, test, type APIRequestContext } from "@playwright/test";
import { createDriver, createOrder, setRoute, setStatus, type SeededDriver } from "../fixtures/api";
import { signInAsAdmin } from "../fixtures/admin";

async function postMovingFix(request: APIRequestContext, driver: SeededDriver, lat: number, seq: number): Promise<void> {
  const response = await request.post("/api/driver/locations", {
    headers: { Authorization: `Bearer ${driver.token}` },
    data: { fixes: [{ lat, lng: -3.7, at: Date.now(), seq, accuracy: 5, speed: 8 }] },
  });
  expect(response.status()).toBe(202);
}

test.describe("a Spanish browser", () => {
  test.use({ locale: "es-ES" });

  test("gets the dashboard in Spanish: sign-in, refusals, tabs, counts and the CSV preview's reasons", async ({ page }) => {
    await page.goto("/admin");
    const form = page.getByRole("form", { name: "Iniciar sesión" });
    await expect(form).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await form.getByRole("tab", { name: "Contraseña de administrador" }).click();
    await expect(form).toContainText("La contraseña de administrador de tu instalación");
    await form.getByLabel("Contraseña de administrador").fill("not-the-password");
    await form.getByRole("button", { name: "Iniciar sesión" }).click();
    await expect(page.getByTestId("sign-in-error")).toHaveText("Esa contraseña no es correcta. Revísala e inténtalo de nuevo.");

    await signInAsAdmin(page);
    await expect(page.getByRole("tab", { name: "Flota" })).toBeVisible();
    await expect(page.getByTestId("fleet-live")).toContainText(/en directo · \d+ repartidor(es)?$/);
    await page.getByRole("tab", { name: "Pedidos" }).click();
    await expect(page.getByTestId("orders-total")).toHaveText(/^\d+ pedidos?$/);

    const csv = ["customerName,address,lat,lng", "Importada Inés,Calle Uno,40.41,-3.70", "Importada Mala,Calle Dos,norte,-3.70"].join("\n");
    await page.getByTestId("csv-text").fill(csv);
    await page.getByRole("button", { name: "Vista previa" }).click();
    await expect(page.getByTestId("csv-summary")).toHaveText("1 pedido listo; se omitirá 1 línea con un problema.");
    await expect(page.getByTestId("csv-row")).toContainText(["Importada Inés"]);
    await expect(page.getByTestId("csv-error")).toHaveText("Línea 3: la latitud debe ser un número");
    await page.getByRole("button", { name: "Importar 1 pedido" }).click();
    await expect(page.getByTestId("csv-summary")).toHaveText("Se importó 1 pedido. Se omitió 1 línea.");
    // No English left on the page a person reads (names of people and places aside).
    await expect(page.locator("body")).not.toContainText(/\b(Orders|Sign out|Any status|Waiting for a driver|Preview|Late only)\b/);
  });

  test("says a failed delivery's reason, its history and a refused move in Spanish", async ({ page, request }) => {
    const driver = await createDriver(request, "Fallida Fátima");
    const order = await createOrder(request, { customerName: "Ausente Andrés", address: "Calle Vacía 4", lat: 40.44, lng: -3.7 });
    const other = await createOrder(request, { customerName: "A bordo Berta", address: "Calle Llena 6", lat: 40.45, lng: -3.7 });
    await setRoute(request, driver.id, [order.id, other.id]);
    await setStatus(request, driver, order.id, "picked_up");
    await setStatus(request, driver, other.id, "picked_up");
    const failed = await request.post(`/api/driver/orders/${order.id}/status`, { headers: { Authorization: `Bearer ${driver.token}` }, data: { status: "failed", reason: "customer_absent" } });
    expect(failed.status()).toBe(200);

    await signInAsAdmin(page);
    await page.getByRole("tab", { name: /^Avisos/ }).click();
    const alert = page.locator('[data-testid="alert"][data-kind="delivery_failed"]', { hasText: "Ausente Andrés" });
    await expect(alert).toContainText("Falló la entrega a Ausente Andrés (Fallida Fátima): El cliente no estaba en casa");
    await alert.getByRole("button", { name: "Abrir el pedido de Ausente Andrés" }).click();
    const detail = page.getByTestId("order-detail");
    await expect(detail.getByTestId("order-summary-status")).toContainText("Fallido");
    await expect(detail.locator('[data-testid="order-event"][data-type="order.status_changed"]').last()).toContainText("Entrega fallida: El cliente no estaba en casa");
    await page.keyboard.press("Escape");

    // A parcel in a van does not change driver: the refusal is said in Spanish before anything is sent.
    await page.getByTestId("orders-search").fill("A bordo Berta");
    await expect(page.getByTestId("order-row")).toHaveCount(1);
    await page.getByTestId("order-driver").selectOption({ label: "Sin asignar" });
    await expect(page.getByTestId("reassign-refused")).toContainText("El paquete de A bordo Berta ya está en la furgoneta de Fallida Fátima (recogido).");
  });
});

test("the language switch changes every panel at once and is kept across reloads", async ({ page }) => {
  await signInAsAdmin(page);
  await expect(page.getByRole("tab", { name: "Orders" })).toBeVisible();
  await page.getByRole("group", { name: "Language" }).getByRole("button", { name: "Español" }).click();
  await expect(page.getByRole("tab", { name: "Pedidos" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Cerrar sesión" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");

  // Kept: the server renders the chosen language (its cookie), and the page stays in it.
  await page.reload();
  await expect(page.getByRole("tab", { name: "Pedidos" })).toBeVisible();
  const firstHtml = await (await page.request.get("/admin")).text();
  expect(firstHtml).toContain('lang="es"');

  await page.getByRole("group", { name: "Idioma" }).getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("tab", { name: "Orders" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("tab", { name: "Orders" })).toBeVisible();
});

test("when the live connection drops, a banner says so and no driver is shown as moving", async ({ page, request }) => {
  const driver = await createDriver(request, "Outage Olga");
  const order = await createOrder(request, { customerName: "Outage customer", address: "Calle Apagón 1", lat: 40.43, lng: -3.7 });
  await setRoute(request, driver.id, [order.id]);
  await signInAsAdmin(page);
  const row = page.locator(`[data-testid="fleet-driver"][data-driver-id="${driver.id}"]`);
  await expect(row).toBeVisible();
  await postMovingFix(request, driver, 40.41, 1);
  await expect(row).toHaveAttribute("data-state", "moving");
  await expect(page.getByTestId("live-paused")).toHaveCount(0);

  await page.context().setOffline(true);
  await expect(page.getByTestId("live-paused")).toContainText("Live updates paused — reconnecting…");
  await expect(page.getByTestId("fleet-live")).toContainText("reconnecting…");
  await expect(row).toHaveAttribute("data-state", "unknown");
  await expect(row.getByTestId("fleet-driver-state")).toHaveText("no live data");
  await expect(page.locator('[data-testid="fleet-driver"][data-state="moving"]')).toHaveCount(0);
  await expect(page.getByTestId("fleet-map")).toHaveAttribute("data-paused", "true");

  await page.context().setOffline(false);
  await postMovingFix(request, driver, 40.4102, 2);
  await expect(page.getByTestId("live-paused")).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId("fleet-live")).toContainText("live");
  await expect(row).not.toHaveAttribute("data-state", "unknown");
});

test("a new order with a driver shows its full tracking link, to copy or open; a map without tiles warns", async ({ page, request }) => {
  const driver = await createDriver(request, "Linked Lina");
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInAsAdmin(page);
  await page.getByTestId("tab-orders").click();
  const form = page.getByRole("form", { name: "New order" });
  // The e2e tiles point at a dead address: a click on the map is only approximate, and the form says so.
  await expect(form.getByTestId("picker-no-tiles")).toContainText("a click places the order only approximately");
  await form.getByLabel("Customer").fill("Linked Luis");
  await form.getByLabel("Address").fill("Calle Enlace 3");
  await form.getByLabel("Latitude").fill("40.42");
  await form.getByLabel("Longitude").fill("-3.70");
  await form.getByLabel("Driver (optional)").selectOption({ label: "Linked Lina" });
  await form.getByRole("button", { name: "Create order" }).click();

  const link = page.getByTestId("new-order-link");
  await expect(link).toHaveText(/^http:\/\/[^/]+\/track\/\S+$/);
  const url = (await link.textContent())!;
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

  const [customer] = await Promise.all([page.waitForEvent("popup"), page.getByRole("link", { name: "Open" }).click()]);
  await expect(customer).toHaveURL(url);
  await expect(customer.getByTestId("order-status")).toBeVisible();
  await customer.close();

  // The driver chosen in the form has the order on their route.
  await page.getByTestId("orders-search").fill("Linked Luis");
  await expect(page.getByTestId("order-row")).toHaveCount(1);
  await expect(page.getByTestId("order-driver")).toHaveValue(driver.id);
});
