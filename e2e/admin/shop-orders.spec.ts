import { createHmac, randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { signInAsAdmin } from "../fixtures/admin";
import { E2E_ADMIN_TOKEN, E2E_SHOPIFY_SECRET } from "../fixtures/e2e-env";

const SAMPLE = readFileSync(path.join(import.meta.dirname, "../../server/features/integrations/fixtures/shopify-orders-create.json"), "utf8");

/** Shopify's documented sample as a new order (its own id and number), signed as Shopify signs it. */
async function sendShopifyOrder(request: APIRequestContext, orderNumber: string): Promise<void> {
  const order = JSON.parse(SAMPLE);
  order.admin_graphql_api_id = `gid://shopify/Order/${randomInt(1, 2 ** 47)}`;
  order.name = orderNumber;
  const body = JSON.stringify(order);
  const response = await request.post("/api/integrations/shopify/orders", {
    headers: { "content-type": "application/json", "x-shopify-hmac-sha256": createHmac("sha256", E2E_SHOPIFY_SECRET).update(body).digest("base64") },
    data: body,
  });
  expect(response.status()).toBe(200);
  expect((await response.json()).outcome).toBe("needs_location");
}

test("a shop order without coordinates waits on the Orders tab until dispatch clicks its place on the map", async ({ page, request }) => {
  const orderNumber = `#E2E${randomInt(1000, 9999)}`;
  await sendShopifyOrder(request, orderNumber);
  await signInAsAdmin(page);
  await page.getByTestId("tab-orders").click();
  const panel = page.getByTestId("shop-orders-panel");
  await expect(panel.getByRole("heading")).toContainText("Shop orders that need a location");
  const item = panel.getByTestId("shop-order").filter({ hasText: orderNumber });
  await expect(item).toContainText("Steve Shipper");
  await item.getByTestId("shop-order-place").click();
  const picker = item.getByTestId("location-picker");
  await picker.click({ position: { x: 120, y: 80 } });
  await expect(item.getByTestId("shop-order-lat")).not.toHaveValue("");
  await item.getByTestId("shop-order-create").click();
  await expect(panel.getByTestId("shop-order-created")).toHaveText(`Order ${orderNumber} created.`);
  await expect(panel.getByTestId("shop-order").filter({ hasText: orderNumber })).toHaveCount(0);
  // The order exists, with the shop's number and the place clicked.
  const orders = await request.get("/api/orders", { headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` } });
  const created = ((await orders.json()) as { orderNumber: string | null; lat: number; lng: number }[]).find((order) => order.orderNumber === orderNumber);
  expect(created).toBeTruthy();
  expect(Math.abs(created!.lat)).toBeLessThanOrEqual(90);
});

test.describe("in Spanish", () => {
  test.use({ locale: "es-ES" });
  test("the panel speaks the browser's language", async ({ page, request }) => {
    await sendShopifyOrder(request, `#ES${randomInt(1000, 9999)}`);
    await signInAsAdmin(page);
    await page.getByTestId("tab-orders").click();
    await expect(page.getByTestId("shop-orders-panel").getByRole("heading")).toContainText("Pedidos de tienda sin ubicación");
    await expect(page.getByTestId("shop-order-place").first()).toHaveText("Fijar ubicación");
  });
});
