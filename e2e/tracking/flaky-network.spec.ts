import { expect, test, type Page } from "@playwright/test";
import { postFix, seedRoute, setStatus } from "../fixtures/api";

/**
 * A phone on a bad network: the connection drops and returns many times while the driver keeps
 * finishing stops and moving. Whatever happened while it was away, the page ends on the true
 * state with every timeline entry once, exactly as a fresh load shows it.
 */
test("the network drops and returns many times while updates flow: the page ends right", async ({ page, context, request }) => {
  const { driver, orders } = await seedRoute(request, 6, "flaky");
  const mine = orders[5]!;
  for (const order of orders) await setStatus(request, driver, order.id, "picked_up");
  // Fixes a minute apart on the device clock, ~550 m each: a plausible drive for the GPS filter.
  const startAt = Date.now() - 30 * 60_000;
  let seq = 0;
  const drive = () => {
    seq += 1;
    return postFix(request, driver, { lat: 40.4 + seq * 0.005, lng: -3.7, seq, at: startAt + seq * 60_000 });
  };
  await drive();
  await page.goto(mine.trackingUrl);
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
  await expect(page.getByTestId("stops-away")).toHaveText("5 stops away");

  const expected = ["4 stops away", "3 stops away", "2 stops away", "1 stop away"];
  for (const [index, text] of expected.entries()) {
    await context.setOffline(true);
    await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "offline");
    // Away: a stop finishes and the driver moves on.
    await setStatus(request, driver, orders[index]!.id, index === 2 ? "failed" : "delivered");
    await drive();
    // A blip: back for a moment and gone again before the page settles.
    await context.setOffline(false);
    await context.setOffline(true);
    await drive();
    await context.setOffline(false);
    await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
    await expect(page.getByTestId("stops-away")).toHaveText(text);
    // Online this time: the update arrives live.
    await drive();
  }

  // The last stop before mine finishes while online; then mine, while offline.
  await setStatus(request, driver, orders[4]!.id, "delivered");
  await expect(page.getByTestId("stops-away")).toHaveText("You're next");
  await context.setOffline(true);
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "offline");
  await setStatus(request, driver, mine.id, "arrived");
  await setStatus(request, driver, mine.id, "delivered");
  await context.setOffline(false);
  await expect(page.getByTestId("order-status")).toContainText(/delivered/i);
  await expect(page.getByTestId("driver-marker")).toHaveCount(0);

  // Every entry once, and in the end the same entries as a fresh load. The status comes with
  // the view and the entries with the history read after it: the timeline may settle a moment
  // after the status shows.
  const seqsOf = (target: Page) =>
    target
      .getByTestId("timeline")
      .locator("li")
      .evaluateAll((items) => items.map((item) => Number(item.getAttribute("data-seq"))));
  const freshPage = await context.newPage();
  await freshPage.goto(mine.trackingUrl);
  await expect(freshPage.getByTestId("order-status")).toContainText(/delivered/i);
  await expect(freshPage.getByTestId("timeline").locator("li").last()).toContainText(/delivered/i);
  const fresh = await seqsOf(freshPage);
  await expect.poll(() => seqsOf(page)).toEqual(fresh);
  expect(new Set(fresh).size).toBe(fresh.length);
});
