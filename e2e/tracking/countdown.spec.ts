import { expect, test } from "@playwright/test";
import { createDriver, createOrderDueAt, postFix, seedRoute, setRoute, setStatus } from "../fixtures/api";

test("near the end the ETA counts down between updates, and a new estimate re-anchors it", async ({ page, request }) => {
  const { driver, orders } = await seedRoute(request, 1, "countdown");
  const mine = orders[0]!;
  await setStatus(request, driver, mine.id, "picked_up");
  await page.clock.install();
  await page.goto(mine.trackingUrl);

  // About 2.2 km south of the door (three minutes ago, so the next fix is a plausible drive away):
  // some seven minutes at an urban speed.
  await postFix(request, driver, { lat: 40.39, lng: -3.7, seq: 1, at: Date.now() - 3 * 60_000 });
  const eta = page.getByTestId("eta");
  await expect(eta).toHaveAttribute("data-eta-state", "countdown");
  await expect(eta).toContainText(/Arriving in about \d+ min/);
  await expect(eta).toContainText(/between \d{1,2}:\d{2}.* and \d{1,2}:\d{2}/);
  const minutes = page.getByTestId("eta").locator("[data-minutes]");
  const before = Number(await minutes.getAttribute("data-minutes"));
  expect(before).toBeGreaterThan(2);

  // Two minutes without an update: the count goes on by itself.
  await page.clock.fastForward("02:00");
  await expect.poll(async () => Number(await minutes.getAttribute("data-minutes"))).toBeLessThanOrEqual(before - 2);
  await expect(eta).toHaveAttribute("data-eta-state", "countdown");
  const etaBefore = await eta.getAttribute("data-eta");

  // A new fix brings a new estimate, and the count starts again from it.
  await postFix(request, driver, { lat: 40.4, lng: -3.7, seq: 2 });
  await expect(eta).not.toHaveAttribute("data-eta", etaBefore ?? "");
  await expect(eta).toContainText(/Arriving in about \d+ min/);
  expect(Number(await minutes.getAttribute("data-minutes"))).toBeGreaterThanOrEqual(1);
});

test("running late, with the new window, once the estimate passes the order's due time", async ({ browser, page, request }) => {
  const driver = await createDriver(request, "Driver late");
  const mine = await createOrderDueAt(request, { customerName: "Customer late", address: "Calle Tarde 1, Madrid", lat: 40.41, lng: -3.7, dueAt: new Date(Date.now() + 5 * 60_000).toISOString() });
  await setRoute(request, driver.id, [mine.id]);
  await setStatus(request, driver, mine.id, "picked_up");
  await page.goto(mine.trackingUrl);

  // Some 11 km away (twenty minutes ago): over half an hour, long after the promised five minutes.
  await postFix(request, driver, { lat: 40.31, lng: -3.7, seq: 1, at: Date.now() - 20 * 60_000 });
  const eta = page.getByTestId("eta");
  await expect(eta).toHaveAttribute("data-eta-state", "running_late");
  await expect(eta).toContainText("Running late");
  await expect(eta).toContainText(/now between \d{1,2}:\d{2}.* and \d{1,2}:\d{2}/);

  // And in Spanish.
  const spanish = await browser.newContext({ locale: "es-ES" });
  const spanishPage = await spanish.newPage();
  await spanishPage.goto(mine.trackingUrl);
  await expect(spanishPage.getByTestId("eta")).toContainText("Con retraso");
  await expect(spanishPage.getByTestId("eta")).toContainText(/ahora entre las \d{1,2}:\d{2}.* y las \d{1,2}:\d{2}/);
  await spanish.close();

  // Close to the door and still after the due time: the countdown says it is late too.
  await postFix(request, driver, { lat: 40.39, lng: -3.7, seq: 2, at: Date.now() });
  await expect(eta).toHaveAttribute("data-eta-state", "countdown");
  await expect(eta).toHaveAttribute("data-running-late", "true");
  await expect(eta).toContainText("Running late");
});

test("running late without a due time: the estimate passes the first window shown", async ({ page, request }) => {
  const { driver, orders } = await seedRoute(request, 1, "late-window");
  const mine = orders[0]!;
  await setStatus(request, driver, mine.id, "picked_up");
  // A first estimate from close by, twenty minutes ago...
  await postFix(request, driver, { lat: 40.4, lng: -3.7, seq: 1, at: Date.now() - 20 * 60_000 });
  await page.goto(mine.trackingUrl);
  const eta = page.getByTestId("eta");
  await expect(eta).toHaveText(/\d/);
  await expect(eta).not.toHaveAttribute("data-eta-state", "running_late");
  // ...then the driver is sent the long way round (18 km off, about 50 km/h since: a fix the GPS
  // filter takes): the new estimate is well after the promised window, however wide it was.
  await postFix(request, driver, { lat: 40.24, lng: -3.7, seq: 2 });
  await expect(eta).toHaveAttribute("data-eta-state", "running_late");
  await expect(eta).toContainText("Running late");
});
