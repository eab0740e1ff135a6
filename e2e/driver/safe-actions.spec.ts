/**
 * Safe actions on the phone: sign-out asks and says what is open and unsent (a mis-tap mid-route
 * keeps the session); "Picked up all" asks before it acts on every parcel; the proof photo opens
 * the camera from a "Take photo" button in the phone's language; "Delivered" says where the
 * parcel was left, starting from what the customer asked, and the customer's page says it back;
 * a failure's reason reaches the customer in their language and dispatch in words.
 */
import { expect, test } from "@playwright/test";
import { encodePng } from "../../lib/png/encode-png";
import { signInAsAdmin } from "../fixtures/admin";
import { setStatus, type SeededOrder } from "../fixtures/api";
import { openPhone, seed, statuses } from "../fixtures/driver-phone";

const tokenOf = (order: SeededOrder) => order.trackingUrl.split("/track/")[1]!;

test("sign-out asks, naming the open stops and what is not sent; staying keeps the session", async ({ browser, request }) => {
  const { driver, orders } = await seed(request, "signout", 3);
  await setStatus(request, driver, orders[0]!.id, "picked_up");
  const phone = await openPhone(browser, driver);
  await phone.context().setOffline(true);
  await phone.getByTestId("current-stop").getByRole("button", { name: "Arrived" }).click();
  await expect(phone.getByTestId("queue-length")).toHaveText("1");

  await phone.getByTestId("sign-out").click();
  const dialog = phone.getByRole("alertdialog");
  await expect(dialog.getByRole("heading", { name: "Sign out of the driver app?" })).toBeVisible();
  await expect(dialog).toContainText("You still have 3 open stops today. 1 update is not sent yet and will be lost. To sign in again you need your sign-in code or its QR code from dispatch.");
  // The safe choice has the focus: a second mis-tap does not sign out.
  await expect(dialog.getByRole("button", { name: "Stay signed in" })).toBeFocused();
  await phone.keyboard.press("Enter");
  await expect(dialog).toHaveCount(0);
  await expect(phone.getByTestId("driver-name")).toHaveText("Driver signout");
  await phone.context().setOffline(false);
  await expect(phone.getByTestId("queue-length")).toHaveText("0", { timeout: 20_000 });
  await expect.poll(() => statuses(request, orders)).toEqual(["arrived", "assigned", "assigned"]);
  await phone.reload();
  await expect(phone.getByTestId("driver-name")).toHaveText("Driver signout");
  await phone.context().close();

  const spanish = await openPhone(browser, driver, "es-ES");
  await spanish.getByTestId("sign-out").click();
  await expect(spanish.getByRole("alertdialog")).toContainText("Todavía tienes 3 paradas abiertas hoy. Para volver a entrar necesitas tu código de acceso o su código QR del equipo de reparto.");
  await spanish.getByRole("alertdialog").getByRole("button", { name: "Salir" }).click();
  await expect(spanish.getByTestId("driver-sign-in")).toBeVisible();
  await spanish.context().close();
});

test("'Picked up all' asks first; 'Not yet' changes nothing", async ({ browser, request }) => {
  const { driver, orders } = await seed(request, "bulk", 4);
  const phone = await openPhone(browser, driver);
  await phone.getByTestId("pick-up-all").click();
  const dialog = phone.getByRole("alertdialog");
  await expect(dialog.getByRole("heading", { name: "All 4 parcels on board?" })).toBeVisible();
  await expect(dialog).toContainText("This marks 4 stops as picked up");
  await dialog.getByRole("button", { name: "Not yet" }).click();
  await phone.waitForTimeout(1_000);
  expect(await statuses(request, orders)).toEqual(["assigned", "assigned", "assigned", "assigned"]);
  await expect(phone.getByTestId("pick-up-all")).toHaveText("Picked up all (4)");

  await phone.getByTestId("pick-up-all").click();
  await phone.getByRole("alertdialog").getByRole("button", { name: "Yes, all 4 are on board" }).click();
  await expect.poll(() => statuses(request, orders)).toEqual(["picked_up", "picked_up", "picked_up", "picked_up"]);
  await expect(phone.getByTestId("pick-up-all")).toHaveCount(0);
  await phone.context().close();
});

test("delivered with the customer's neighbour: 'Take photo' opens the camera, the form starts from the customer's choice, the customer and dispatch read where it is", async ({
  browser,
  page,
  request,
}) => {
  const { driver, orders } = await seed(request, "neighbour", 1);
  const [order] = orders as [SeededOrder];
  expect((await request.put(`/api/track/${tokenOf(order)}/choice`, { data: { kind: "neighbour", neighbourName: "Marta", neighbourDoor: "2B" } })).status()).toBe(200);
  await setStatus(request, driver, order.id, "picked_up");
  await setStatus(request, driver, order.id, "arrived");
  const phone = await openPhone(browser, driver);
  const stop = phone.getByTestId("current-stop");
  await stop.getByRole("button", { name: "Delivered" }).click();
  const form = stop.getByTestId("deliver-form");

  // Where it was left: the customer's choice is ticked and filled in, and marked as what they asked.
  await expect(form.getByRole("radio", { name: /A neighbour/ })).toBeChecked();
  await expect(form.getByText("A neighbour · what the customer asked")).toBeVisible();
  await expect(form.getByLabel("Neighbour's name")).toHaveValue("Marta");
  await expect(form.getByLabel("Their door (number, floor, flat)")).toHaveValue("2B");
  // A neighbour without a door is asked for, nothing is sent.
  await form.getByLabel("Their door (number, floor, flat)").fill("");
  await form.getByRole("button", { name: "Confirm delivered" }).click();
  await expect(form.getByText("Write the neighbour's name and door.")).toBeVisible();
  expect(await statuses(request, orders)).toEqual(["arrived"]);
  await form.getByLabel("Their door (number, floor, flat)").fill("2B");

  // The camera opens from a button in the app's language; no raw file control on screen.
  await expect(form.getByTestId("proof-photo")).toBeHidden();
  await expect(phone.getByText(/Choose File|No file chosen/)).toHaveCount(0);
  const chooser = phone.waitForEvent("filechooser");
  await form.getByRole("button", { name: "Take photo" }).click();
  await (await chooser).setFiles({ name: "door.png", mimeType: "image/png", buffer: encodePng({ width: 48, height: 48, channels: 3, pixel: () => [0x60, 0x80, 0xa0] }) });
  await expect(form.getByTestId("proof-preview")).toBeVisible();
  await expect(form.getByRole("button", { name: "Take another photo" })).toBeVisible();
  await form.getByRole("button", { name: "Confirm delivered" }).click();
  await expect.poll(() => statuses(request, orders)).toEqual(["delivered"]);

  for (const [locale, words] of [
    ["en-GB", "Left with your neighbour Marta (2B)."],
    ["es-ES", "Dejado con tu vecino Marta (2B)."],
  ] as const) {
    const context = await browser.newContext({ locale });
    const customer = await context.newPage();
    await customer.goto(order.trackingUrl);
    await expect(customer.getByTestId("delivered-to")).toHaveText(words);
    await context.close();
  }

  await signInAsAdmin(page);
  await page.getByTestId("tab-orders").click();
  await page.getByTestId("orders-search").fill("Customer neighbour-1");
  await page.getByRole("button", { name: "Customer neighbour-1" }).click();
  await expect(page.getByTestId("order-delivered-to")).toHaveText("Left with the neighbour Marta (2B).");
  await phone.context().close();
});

test("in Spanish: 'Hacer foto', and a failure's reason reaches the customer in their language and dispatch in words", async ({ browser, page, request }) => {
  const { driver, orders } = await seed(request, "motivo", 2);
  for (const order of orders) await setStatus(request, driver, order.id, "picked_up");
  await setStatus(request, driver, orders[0]!.id, "arrived");
  const phone = await openPhone(browser, driver, "es-ES");
  const stop = phone.getByTestId("current-stop");
  await stop.getByRole("button", { name: "Entregado" }).click();
  await expect(stop.getByRole("button", { name: "Hacer foto" })).toBeVisible();
  await expect(stop.getByRole("radio", { name: "El cliente" })).toBeChecked();
  await stop.getByRole("button", { name: "Cancelar" }).click();

  await stop.getByRole("button", { name: "No se pudo entregar" }).click();
  await expect(stop.getByTestId("fail-reason").locator("option:checked")).toHaveText("El cliente no estaba en casa");
  await stop.getByLabel("Detalles").fill("timbre roto");
  await stop.getByRole("button", { name: "Confirmar no entregado" }).click();
  await expect.poll(() => statuses(request, orders)).toEqual(["failed", "picked_up"]);

  for (const [locale, words] of [
    ["en-GB", "Customer not at home"],
    ["es-ES", "El cliente no estaba en casa"],
  ] as const) {
    const context = await browser.newContext({ locale });
    const customer = await context.newPage();
    await customer.goto(orders[0]!.trackingUrl);
    await expect(customer.getByTestId("failure-reason")).toHaveText(words);
    await expect(customer.getByTestId("delivery-outcome")).toContainText("timbre roto");
    await context.close();
  }

  await signInAsAdmin(page);
  await page.getByTestId("tab-alerts").click();
  await expect(page.getByTestId("alert").filter({ hasText: "Customer motivo-1" })).toContainText("failed (Driver motivo): Customer not at home — “timbre roto”");
  await phone.context().close();
});
