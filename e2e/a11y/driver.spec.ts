import { expect, test } from "@playwright/test";
import { expectAccessible } from "../fixtures/axe";
import { openPhone, PHONE, seed } from "../fixtures/driver-phone";
import { setStatus } from "../fixtures/api";

/**
 * The driver app on a phone, checked by axe-core in English and Spanish: the sign-in, the stop
 * list (parcels still to pick up, then on board and done), and the current stop with its
 * delivery and failure forms open. No serious or moderate WCAG 2.1 AA violation.
 */
test("driver sign-in has no serious or moderate axe violations", async ({ browser }) => {
  for (const locale of ["en-GB", "es-ES"]) {
    const context = await browser.newContext({ viewport: PHONE, locale, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto("/driver");
    await expect(page.getByTestId("driver-sign-in")).toBeVisible();
    await expectAccessible(page, `driver sign-in (${locale})`);
    await context.close();
  }
});

for (const locale of ["en-GB", "es-ES"]) {
  test(`driver stop list and stop detail have no serious or moderate axe violations (${locale})`, async ({ browser, request }) => {
    const { driver, orders } = await seed(request, `a11y-${locale}`, 3);
    const page = await openPhone(browser, driver, locale);
    await expect(page.getByTestId("stop")).toHaveCount(3);
    await expectAccessible(page, `driver stop list, to pick up (${locale})`);

    // Every status badge at once: delivered, failed, on board, at the door.
    for (const order of orders) await setStatus(request, driver, order.id, "picked_up");
    await setStatus(request, driver, orders[0]!.id, "delivered");
    await setStatus(request, driver, orders[1]!.id, "arrived");
    await page.reload();
    await expect(page.locator('[data-testid="stop"][data-status="delivered"]')).toHaveCount(1);
    await expect(page.locator('[data-testid="stop"][data-status="arrived"]')).toHaveCount(1);
    await expectAccessible(page, `driver stop list, on board (${locale})`);

    const current = page.locator('[data-testid="stop"][data-current="true"]');
    await current.locator('[data-action="deliver"]').click();
    await expect(current.getByTestId("signature-pad")).toBeVisible();
    await expectAccessible(page, `driver stop detail, delivery form (${locale})`);
    await current.getByRole("button", { name: /cancel/i }).click();
    await current.locator('[data-action="fail"]').click();
    await expect(current.getByTestId("fail-reason")).toBeVisible();
    await expectAccessible(page, `driver stop detail, failure form (${locale})`);
    await current.getByRole("button", { name: /cancel/i }).click();

    await setStatus(request, driver, orders[1]!.id, "failed", "Nobody at home");
    await page.reload();
    await expect(page.locator('[data-testid="stop"][data-status="failed"]')).toHaveCount(1);
    await expectAccessible(page, `driver stop list, done and failed (${locale})`);
    await page.context().close();
  });
}
