import { expect, test } from "@playwright/test";

test("every app has a favicon: /favicon.ico answers and each page links an icon", async ({ page, request }) => {
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect((await ico.body()).length).toBeGreaterThan(100);
  for (const path of ["/", "/admin", "/driver"]) {
    await page.goto(path);
    await expect(page.locator('link[rel="icon"]').first(), path).toHaveAttribute("href", /favicon\.ico|icon\.svg/);
  }
});
