/**
 * The driver's day as one state machine, seen on a phone: a current stop with big buttons that
 * say what they do, the rest as a list; at most one stop at the door, everywhere. Going to
 * another stop while at a door is asked (and the door is left for later first), so dispatch's
 * orders table and the customers' pages never show two of the driver's stops at the door —
 * also when the server refuses an arrival the phone queued offline while another device
 * arrived elsewhere. A tap queued during a server outage keeps its stop's state across a reload.
 */
import { expect, test, type Page } from "@playwright/test";
import { signInAsAdmin } from "../fixtures/admin";
import { setStatus, type SeededOrder } from "../fixtures/api";
import { openPhone, PHONE, seed, statuses } from "../fixtures/driver-phone";

const stopOf = (page: Page, order: SeededOrder) => page.locator(`[data-testid="stop"][data-order-id="${order.id}"]`);

test("a current stop with big buttons, the rest as a list; leaving a door for another stop is asked; dispatch and the customers see one stop at the door", async ({ browser, page, request }) => {
  const { driver, orders } = await seed(request, "door", 3);
  for (const order of orders) await setStatus(request, driver, order.id, "picked_up");
  const phone = await openPhone(browser, driver);

  // The current stop is the next one on board; the others are a list offering "Do this stop first".
  const current = phone.getByTestId("current-stop");
  await expect(current.getByRole("heading", { name: "Current stop" })).toBeVisible();
  await expect(current.getByTestId("stop")).toHaveAttribute("data-order-id", orders[0]!.id);
  await expect(current.getByRole("button", { name: "Arrived" })).toBeVisible();
  await expect(current.getByText("You're at the door: the customer is told you're here.")).toBeVisible();
  await expect(phone.getByTestId("route").getByRole("button", { name: "Do this stop first" })).toHaveCount(2);
  await expect(phone.getByTestId("route").getByRole("button", { name: "Arrived" })).toHaveCount(0);

  // At the door, the buttons say what they do: no bare "Picked up".
  await current.getByRole("button", { name: "Arrived" }).click();
  await expect(current.getByRole("heading", { name: "At the door" })).toBeVisible();
  await expect.poll(() => statuses(request, orders)).toEqual(["arrived", "picked_up", "picked_up"]);
  await expect(current.getByRole("button", { name: "Delivered" })).toBeVisible();
  await expect(current.getByRole("button", { name: "Leave for later — drive on" })).toBeVisible();
  await expect(current.getByText("The parcel stays on board; this stop waits until you come back.")).toBeVisible();
  await expect(current.getByRole("button", { name: "Couldn't deliver" })).toBeVisible();
  await expect(phone.getByRole("button", { name: "Picked up" })).toHaveCount(0);

  // Going to stop 3 first while at the door of stop 1 is asked; "stay" changes nothing.
  await stopOf(phone, orders[2]!).getByRole("button", { name: "Do this stop first" }).click();
  const question = phone.getByRole("alertdialog");
  await expect(question).toContainText("You're still at the door of stop 1 (Calle door 1, Madrid). Leave it for later and go to stop 3 (Calle door 3, Madrid)?");
  await question.getByRole("button", { name: "Stay at this door" }).click();
  await expect(question).toHaveCount(0);
  await expect(current.getByTestId("stop")).toHaveAttribute("data-order-id", orders[0]!.id);
  expect(await statuses(request, orders)).toEqual(["arrived", "picked_up", "picked_up"]);

  await stopOf(phone, orders[2]!).getByRole("button", { name: "Do this stop first" }).click();
  await phone.getByRole("alertdialog").getByRole("button", { name: "Leave it for later and go" }).click();
  await expect(current.getByTestId("stop")).toHaveAttribute("data-order-id", orders[2]!.id);
  await expect(current.getByRole("heading", { name: "Current stop" })).toBeVisible();
  await expect.poll(() => statuses(request, orders)).toEqual(["picked_up", "picked_up", "picked_up"]);
  await current.getByRole("button", { name: "Arrived" }).click();
  await expect.poll(() => statuses(request, orders)).toEqual(["picked_up", "picked_up", "arrived"]);

  // The server refuses a second door, in a sentence that names the stop at the door.
  const refused = await request.post(`/api/driver/orders/${orders[1]!.id}/status`, { headers: { Authorization: `Bearer ${driver.token}` }, data: { status: "arrived" } });
  expect(refused.status()).toBe(409);
  const body = (await refused.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("stop_at_door");
  expect(body.error.message).toContain("still at the door of stop 3 (Calle door 3, Madrid)");

  // Dispatch's orders table and each customer's page agree: stop 3 is the one at the door.
  await signInAsAdmin(page);
  await page.getByTestId("tab-orders").click();
  await page.getByTestId("orders-search").fill("Customer door-");
  await expect(page.getByTestId("order-row")).toHaveCount(3);
  await expect(page.locator('[data-testid="order-row"][data-status="arrived"]')).toHaveCount(1);
  for (const [index, status] of ["picked_up", "picked_up", "arrived"].entries()) {
    await expect(page.locator(`[data-testid="order-row"][data-order-id="${orders[index]!.id}"]`)).toHaveAttribute("data-status", status);
  }
  for (const [index, status] of ["picked_up", "picked_up", "arrived"].entries()) {
    const customer = await browser.newPage();
    await customer.goto(orders[index]!.trackingUrl);
    await expect(customer.getByTestId("order-status")).toHaveAttribute("data-status", status);
    await customer.close();
  }
  await phone.context().close();
});

test("an arrival queued offline while another device arrived elsewhere: the server refuses it and the phone asks which door", async ({ browser, request }) => {
  const { driver, orders } = await seed(request, "race", 2);
  for (const order of orders) await setStatus(request, driver, order.id, "picked_up");
  const phone = await openPhone(browser, driver);
  await expect(phone.getByTestId("current-stop").getByTestId("stop")).toHaveAttribute("data-order-id", orders[0]!.id);

  await phone.context().setOffline(true);
  await expect(phone.getByTestId("offline-banner")).toContainText("You're offline.");
  await phone.getByTestId("current-stop").getByRole("button", { name: "Arrived" }).click();
  await expect(stopOf(phone, orders[0]!).getByTestId("stop-status")).toHaveText("At the door (waiting to send)");
  // Meanwhile the driver's other phone reaches stop 2's door.
  await setStatus(request, driver, orders[1]!.id, "arrived");

  await phone.context().setOffline(false);
  const question = phone.getByRole("alertdialog");
  await expect(question).toContainText("You're still at the door of stop 2 (Calle race 2, Madrid). Leave it for later and go to stop 1 (Calle race 1, Madrid)?", { timeout: 20_000 });
  await expect(phone.getByTestId("dropped-message")).toContainText("another stop was still at the door");
  expect(await statuses(request, orders)).toEqual(["picked_up", "arrived"]);
  await question.getByRole("button", { name: "Leave it for later and go" }).click();
  await expect.poll(() => statuses(request, orders)).toEqual(["arrived", "picked_up"]);
  await expect(phone.getByTestId("current-stop").getByTestId("stop")).toHaveAttribute("data-order-id", orders[0]!.id);
  await expect(phone.getByTestId("current-stop").getByRole("heading", { name: "At the door" })).toBeVisible();
  await phone.context().close();
});

test("a tap queued while the server is down keeps its stop's state after a reload, then is sent once", async ({ browser, request }) => {
  const { driver, orders } = await seed(request, "outage", 2);
  for (const order of orders) await setStatus(request, driver, order.id, "picked_up");
  const phone = await openPhone(browser, driver);
  const first = stopOf(phone, orders[0]!);
  await expect(first).toHaveAttribute("data-current", "true");
  await expect(phone.getByTestId("network-state")).toHaveText("online");

  // The server stops answering the API (the page itself still loads): not "online".
  await phone.context().route("**/api/**", (route) => route.abort("connectionrefused"));
  await phone.getByTestId("current-stop").getByRole("button", { name: "Arrived" }).click();
  await expect(phone.getByTestId("network-state")).toHaveText("server unreachable");
  await expect(phone.getByTestId("offline-banner")).toHaveText("Can't reach the server. 1 waiting to send: kept on this phone and sent as soon as it answers.");
  await expect(first.getByTestId("stop-status")).toHaveText("At the door (waiting to send)");

  await phone.reload();
  await expect(phone.getByTestId("driver-app")).toBeVisible();
  await expect(phone.getByTestId("queue-length")).toHaveText("1");
  // Still at the door, waiting to send — not "On board" with an Arrived button inviting a second tap.
  await expect(first.getByTestId("stop-status")).toHaveText("At the door (waiting to send)");
  await expect(first).toHaveAttribute("data-current", "true");
  await expect(phone.getByRole("button", { name: "Arrived" })).toHaveCount(0);
  await expect(phone.getByTestId("current-stop").getByRole("button", { name: "Leave for later — drive on" })).toBeVisible();
  await expect(phone.getByTestId("network-state")).toHaveText("server unreachable");
  expect(await statuses(request, orders)).toEqual(["picked_up", "picked_up"]);
  // The longer status wraps on the phone instead of widening the page under the banner.
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

  await phone.context().unroute("**/api/**");
  await expect(phone.getByTestId("queue-length")).toHaveText("0", { timeout: 30_000 });
  await expect.poll(() => statuses(request, orders)).toEqual(["arrived", "picked_up"]);
  await expect(first.getByTestId("stop-status")).toHaveText("At the door");
  await expect(phone.getByTestId("network-state")).toHaveText("online");
  await expect(phone.getByTestId("offline-banner")).toHaveCount(0);
  await phone.context().close();
});

test("in Spanish: the door's buttons and the question say what they do", async ({ browser, request }) => {
  const { driver, orders } = await seed(request, "es", 2);
  for (const order of orders) await setStatus(request, driver, order.id, "picked_up");
  await setStatus(request, driver, orders[0]!.id, "arrived");
  const phone = await openPhone(browser, driver, "es-ES");
  const current = phone.getByTestId("current-stop");
  await expect(current.getByRole("heading", { name: "En la puerta" })).toBeVisible();
  await expect(current.getByRole("button", { name: "Entregado" })).toBeVisible();
  await expect(current.getByRole("button", { name: "Dejar para más tarde y seguir" })).toBeVisible();
  await expect(current.getByRole("button", { name: "No se pudo entregar" })).toBeVisible();
  await expect(phone.getByRole("button", { name: "Recogido" })).toHaveCount(0);
  await stopOf(phone, orders[1]!).getByRole("button", { name: "Hacer esta parada primero" }).click();
  await expect(phone.getByRole("alertdialog")).toContainText("Todavía estás en la puerta de la parada 1 (Calle es 1, Madrid). ¿La dejas para más tarde y vas a la parada 2 (Calle es 2, Madrid)?");
  await phone.getByRole("alertdialog").getByRole("button", { name: "Seguir en esta puerta" }).click();
  await current.getByRole("button", { name: "Dejar para más tarde y seguir" }).click();
  await expect.poll(() => statuses(request, orders)).toEqual(["picked_up", "picked_up"]);
  // Left for later: the next stop on board is current.
  await expect(current.getByTestId("stop")).toHaveAttribute("data-order-id", orders[1]!.id);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await phone.context().close();
});
