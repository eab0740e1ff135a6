/**
 * The customer's choices as a first-time customer meets them: nothing is pre-selected (nothing
 * looks saved that the driver would not see), one note box for the driver (labelled on the
 * driver's stop), and a mistake is named at its field, in the error colour — in English and
 * Spanish.
 */
import { expect, test, type Locator } from "@playwright/test";
import { createDriver, createOrder, setRoute } from "../fixtures/api";

test.use({ viewport: { width: 390, height: 844 } });

/** The error colour of the page (--danger), as the browser computes it. */
const DANGER = "rgb(179, 38, 30)";

const colourOf = (locator: Locator) => locator.evaluate((element) => getComputedStyle(element).color);

test("nothing is pre-selected, one note box, and each mistake is named at its field in the error colour", async ({ page, browser, request }) => {
  const driver = await createDriver(request, "Driver Choices");
  const order = await createOrder(request, { customerName: "Choices Clara", address: "Calle Campos 4, Madrid", lat: 40.43, lng: -3.71 });
  await setRoute(request, driver.id, [order.id]);
  await page.goto(order.trackingUrl);
  const card = page.getByTestId("delivery-choice");

  // Nothing chosen: no option checked, and the card says so instead of looking saved.
  for (const kind of ["door", "neighbour", "safe_place", "reschedule"]) await expect(card.getByTestId(`choice-${kind}`)).not.toBeChecked();
  await expect(card.getByTestId("choice-none")).toHaveText("Nothing chosen yet: the driver will ring and follow the sender's usual practice.");
  await expect(card.getByTestId("choice-current")).toHaveCount(0);
  // One note box on the whole page (no second "Delivery instructions" card).
  await expect(page.locator("textarea")).toHaveCount(1);
  await expect(page.getByText("Delivery instructions")).toHaveCount(0);

  // Saving nothing says what to do, in the error colour.
  await card.getByTestId("choice-save").click();
  const status = card.getByTestId("choice-status");
  await expect(status).toHaveText("Choose an option or write a note first.");
  expect(await colourOf(status)).toBe(DANGER);

  // A neighbour without a name or door: each field says what it needs.
  await card.getByLabel("With a neighbour").check();
  await card.getByTestId("choice-save").click();
  await expect(status).toHaveText("2 fields need a correction (see below).");
  expect(await colourOf(status)).toBe(DANGER);
  const name = card.getByLabel("Neighbour's name");
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(card.getByText("Please enter your neighbour's name.")).toBeVisible();
  await expect(card.getByText("Please enter your neighbour's door (number, floor, flat).")).toBeVisible();
  expect(await colourOf(card.getByText("Please enter your neighbour's name."))).toBe(DANGER);
  await expect(page.getByText(/something is missing or too long/)).toHaveCount(0);

  // Another day with a window but no day, then a window that ends before it starts.
  await card.getByLabel("I won't be home: deliver another day").check();
  await card.getByLabel("From", { exact: true }).fill("12:00");
  await card.getByLabel("To", { exact: true }).fill("10:00");
  await card.getByTestId("choice-save").click();
  await expect(card.getByText("Please pick the day of this time window.")).toBeVisible();
  await expect(card.getByLabel("Preferred day (optional)")).toHaveAttribute("aria-invalid", "true");

  // Corrected: a safe place and a note, saved together; the driver sees both, the note labelled.
  await card.getByLabel("In a safe place").check();
  await card.getByLabel("Where is the safe place?").fill("Behind the blue gate");
  await card.getByLabel("Note for your driver (optional)").fill("Gate code 1234");
  await card.getByTestId("choice-save").click();
  await expect(status).toHaveText("Saved: your driver will see it.");
  expect(await colourOf(status)).not.toBe(DANGER);
  await expect(card.getByTestId("choice-current")).toHaveText("Your choice: leave it in a safe place: Behind the blue gate.");

  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await phone.goto(`/driver?token=${encodeURIComponent(driver.token)}`);
  const stop = phone.locator(`[data-testid="stop"][data-order-id="${order.id}"]`);
  await expect(stop.getByTestId("stop-choice")).toContainText("Customer: leave it in a safe place: Behind the blue gate");
  await expect(stop.getByTestId("stop-note")).toHaveText("Customer's note: “Gate code 1234”");
  await phone.context().close();

  // Reloaded: what shows as chosen is what was saved.
  await page.reload();
  await expect(card.getByTestId("choice-safe_place")).toBeChecked();
  await expect(card.getByLabel("Note for your driver (optional)")).toHaveValue("Gate code 1234");
});

test("Spanish: nothing pre-selected and the errors name the field", async ({ browser, request }) => {
  const order = await createOrder(request, { customerName: "Elección Elena", address: "Calle Sol 2, Madrid", lat: 40.42, lng: -3.71 });
  const context = await browser.newContext({ locale: "es-ES", viewport: { width: 360, height: 780 } });
  const page = await context.newPage();
  await page.goto(order.trackingUrl);
  const card = page.getByTestId("delivery-choice");
  await expect(card.getByTestId("choice-none")).toContainText("Todavía no has elegido");
  await card.getByLabel("Con un vecino").check();
  await card.getByLabel("Nombre del vecino").fill("Marta");
  await card.getByTestId("choice-save").click();
  await expect(card.getByText("Escribe la puerta de tu vecino (número, piso, letra).")).toBeVisible();
  await expect(card.getByTestId("choice-status")).toHaveText("Hay que corregir un campo (más abajo).");
  expect(await colourOf(card.getByTestId("choice-status"))).toBe(DANGER);
  await context.close();
});
