/**
 * A day in the life: two drivers × 8 stops through the three apps at once —
 * each driver's phone (390×844; Ana in English, Bea in Spanish), dispatch at desktop size and four
 * customers' pages — with the exceptions of a real day: location refused then allowed, a reassign
 * (one confirmed, one refused in words), a failed delivery whose customer picks another day, an
 * "I won't be home" accepted while the parcel is on board, and two minutes offline with a reload.
 *
 * After EVERY step `agree()` checks that the three apps say the same thing, for every order of
 * the day, and that it is the server's truth (`GET /api/orders`) and the day's plan (`day.model`):
 * status, driver, stops away, which stop is current / at the door on the phone, what the phone
 * still has to send, and what is pending (reschedule flags in dispatch, notices on customer pages).
 * Everything waits on the apps (they update live, or poll: the phones every 15 s); no fixed sleeps.
 */
import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { signInAsAdmin } from "../fixtures/admin";
import { createDriver, createOrder, setRoute, type SeededDriver, type SeededOrder } from "../fixtures/api";
import { E2E_ADMIN_TOKEN } from "../fixtures/e2e-env";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
/** The phones re-read their day every 15 s: changes made elsewhere reach them within that. */
const PHONE_POLL = { timeout: 30_000 };

type Status = "created" | "assigned" | "picked_up" | "arrived" | "delivered" | "failed" | "cancelled";
type DriverKey = "ana" | "bea";
type Reschedule = "requested" | "accepted" | null;

interface ApiOrder {
  id: string;
  status: Status;
  driverId: string | null;
  stopsAway: number | null;
}

/** What the day should look like for one order, kept by the steps (the spec's own plan). */
interface OrderModel {
  key: string;
  order: SeededOrder;
  status: Status;
  driver: DriverKey | null;
  reschedule: Reschedule;
  /** Accepted while on board: the driver brings it back instead of delivering it. */
  isBackToDepot: boolean;
}

interface Phone {
  key: DriverKey;
  driver: SeededDriver;
  context: BrowserContext;
  page: Page;
  /** The driver's route in visiting order (order keys). */
  route: string[];
  /** Taps made on the phone the server has not got yet (offline), in order. */
  unsent: { key: string; status: Status }[];
  isOffline: boolean;
}

const admin = { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` };

/** A local YYYY-MM-DD `offset` days from today (the browser's and the server's day: one machine). */
function localDay(offset: number): string {
  const now = new Date();
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, "0")}-${String(day.getDate()).padStart(2, "0")}`;
}

/** The English tracking page's "stops away" line (lib/i18n/messages.ts). */
const stopsAwayText = (count: number) => (count === 0 ? "You're next" : count === 1 ? "1 stop away" : `${count} stops away`);

/** The count back from the English "stops away" line. */
const parseStopsAway = (text: string) => (text === "You're next" ? 0 : Number(/^(\d+) stops? away$/.exec(text)?.[1] ?? Number.NaN));

async function apiOrders(request: APIRequestContext): Promise<Map<string, ApiOrder>> {
  const response = await request.get("/api/orders", { headers: admin });
  expect(response.status()).toBe(200);
  return new Map(((await response.json()) as ApiOrder[]).map((order) => [order.id, order]));
}

/** The day: who is who, what each app has open, and the plan the apps are checked against. */
class Day {
  readonly model = new Map<string, OrderModel>();
  readonly phones = {} as Record<DriverKey, Phone>;
  readonly customers = new Map<string, Page>();
  dispatch!: Page;
  stepNumber = 0;

  constructor(
    readonly browser: Browser,
    readonly request: APIRequestContext,
    readonly label: string,
  ) {}

  get(key: string): OrderModel {
    const entry = this.model.get(key);
    if (!entry) throw new Error(`no order ${key}`);
    return entry;
  }

  driverIdOf(key: DriverKey | null): string | null {
    return key ? this.phones[key].driver.id : null;
  }

  /** Seeds one driver with 8 stops, through the public API, and opens the phone. */
  async seedDriver(key: DriverKey, name: string, locale: string, options: { allowLocation: boolean; fakeClock?: boolean }): Promise<void> {
    const driver = await createDriver(this.request, `${name} ${this.label}`);
    const route: string[] = [];
    for (let index = 1; index <= 8; index++) {
      const orderKey = `${key === "ana" ? "A" : "B"}${index}`;
      const order = await createOrder(this.request, {
        customerName: `${orderKey} ${this.label}`,
        address: `Calle ${name} ${index}, Madrid`,
        lat: (key === "ana" ? 40.41 : 40.45) + index * 0.004,
        lng: -3.7,
      });
      this.model.set(orderKey, { key: orderKey, order, status: "assigned", driver: key, reschedule: null, isBackToDepot: false });
      route.push(orderKey);
    }
    await setRoute(
      this.request,
      driver.id,
      route.map((orderKey) => this.get(orderKey).order.id),
    );
    const context = await this.browser.newContext({ viewport: PHONE, locale, isMobile: true, hasTouch: true });
    if (options.allowLocation) {
      await context.grantPermissions(["geolocation"]);
      await context.setGeolocation({ latitude: 40.45, longitude: -3.7, accuracy: 8 });
    }
    const page = await context.newPage();
    // Bea's phone runs on a clock the test can move: two minutes offline without waiting them.
    if (options.fakeClock) await page.clock.install();
    await page.goto(`/driver?token=${encodeURIComponent(driver.token)}`);
    await expect(page.getByTestId("driver-app")).toBeVisible();
    // The service worker keeps the app shell: the phone can be reloaded offline later.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    this.phones[key] = { key, driver, context, page, route, unsent: [], isOffline: false };
  }

  async openCustomer(key: string): Promise<void> {
    const context = await this.browser.newContext({ viewport: PHONE, locale: "en-GB", isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(this.get(key).order.trackingUrl);
    await expect(page.getByTestId("order-status")).toBeVisible();
    this.customers.set(key, page);
  }

  async openDispatch(page: Page): Promise<void> {
    await page.setViewportSize(DESKTOP);
    await signInAsAdmin(page);
    this.dispatch = page;
    await this.showOrders();
  }

  /** Dispatch's orders table, filtered on today's orders (both drivers: 16 rows, one page). */
  async showOrders(): Promise<void> {
    const page = this.dispatch;
    if ((await page.getByTestId("orders-search").count()) === 0) await page.getByTestId("tab-orders").click();
    const search = page.getByTestId("orders-search");
    if ((await search.inputValue()) !== this.label) await search.fill(this.label);
    await expect(page.getByTestId("order-row")).toHaveCount(this.model.size);
  }

  row(key: string) {
    return this.dispatch.locator(`[data-testid="order-row"][data-order-id="${this.get(key).order.id}"]`);
  }

  stop(phone: Phone, key: string) {
    return phone.page.locator(`[data-testid="stop"][data-order-id="${this.get(key).order.id}"]`);
  }

  /** One named step of the day, then the agreement check. */
  async step(name: string, body: () => Promise<void>): Promise<void> {
    this.stepNumber += 1;
    await test.step(`${this.stepNumber}. ${name}`, async () => {
      const started = Date.now();
      await body();
      const acted = Date.now();
      await this.agree(name);
      console.log(`step ${this.stepNumber}: ${acted - started} ms acting, ${Date.now() - acted} ms agreeing — ${name}`);
    });
  }

  /** The phone's stops as the driver should see them: the server's status with unsent taps on top. */
  shownOnPhone(phone: Phone, key: string, truth: ApiOrder): Status {
    const unsent = phone.unsent.filter((tap) => tap.key === key);
    return unsent.length > 0 ? unsent[unsent.length - 1]!.status : truth.status;
  }

  /**
   * The three apps agree with each other and with the server, for every order of the day:
   * 1. the server (GET /api/orders) says what the day's plan says (status, driver);
   * 2. dispatch: an alert for each pending request (and none other); in the orders table the same
   *    status, driver, stops away, and a reschedule flag iff pending/accepted;
   * 3. each customer's page: same status, the same stops away, the "waiting for the sender" notice iff pending;
   * 4. each driver's phone: the same stops with the same status (unsent taps shown as waiting), one
   *    current stop — the one at the door, else the next on board, else the next to pick up —,
   *    parcels to bring back to the depot, and what is still to send.
   */
  async agree(when: string): Promise<void> {
    const orders = [...this.model.values()];
    // 1. The server's truth is the plan (it may lag a moment behind a tap: poll).
    await expect
      .poll(
        async () => {
          const truth = await apiOrders(this.request);
          return orders.map((entry) => `${entry.key}:${truth.get(entry.order.id)?.status}:${truth.get(entry.order.id)?.driverId ?? "-"}`);
        },
        { message: `${when}: the server's orders are the day's plan` },
      )
      .toEqual(orders.map((entry) => `${entry.key}:${entry.status}:${this.driverIdOf(entry.driver) ?? "-"}`));
    const truth = await apiOrders(this.request);
    const of = (entry: OrderModel) => truth.get(entry.order.id)!;

    // 2. Dispatch: a customer's pending request is an alert (re-read every 2 s), nothing else of today's is…
    await this.dispatch.getByTestId("tab-alerts").click();
    // Loaded: alerts, or "Nothing needs attention" (not an empty list before the first answer).
    await expect(this.dispatch.getByTestId("alert").or(this.dispatch.getByText("Nothing needs attention.")).first()).toBeVisible();
    const requests = this.dispatch.locator('[data-testid="alert"][data-kind="reschedule_requested"]').filter({ hasText: this.label });
    const pending = orders.filter((entry) => entry.reschedule === "requested");
    await expect(requests, `${when}: dispatch's alerts list the pending requests`).toHaveCount(pending.length);
    for (const entry of pending) await expect(requests.filter({ hasText: `${entry.key} ${this.label}` })).toHaveCount(1);
    // …and the orders table (re-read every 2 s).
    await this.showOrders();
    for (const entry of orders) {
      const api = of(entry);
      const row = this.row(entry.key);
      await expect(row, `${when}: dispatch shows ${entry.key}'s status`).toHaveAttribute("data-status", api.status);
      await expect(row.getByTestId("order-row-stops-away"), `${when}: dispatch shows ${entry.key}'s stops away`).toHaveText(api.stopsAway === null ? "—" : String(api.stopsAway));
      const driverSelect = row.getByTestId("order-driver");
      if ((await driverSelect.count()) > 0) await expect(driverSelect, `${when}: dispatch shows ${entry.key}'s driver`).toHaveValue(api.driverId ?? "");
      const flag = row.getByTestId("order-row-reschedule");
      if (entry.reschedule) await expect(flag, `${when}: dispatch flags ${entry.key}'s new day`).toHaveAttribute("data-state", entry.reschedule);
      else await expect(flag, `${when}: no new day flagged on ${entry.key}`).toHaveCount(0);
    }

    // 3. The customers' pages (live over Socket.IO).
    for (const [key, page] of this.customers) {
      const entry = this.get(key);
      const api = of(entry);
      await expect(page.getByTestId("order-status"), `${when}: ${key}'s customer sees the status`).toHaveAttribute("data-status", api.status);
      const stopsAway = page.getByTestId("stops-away");
      if (api.status === "picked_up" && api.stopsAway !== null && !entry.reschedule) {
        await expect(stopsAway, `${when}: ${key}'s customer sees the stops away`).toHaveText(stopsAwayText(api.stopsAway));
      } else {
        // No count on the page unless the server has one for the order.
        if (api.stopsAway === null) await expect(stopsAway, `${when}: ${key}'s customer sees no stops-away count`).not.toHaveAttribute("data-kind", "stops_away");
        if (api.status === "arrived") await expect(stopsAway).toHaveAttribute("data-kind", "at_door");
      }
      const notice = page.getByTestId("reschedule-notice");
      if (entry.reschedule === "requested") await expect(notice, `${when}: ${key}'s customer sees the request pending`).toBeVisible();
      else await expect(notice, `${when}: nothing pending on ${key}'s page`).toHaveCount(0);
      if (entry.reschedule === "accepted") await expect(page.getByTestId("order-status")).toHaveAttribute("data-stage", "moved");
    }

    // 4. The drivers' phones (their day is re-read every 15 s, at once after a tap).
    for (const phone of Object.values(this.phones)) {
      const mine = orders.filter((entry) => entry.driver === phone.key && !entry.isBackToDepot);
      const route = phone.route.filter((key) => mine.some((entry) => entry.key === key));
      await expect(phone.page.getByTestId("stop"), `${when}: ${phone.key}'s phone shows exactly their stops`).toHaveCount(route.length, PHONE_POLL);
      const shown = route.map((key) => ({ key, status: this.shownOnPhone(phone, key, of(this.get(key))) }));
      for (const { key, status } of shown) {
        const stop = this.stop(phone, key);
        await expect(stop, `${when}: ${phone.key}'s phone shows ${key} as ${status}`).toHaveAttribute("data-status", status, PHONE_POLL);
        await expect(stop, `${when}: ${phone.key}'s phone: ${key} waiting to send?`).toHaveAttribute("data-waiting", String(phone.unsent.some((tap) => tap.key === key)));
      }
      const current = shown.find((stop) => stop.status === "arrived") ?? shown.find((stop) => stop.status === "picked_up") ?? shown.find((stop) => stop.status === "assigned");
      const currentStop = phone.page.getByTestId("current-stop").getByTestId("stop");
      if (current) {
        await expect(currentStop, `${when}: ${phone.key}'s current stop is ${current.key}`).toHaveAttribute("data-order-id", this.get(current.key).order.id);
        await expect(phone.page.locator('[data-testid="stop"][data-current="true"]')).toHaveCount(1);
      } else {
        await expect(currentStop).toHaveCount(0);
      }
      // Never two at the door, on the phone or anywhere else.
      expect(shown.filter((stop) => stop.status === "arrived").length, `${when}: ${phone.key} has at most one stop at the door`).toBeLessThanOrEqual(1);
      const backToDepot = orders.filter((entry) => entry.driver === phone.key && entry.isBackToDepot);
      const returns = phone.page.getByTestId("depot-return");
      await expect(returns, `${when}: ${phone.key}'s parcels to bring back`).toHaveCount(backToDepot.length, PHONE_POLL);
      for (const entry of backToDepot) await expect(phone.page.locator(`[data-testid="depot-return"][data-order-id="${entry.order.id}"]`)).toBeVisible();
      // What is still to send: nothing once online; the taps at least while offline (positions may queue too).
      const queued = phone.page.getByTestId("queue-length");
      if (phone.unsent.length === 0) await expect(queued, `${when}: ${phone.key}'s phone has nothing left to send`).toHaveText("0", { timeout: 30_000 });
      else await expect.poll(async () => Number(await queued.textContent()), { message: `${when}: ${phone.key}'s taps are waiting to send` }).toBeGreaterThanOrEqual(phone.unsent.length);
    }
    // Dispatch never shows two stops of one driver at the door.
    for (const key of ["ana", "bea"] as const) {
      const atDoor = orders.filter((entry) => entry.driver === key && of(entry).status === "arrived").length;
      expect(atDoor, `${when}: ${key} has at most one stop at the door (server)`).toBeLessThanOrEqual(1);
    }

    // 5. Side by side, read once everything above has settled: the apps against each other and
    // the server, one line per order (a disagreement shows as a one-line diff naming the app).
    const { seen, agreed } = await this.sideBySide();
    await test.info().attach(`after step ${this.stepNumber}: ${when}`, { body: seen.join("\n"), contentType: "text/plain" });
    expect(seen, `${when}: the three apps and the server agree`).toEqual(agreed);
  }

  /**
   * What each app shows now, one line per order — "A5 | server picked_up, 1 | dispatch picked_up, 1 |
   * customer picked_up, 1 | phone picked_up" — and the same line if every app said what the server says.
   */
  private async sideBySide(): Promise<{ seen: string[]; agreed: string[] }> {
    const truth = await apiOrders(this.request);
    const seen: string[] = [];
    const agreed: string[] = [];
    for (const entry of this.model.values()) {
      const api = truth.get(entry.order.id)!;
      const server = `${api.status}, ${api.stopsAway ?? "—"}`;
      const row = this.row(entry.key);
      const cells = [entry.key, `server ${server}`, `dispatch ${await row.getAttribute("data-status")}, ${(await row.getByTestId("order-row-stops-away").textContent())?.trim()}`];
      const same = [entry.key, `server ${server}`, `dispatch ${server}`];
      const customer = this.customers.get(entry.key);
      if (customer) {
        // The page shows a count only where it has one to show (not at the door, not for another day).
        const stopsAway = customer.getByTestId("stops-away");
        const isCount = (await stopsAway.getAttribute("data-kind")) === "stops_away";
        cells.push(`customer ${await customer.getByTestId("order-status").getAttribute("data-status")}${isCount ? `, ${parseStopsAway((await stopsAway.textContent()) ?? "")}` : ""}`);
        same.push(`customer ${api.status}${isCount ? `, ${api.stopsAway ?? "—"}` : ""}`);
      }
      const phone = entry.driver && !entry.isBackToDepot ? this.phones[entry.driver] : null;
      if (phone) {
        // The phone shows no count; a tap it has not sent yet is its own (checked against the plan above).
        const stop = this.stop(phone, entry.key);
        const isWaiting = (await stop.getAttribute("data-waiting")) === "true";
        const shown = await stop.getAttribute("data-status");
        cells.push(`phone ${shown}${isWaiting ? " (waiting to send)" : ""}`);
        same.push(`phone ${isWaiting ? `${shown} (waiting to send)` : api.status}`);
      }
      seen.push(cells.join(" | "));
      agreed.push(same.join(" | "));
    }
    return { seen, agreed };
  }

  // ---- What people do (each sets the plan, then the step checks the apps) ----

  /** The driver taps the current stop's main button, e.g. Arrived / Llegué; `data-action` is the same in both languages. */
  async tapCurrent(driver: DriverKey, key: string, action: "pick_up" | "arrive"): Promise<void> {
    const phone = this.phones[driver];
    const current = phone.page.getByTestId("current-stop");
    await expect(current.getByTestId("stop")).toHaveAttribute("data-order-id", this.get(key).order.id);
    await current.locator(`button[data-action="${action}"]`).click();
    const status: Status = action === "pick_up" ? "picked_up" : "arrived";
    this.record(phone, key, status);
  }

  async deliverCurrent(driver: DriverKey, key: string): Promise<void> {
    const phone = this.phones[driver];
    const current = phone.page.getByTestId("current-stop");
    await expect(current.getByTestId("stop")).toHaveAttribute("data-order-id", this.get(key).order.id);
    await current.locator('button[data-action="deliver"]').click();
    const form = current.getByTestId("deliver-form");
    await form.locator('button[type="submit"]').click();
    this.record(phone, key, "delivered");
  }

  /** The plan follows a tap: sent at once when online, kept on the phone while offline. */
  private record(phone: Phone, key: string, status: Status): void {
    if (phone.isOffline) phone.unsent.push({ key, status });
    else this.get(key).status = status;
  }
}

test("a day in the life: two drivers × 8 stops, dispatch and four customers agree after every step", async ({ browser, page, request }) => {
  test.setTimeout(240_000);
  const day = new Day(browser, request, `Day${Date.now() % 100_000}`);
  const ana = () => day.phones.ana;
  const bea = () => day.phones.bea;

  await day.step("morning: two routes of 8 stops, both phones, dispatch and four customers open", async () => {
    await day.seedDriver("ana", "Ana", "en-GB", { allowLocation: false });
    await day.seedDriver("bea", "Bea", "es-ES", { allowLocation: true, fakeClock: true });
    for (const key of ["A2", "A4", "A5", "B2"]) await day.openCustomer(key);
    await day.openDispatch(page);
  });

  await day.step("Ana starts her shift with location refused: the phone says so, never 'sharing'", async () => {
    await ana().page.getByTestId("shift-toggle").click();
    const line = ana().page.getByTestId("sharing-state");
    await expect(line).toHaveAttribute("data-state", "denied");
    await expect(line).toContainText("Location is blocked for this app: nobody can follow you.");
    await expect(ana().page.getByTestId("location-help")).toContainText("Android:");
    await expect(ana().page.getByText(/Sharing your position/)).toHaveCount(0);
    await expect(ana().page.getByTestId("last-fix-sent")).toHaveText("—");
  });

  await day.step("Ana allows location: sharing, with how recent; Bea starts sharing too", async () => {
    await ana().context.grantPermissions(["geolocation"]);
    await ana().context.setGeolocation({ latitude: 40.41, longitude: -3.7, accuracy: 8 });
    const line = ana().page.getByTestId("sharing-state");
    await expect(line).toHaveAttribute("data-state", "sharing");
    await expect(line).toHaveText(/^Sharing your position · last sent (just now|\d+ s ago)$/);
    await expect(ana().page.getByTestId("location-help")).toHaveCount(0);
    await bea().page.getByTestId("shift-toggle").click();
    await expect(bea().page.getByTestId("sharing-state")).toHaveAttribute("data-state", "sharing");
  });

  await day.step("Ana picks up her first parcel", async () => {
    await day.tapCurrent("ana", "A1", "pick_up");
  });

  await day.step("dispatch moves A8 (not picked up) to Bea, confirmed; A1 (in Ana's van) is refused in words", async () => {
    const a8 = day.row("A8").getByTestId("order-driver");
    await a8.selectOption({ label: `Bea ${day.label}` });
    const ask = page.getByTestId("reassign-dialog");
    await expect(ask.getByRole("heading")).toHaveText(`Move A8 ${day.label}'s order to Bea ${day.label}?`);
    await expect(ask).toContainText(`It leaves Ana ${day.label}'s route`);
    await ask.getByTestId("reassign-confirm").click();
    day.get("A8").driver = "bea";
    bea().route.push("A8");

    await day
      .row("A1")
      .getByTestId("order-driver")
      .selectOption({ label: `Bea ${day.label}` });
    const refused = page.getByTestId("reassign-refused");
    await expect(refused.getByRole("heading")).toHaveText(`A1 ${day.label}'s parcel is in Ana ${day.label}'s van`);
    await expect(refused).toContainText(`Ask Ana ${day.label} to bring it back to the depot first, then assign it again.`);
    await refused.getByTestId("reassign-keep").click();
    await expect(refused).toHaveCount(0);
  });

  await day.step("at the depot: Bea picks up all 9 (asked first), Ana the other 6", async () => {
    await expect(bea().page.getByTestId("pick-up-all")).toHaveText("Recogidos todos (9)", PHONE_POLL);
    await bea().page.getByTestId("pick-up-all").click();
    await bea().page.getByRole("alertdialog").getByTestId("confirm-accept").click();
    for (const key of bea().route) day.get(key).status = "picked_up";

    await ana().page.getByTestId("pick-up-all").click();
    await expect(ana().page.getByRole("alertdialog").getByRole("heading")).toHaveText("All 6 parcels on board?");
    await ana().page.getByRole("alertdialog").getByRole("button", { name: "Yes, all 6 are on board" }).click();
    for (const key of ["A2", "A3", "A4", "A5", "A6", "A7"]) day.get(key).status = "picked_up";
  });

  await day.step("Ana arrives at A1: one stop at the door, everywhere", async () => {
    await day.tapCurrent("ana", "A1", "arrive");
    await expect(ana().page.getByTestId("current-stop").getByRole("heading", { name: "At the door" })).toBeVisible();
  });

  await day.step("Ana delivers A1", async () => {
    await day.deliverCurrent("ana", "A1");
  });

  await day.step("Ana arrives at A2; nobody home: not delivered, with a reason", async () => {
    await day.tapCurrent("ana", "A2", "arrive");
    await expect.poll(async () => (await apiOrders(request)).get(day.get("A2").order.id)?.status).toBe("arrived");
    const current = ana().page.getByTestId("current-stop");
    await current.locator('button[data-action="fail"]').click();
    const form = current.getByTestId("fail-form");
    await expect(form.getByTestId("fail-reason").locator("option:checked")).toHaveText("Customer not at home");
    await form.locator('button[type="submit"]').click();
    day.get("A2").status = "failed";
    await expect(day.customers.get("A2")!.getByTestId("failure-reason")).toHaveText("Customer not at home");
  });

  const failedDay = localDay(1);
  await day.step("A2's customer picks another day: pending on the page, an alert and a flag in dispatch", async () => {
    const customer = day.customers.get("A2")!;
    const card = customer.getByTestId("delivery-choice");
    await expect(card).toHaveAttribute("data-mode", "failed");
    await card.getByLabel("Preferred day (optional)").fill(failedDay);
    await card.getByTestId("choice-save").click();
    await expect(card.getByTestId("choice-status")).toHaveText("Sent: the sender will confirm the new day.");
    day.get("A2").reschedule = "requested";
    await page.getByTestId("tab-alerts").click();
    await expect(page.locator('[data-testid="alert"][data-kind="reschedule_requested"]').filter({ hasText: `A2 ${day.label}` })).toContainText("after a failed delivery");
  });

  await day.step("dispatch accepts A2's new day: the failed delivery is reopened, off Ana's route", async () => {
    await day.showOrders();
    await day
      .row("A2")
      .getByRole("button", { name: `A2 ${day.label}` })
      .click();
    await page.getByTestId("accept-reschedule").click();
    const confirm = page.getByRole("alertdialog");
    await expect(confirm).toContainText("The failed delivery is reopened: the order waits for a driver again");
    await confirm.getByRole("button", { name: "Accept" }).click();
    await expect(page.getByTestId("order-choice")).toHaveAttribute("data-reschedule", "accepted");
    await page.keyboard.press("Escape");
    Object.assign(day.get("A2"), { reschedule: "accepted", status: "created", driver: null });
    await expect(day.customers.get("A2")!.getByTestId("eta")).toHaveText("No delivery today");
  });

  const onBoardDay = localDay(2);
  await day.step("A4's customer won't be home (parcel on board): pending everywhere, the plan holds for today", async () => {
    const customer = day.customers.get("A4")!;
    const card = customer.getByTestId("delivery-choice");
    await card.getByLabel("I won't be home: deliver another day").check();
    await card.getByLabel("Preferred day (optional)").fill(onBoardDay);
    await card.getByTestId("choice-save").click();
    await expect(card.getByTestId("choice-current")).toContainText("Waiting for the sender to confirm");
    day.get("A4").reschedule = "requested";
    await page.getByTestId("tab-alerts").click();
    await expect(page.locator('[data-testid="alert"][data-kind="reschedule_requested"]').filter({ hasText: `A4 ${day.label}` })).toContainText(`the parcel is on board with Ana ${day.label}`);
  });

  await day.step("dispatch accepts it: Ana brings A4 back to the depot, A5 moves up one stop", async () => {
    await page.getByTestId("tab-alerts").click();
    const alert = page.locator('[data-testid="alert"][data-kind="reschedule_requested"]').filter({ hasText: `A4 ${day.label}` });
    await alert.getByTestId("alert-open-order").click();
    await page.getByTestId("accept-reschedule").click();
    const confirm = page.getByRole("alertdialog");
    await expect(confirm).toContainText(`Ana ${day.label} has the parcel on board: it leaves today's route now`);
    await confirm.getByRole("button", { name: "Accept" }).click();
    await expect(page.getByTestId("order-choice")).toHaveAttribute("data-reschedule", "accepted");
    await page.keyboard.press("Escape");
    Object.assign(day.get("A4"), { reschedule: "accepted", isBackToDepot: true });
    await expect(ana().page.getByTestId("depot-returns")).toContainText("Bring back to the depot (1)", PHONE_POLL);
    await expect(day.customers.get("A4")!.getByTestId("eta")).toHaveText("No delivery today");
    await expect(day.customers.get("A5")!.getByTestId("stops-away")).toHaveText("1 stop away");
  });

  await day.step("Bea goes offline (a tunnel) and arrives at B1: the tap waits on the phone, nobody else sees it yet", async () => {
    await bea().context.setOffline(true);
    bea().isOffline = true;
    await expect(bea().page.getByTestId("offline-banner")).toBeVisible();
    await day.tapCurrent("bea", "B1", "arrive");
    await expect(day.stop(bea(), "B1").getByTestId("stop-status")).toHaveText("En la puerta (pendiente de enviar)");
  });

  await day.step("still offline, Bea's phone is reloaded: B1 is still at the door waiting to send, no second Arrived", async () => {
    await bea().page.reload();
    await expect(bea().page.getByTestId("driver-app")).toBeVisible();
    await expect(bea().page.getByTestId("network-state")).not.toHaveText("online");
    await expect(day.stop(bea(), "B1").getByTestId("stop-status")).toHaveText("En la puerta (pendiente de enviar)");
    await expect(bea().page.getByTestId("current-stop").locator('button[data-action="arrive"]')).toHaveCount(0);
  });

  await day.step("two minutes later, still offline, Bea delivers B1: two taps waiting", async () => {
    await bea().page.clock.fastForward("02:00");
    await day.deliverCurrent("bea", "B1");
    await expect(day.stop(bea(), "B1").getByTestId("stop-status")).toContainText("pendiente de enviar");
    await expect(bea().page.getByTestId("offline-banner")).toBeVisible();
  });

  await day.step("Bea is back online: both taps are sent in order; B2's customer is next", async () => {
    await bea().context.setOffline(false);
    bea().isOffline = false;
    for (const tap of bea().unsent) day.get(tap.key).status = tap.status;
    bea().unsent = [];
    await expect(bea().page.getByTestId("offline-banner")).toHaveCount(0, { timeout: 30_000 });
    await expect(day.customers.get("B2")!.getByTestId("stops-away")).toHaveText("You're next");
  });

  await day.step("Ana delivers A3; A5 is next (A4 is not a stop any more)", async () => {
    await day.tapCurrent("ana", "A3", "arrive");
    await expect.poll(async () => (await apiOrders(request)).get(day.get("A3").order.id)?.status).toBe("arrived");
    await day.deliverCurrent("ana", "A3");
    await expect(day.customers.get("A5")!.getByTestId("stops-away")).toHaveText("You're next");
  });

  await day.step("Ana arrives at A5 and delivers; Bea arrives at B2 and delivers", async () => {
    await day.tapCurrent("ana", "A5", "arrive");
    await expect(day.customers.get("A5")!.getByTestId("order-status")).toHaveText("Driver has arrived");
    await day.deliverCurrent("ana", "A5");
    await day.tapCurrent("bea", "B2", "arrive");
    await expect(day.customers.get("B2")!.getByTestId("order-status")).toHaveText("Driver has arrived");
    await day.deliverCurrent("bea", "B2");
  });

  await day.step("Ana hands A4 in at the depot", async () => {
    await ana().page.getByTestId("depot-return").getByTestId("hand-in").click();
    Object.assign(day.get("A4"), { isBackToDepot: false, driver: null, status: "created" });
  });

  for (const phone of [ana(), bea()]) await phone.context.close();
  for (const customer of day.customers.values()) await customer.context().close();
});
