import { expect, test, type Page } from "@playwright/test";
import { createOrder } from "../fixtures/api";
import { signInAsAdmin } from "../fixtures/admin";

test.use({ viewport: { width: 390, height: 844 } });

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** For the failure message: the elements that stick out past the right edge. */
const wideElements = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 8)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
  );

async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  expect(await pageWidth(page), `${what} fits; wide: ${(await wideElements(page)).join(", ")}`).toBeLessThanOrEqual(390);
}

test("the dashboard works at 390 px: tabs fit, orders read as cards, nothing scrolls sideways", async ({ page, request }) => {
  await createOrder(request, { customerName: "Phone Pilar", address: "Calle Móvil 3, Madrid", lat: 40.42, lng: -3.7 });
  await signInAsAdmin(page);
  await expectNoSidewaysScroll(page, "fleet");
  // Every tab is on screen without scrolling.
  for (const tab of await page.getByRole("tab").all()) await expect(tab).toBeInViewport();

  await page.getByTestId("tab-orders").click();
  await page.getByTestId("orders-search").fill("Phone Pilar");
  await expect(page.getByTestId("order-row")).toHaveCount(1);
  await expectNoSidewaysScroll(page, "orders");
  const row = page.getByTestId("order-row");
  const box = await row.boundingBox();
  expect((box?.x ?? 0) + (box?.width ?? 999)).toBeLessThanOrEqual(390);
  await page.getByRole("button", { name: "Phone Pilar" }).click();
  await expect(page.getByTestId("order-detail")).toBeInViewport();
  await expectNoSidewaysScroll(page, "order detail");
  await page.keyboard.press("Escape");

  for (const tab of ["alerts", "insight", "webhooks", "staff", "fleet"]) {
    await page.getByTestId(`tab-${tab}`).click();
    await page.waitForTimeout(300);
    await expectNoSidewaysScroll(page, tab);
  }
});
