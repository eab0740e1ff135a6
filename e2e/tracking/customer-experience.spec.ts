import { expect, test, type Page } from "@playwright/test";
import { postFix, seedRoute, setRoute, setStatus } from "../fixtures/api";

const timelineKinds = (page: Page) =>
  page
    .getByTestId("timeline")
    .locator("li")
    .evaluateAll((items) => items.map((item) => item.getAttribute("data-kind")));

test.use({ viewport: { width: 360, height: 780 } });

test("the timeline tells every step with its time, live, with the failure reason", async ({ page, request }) => {
  const { driver, orders } = await seedRoute(request, 3, "timeline");
  const mine = orders[2]!;
  await page.goto(mine.trackingUrl);
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
  await expect.poll(() => timelineKinds(page)).toEqual(["created", "assigned"]);

  for (const order of orders) await setStatus(request, driver, order.id, "picked_up");
  await expect(page.getByTestId("timeline")).toContainText(/picked up/i);
  await postFix(request, driver, { lat: 40.405, lng: -3.7, seq: 1 });
  await expect(page.getByTestId("timeline").locator('[data-kind="out_for_delivery"]')).toContainText("2 stops away");
  await setStatus(request, driver, orders[0]!.id, "delivered");
  await expect(page.getByTestId("timeline").locator('[data-kind="stops_away"]').last()).toContainText("1 stop away");
  await setStatus(request, driver, orders[1]!.id, "failed");
  await expect(page.getByTestId("timeline").locator('[data-kind="stops_away"]').last()).toContainText(/arriving/i);
  await setStatus(request, driver, mine.id, "arrived");
  await setStatus(request, driver, mine.id, "failed", "Nobody answered the door");

  await expect.poll(() => timelineKinds(page)).toEqual(["created", "assigned", "picked_up", "out_for_delivery", "stops_away", "stops_away", "arrived", "failed"]);
  // The reason is told once, in the outcome card, with what happens next.
  await expect(page.getByTestId("delivery-outcome")).toContainText("Nobody answered the door");
  await expect(page.getByTestId("timeline")).not.toContainText("Nobody answered the door");
  // Every line has its time.
  for (const time of await page.getByTestId("timeline").locator("time").all()) await expect(time).toHaveText(/\d{1,2}:\d{2}/);
  await expect(page.getByTestId("order-status")).toHaveText("Delivery failed");
  await expect(page.getByTestId("finished-at")).toHaveText(/^Today at \d{1,2}:\d{2}/);
  // The page reloaded shows the same history, read from the order's events.
  await page.reload();
  await expect.poll(() => timelineKinds(page)).toEqual(["created", "assigned", "picked_up", "out_for_delivery", "stops_away", "stops_away", "arrived", "failed"]);
});

test("stops away follows a reorder of the route live; the ETA is a time and a window that moves", async ({ page, request }) => {
  const { driver, orders } = await seedRoute(request, 4, "reorder");
  const mine = orders[3]!;
  for (const order of orders) await setStatus(request, driver, order.id, "picked_up");
  await page.goto(mine.trackingUrl);
  await expect(page.getByTestId("stops-away")).toHaveText("3 stops away");
  await expect(page.getByTestId("eta")).toHaveText("Waiting for the driver's position");

  // The driver is past this order (north of it): its route goes back south through the other
  // three first, so moving it to the front saves kilometres, not only the doors' dwell (which the
  // fleet learned from the suite's quick e2e drivers may make shorter than the ETA's minute).
  await postFix(request, driver, { lat: 40.43, lng: -3.7, seq: 1 });
  // A time, or the countdown when the fleet learned so far (the suite's earlier drivers) puts it
  // within minutes; a window either way.
  await expect(page.getByTestId("eta")).toHaveText(/^(\d{1,2}:\d{2}|Arriving in about \d+ min).*between \d{1,2}:\d{2}.* and \d{1,2}:\d{2}/);
  const etaBefore = await page.getByTestId("eta").getAttribute("data-eta");

  // Dispatch moves this order to the front: "You're next", and the ETA comes earlier.
  await setRoute(request, driver.id, [mine.id, orders[0]!.id, orders[1]!.id, orders[2]!.id]);
  await expect(page.getByTestId("stops-away")).toHaveText("You're next");
  await expect.poll(async () => Date.parse((await page.getByTestId("eta").getAttribute("data-eta")) ?? "")).toBeLessThan(Date.parse(etaBefore ?? ""));

  // And back to the end: 3 stops again.
  await setRoute(request, driver.id, [orders[0]!.id, orders[1]!.id, orders[2]!.id, mine.id]);
  await expect(page.getByTestId("stops-away")).toHaveText("3 stops away");
  // A finished earlier stop brings it closer, and a new fix recomputes the ETA.
  await setStatus(request, driver, orders[0]!.id, "delivered");
  await expect(page.getByTestId("stops-away")).toHaveText("2 stops away");
});

test("a silent driver reads 'last seen N min ago', only while the driver may be shown", async ({ page, request }) => {
  const { driver, orders } = await seedRoute(request, 2, "silent");
  for (const order of orders) await setStatus(request, driver, order.id, "picked_up");
  // The phone's last fix is 7 minutes old (the default silence is 5 min).
  await postFix(request, driver, { lat: 40.406, lng: -3.7, seq: 1, at: Date.now() - 7 * 60_000 });

  await page.goto(orders[1]!.trackingUrl);
  await expect(page.getByTestId("driver-marker")).toHaveCount(1);
  await expect(page.getByTestId("driver-last-seen")).toHaveText(/last seen 7 min ago/i);

  // A fresh fix: the driver is live again.
  await postFix(request, driver, { lat: 40.407, lng: -3.7, seq: 2 });
  await expect(page.getByTestId("driver-last-seen")).toHaveCount(0);

  // Delivered: no driver, and no "last seen" either.
  await setStatus(request, driver, orders[0]!.id, "delivered");
  await setStatus(request, driver, orders[1]!.id, "delivered");
  await expect(page.getByTestId("driver-marker")).toHaveCount(0);
  await expect(page.getByTestId("driver-last-seen")).toHaveCount(0);
});

test("offline, then back: the page catches up with no missed timeline entry", async ({ page, context, request }) => {
  const { driver, orders } = await seedRoute(request, 4, "offline");
  const mine = orders[3]!;
  for (const order of orders) await setStatus(request, driver, order.id, "picked_up");
  await postFix(request, driver, { lat: 40.405, lng: -3.7, seq: 1 });
  await page.goto(mine.trackingUrl);
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
  await expect(page.getByTestId("timeline").locator('[data-kind="out_for_delivery"]')).toContainText("3 stops away");

  await context.setOffline(true);
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "offline");
  await expect(page.getByTestId("connection-state")).toContainText(/offline/i);

  // While the customer is offline: two stops finish and the driver moves on.
  await setStatus(request, driver, orders[0]!.id, "delivered");
  await postFix(request, driver, { lat: 40.412, lng: -3.7, seq: 2 });
  await setStatus(request, driver, orders[1]!.id, "failed", "Closed");
  await postFix(request, driver, { lat: 40.416, lng: -3.7, seq: 3 });
  // Nothing reached the page meanwhile.
  await expect(page.getByTestId("stops-away")).toHaveText("3 stops away");

  await context.setOffline(false);
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
  await expect(page.getByTestId("connection-state")).toContainText(/live/i);
  await expect(page.getByTestId("stops-away")).toHaveText("1 stop away");
  await expect(page.getByTestId("driver-marker")).toHaveCount(1);
  const lines = page.getByTestId("timeline").locator('[data-kind="stops_away"]');
  await expect(lines).toHaveText(["2 stops away", "1 stop away"].map((text) => new RegExp(text)));
  // The catch-up came from the stream: the same entries as a fresh load, none twice.
  const seqs = await page
    .getByTestId("timeline")
    .locator("li")
    .evaluateAll((items) => items.map((item) => Number(item.getAttribute("data-seq"))));
  expect(new Set(seqs).size).toBe(seqs.length);
  await page.reload();
  const fresh = await page
    .getByTestId("timeline")
    .locator("li")
    .evaluateAll((items) => items.map((item) => Number(item.getAttribute("data-seq"))));
  expect(fresh).toEqual(seqs);
});

test("before delivery: a note for the driver; after: when, the driver's note, and one rating", async ({ page, request }) => {
  const { driver, orders } = await seedRoute(request, 1, "after");
  const mine = orders[0]!;
  const token = mine.trackingUrl.split("/").pop()!;
  await page.goto(mine.trackingUrl);

  const card = page.getByTestId("delivery-choice");
  await card.getByLabel("Note for your driver (optional)").fill("Ring twice, blue door");
  await card.getByRole("button", { name: "Save" }).click();
  await expect(card.getByTestId("choice-status")).toHaveText("Saved: your driver will see it.");
  const stored = await request.get(`/api/track/${token}`);
  expect((await stored.json()).instructions).toBe("Ring twice, blue door");

  await setStatus(request, driver, mine.id, "picked_up");
  await setStatus(request, driver, mine.id, "delivered", "Left with the neighbour at 2B");
  await expect(page.getByTestId("order-status")).toHaveText(/delivered/i);
  await expect(page.getByTestId("delivery-choice")).toHaveCount(0);
  await expect(page.getByTestId("finished-at")).toHaveText(/^Today at \d{1,2}:\d{2}/);
  await expect(page.getByTestId("delivery-proof")).toContainText("Left with the neighbour at 2B");
  // The delivered page does not contradict itself: no ETA, no stops, nothing "live", the note once,
  // "Delivered" only as the headline and the timeline's last line.
  await expect(page.getByTestId("eta")).toHaveCount(0);
  await expect(page.getByTestId("stops-away")).not.toContainText(/stop/i);
  await expect(page.getByTestId("connection-state")).toHaveText(/final status/i);
  await expect(page.getByText("Delivering to")).toHaveCount(0);
  await expect(page.getByText("Delivered to")).toBeVisible();
  await expect(page.getByText(/Left with the neighbour at 2B/)).toHaveCount(1);
  await expect(page.getByTestId("delivery-outcome").getByRole("heading")).toHaveText("Driver's note");
  await expect(page.getByText(/^Delivered$/)).toHaveCount(2);

  const feedback = page.getByTestId("feedback");
  await feedback.getByRole("button", { name: /send rating/i }).click();
  await expect(feedback).toContainText(/choose a rating/i);
  await feedback.getByRole("radio", { name: "4 stars" }).check();
  await feedback.getByLabel(/comment/i).fill("Friendly and fast");
  await feedback.getByRole("button", { name: /send rating/i }).click();
  await expect(feedback).toContainText(/thank you/i);
  await expect(feedback).toContainText("4 out of 5");

  // Once only: a second rating is refused, and the page after reload shows the first.
  const again = await request.post(`/api/track/${token}/feedback`, { data: { rating: 1 } });
  expect(again.status()).toBe(409);
  await page.reload();
  await expect(page.getByTestId("feedback")).toContainText("4 out of 5");
  await expect(page.getByTestId("feedback").getByRole("button")).toHaveCount(0);
});

test("Spanish, at 360 px: everything new is translated", async ({ browser, request }) => {
  const { driver, orders } = await seedRoute(request, 2, "es");
  const context = await browser.newContext({ locale: "es-ES", viewport: { width: 360, height: 780 } });
  const page = await context.newPage();
  for (const order of orders) await setStatus(request, driver, order.id, "picked_up");
  await postFix(request, driver, { lat: 40.405, lng: -3.7, seq: 1 });
  await page.goto(orders[1]!.trackingUrl);
  await expect(page.getByTestId("stops-away")).toHaveText("A 1 parada");
  await expect(page.getByTestId("eta")).toContainText(/entre las/);
  await expect(page.getByTestId("timeline")).toContainText("Recogido por tu repartidor");
  await expect(page.getByTestId("delivery-choice").getByLabel("Nota para tu repartidor (opcional)")).toBeVisible();
  await setStatus(request, driver, orders[0]!.id, "delivered");
  await expect(page.getByTestId("timeline")).toContainText("Llegando: eres el siguiente");
  await setStatus(request, driver, orders[1]!.id, "delivered");
  await expect(page.getByTestId("order-status")).toHaveText("Entregado");
  await expect(page.getByTestId("finished-at")).toHaveText(/^Hoy a las \d/);
  await expect(page.getByTestId("feedback")).toContainText("¿Qué tal tu entrega?");
  // Nothing wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await context.close();
});
