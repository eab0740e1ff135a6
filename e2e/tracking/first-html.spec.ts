/**
 * Issue 18, item 3: the server-rendered tracking page is right before any script runs — status,
 * stops away, the ETA window and the timeline with its times are in the first HTML (read here
 * with JavaScript disabled), and the page then goes live as before.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { postFix, seedRoute, setStatus } from "../fixtures/api";

const TIME = /\d{1,2}:\d{2}/;

async function waitForEta(request: APIRequestContext, trackingUrl: string): Promise<void> {
  await expect
    .poll(async () => {
      const response = await request.get(`/api${trackingUrl}`);
      return ((await response.json()) as { view: { eta: unknown } }).view.eta !== null;
    })
    .toBe(true);
}

test("without JavaScript the page already shows the status, stops away, the ETA window and the timeline's times", async ({ browser, request }) => {
  const { driver, orders } = await seedRoute(request, 3, "first-html");
  const mine = orders[2]!;
  for (const order of orders) await setStatus(request, driver, order.id, "picked_up");
  await postFix(request, driver, { lat: 40.405, lng: -3.7, seq: 1 });
  await waitForEta(request, mine.trackingUrl);

  const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-GB", viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(mine.trackingUrl);
  await expect(page.getByTestId("order-status")).toHaveText("Out for delivery");
  await expect(page.getByTestId("stops-away")).toHaveText("2 stops away");
  const eta = page.getByTestId("eta");
  await expect(eta).toHaveAttribute("data-eta-state", /^(window|countdown)$/);
  await expect(eta.locator(".tracking__eta-window")).toHaveText(new RegExp(`^between ${TIME.source} and ${TIME.source}$`));
  const times = page.getByTestId("timeline-time");
  expect(await times.count()).toBeGreaterThanOrEqual(3);
  for (const time of await times.all()) await expect(time).toHaveText(TIME);
  // Two stops away with a position: the map area is the full map from the first HTML, drawn
  // without its library (e2e/tracking/first-map.spec.ts): the driver, the stop and the tiles.
  await expect(page.getByTestId("tracking-map")).toHaveAttribute("data-form", "map");
  await expect(page.getByTestId("driver-marker")).toHaveAttribute("data-lat", "40.405000");
  await expect(page.getByTestId("destination-marker")).toBeVisible();
  expect(await page.getByTestId("tracking-map").locator("img").count()).toBeGreaterThan(0);
  await context.close();

  // With JavaScript: the same values, then live.
  const live = await (await browser.newContext({ locale: "en-GB" })).newPage();
  // The browser's first render repeats the server's text: no hydration mismatch (React #418/#425).
  const errors: string[] = [];
  live.on("pageerror", (error) => errors.push(error.message));
  live.on("console", (message) => (message.type() === "error" ? errors.push(message.text()) : undefined));
  await live.goto(mine.trackingUrl);
  await expect(live.getByTestId("eta").locator(".tracking__eta-window")).toHaveText(TIME);
  await expect(live.getByTestId("connection-state")).toContainText("Live");
  await expect(live.getByTestId("timeline-time").first()).toHaveText(TIME);
  expect(errors.filter((text) => /hydrat|#418|#425|#423/i.test(text))).toEqual([]);
  await live.context().close();
});
