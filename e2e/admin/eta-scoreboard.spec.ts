import { expect, test } from "@playwright/test";
import { createDriver, createOrder, postFix, setRoute, setStatus } from "../fixtures/api";
import { signInAsAdmin } from "../fixtures/admin";
import { E2E_ADMIN_TOKEN } from "../fixtures/e2e-env";

test("the ETA scoreboard shows today's arrivals of a driver, scored 3 stops before", async ({ page, request }) => {
  const driver = await createDriver(request, "Scoreboard Sofía");
  const orders = [];
  for (let index = 0; index < 4; index++) {
    orders.push(await createOrder(request, { customerName: `Scored ${index}`, address: `Calle Marcador ${index}`, lat: 40.42 + index / 200, lng: -3.7 }));
  }
  await setRoute(
    request,
    driver.id,
    orders.map((order) => order.id),
  );
  for (const order of orders) await setStatus(request, driver, order.id, "picked_up");
  // A fix gives each stop an ETA (the last one 3 stops away), recorded as a prediction.
  await postFix(request, driver, { lat: 40.41, lng: -3.7, seq: 1 });
  // The customers were shown an ETA before the driver got there: a prediction made after the
  // arrival (the tracker still busy) is rightly not scored, so wait for the last stop's.
  const lastToken = orders.at(-1)!.trackingUrl.split("/track/")[1]!;
  await expect.poll(async () => ((await (await request.get(`/api/track/${lastToken}`)).json()) as { view: { eta: unknown } }).view.eta, { timeout: 15_000 }).not.toBeNull();
  for (const order of orders) {
    await setStatus(request, driver, order.id, "arrived");
    await setStatus(request, driver, order.id, "delivered");
  }

  // Projections are written in batches: wait until all four arrivals are stored before looking,
  // or the panel (which polls every 30 s) may first show some of them.
  await expect
    .poll(
      async () => {
        const response = await request.get("/api/admin/eta-scoreboard", { headers: { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` } });
        const board = (await response.json()) as { rows: Array<{ driverId: string | null; arrivals: number }> };
        return board.rows.find((row) => row.driverId === driver.id)?.arrivals ?? 0;
      },
      { timeout: 30_000 },
    )
    .toBe(4);

  await signInAsAdmin(page);
  await page.getByTestId("tab-insight").click();
  const board = page.getByTestId("eta-scoreboard");
  await expect(board).toBeVisible();
  const row = board.locator(`[data-testid="eta-scoreboard-row"][data-driver-id="${driver.id}"]`);
  await expect(row).toContainText("Scoreboard Sofía");
  await expect(row.getByTestId("eta-scoreboard-arrivals")).toHaveText("4");
  // Reached seconds after the first ETA: no window was shown 30 min before; one 3 stops before.
  await expect(row.getByTestId("eta-scoreboard-30min")).toContainText("(0/0)");
  await expect(row.getByTestId("eta-scoreboard-3stops")).toContainText("/1)");

  // Insight's headline is the scoreboard's figure for today, pooled over every driver: the share of
  // windows shown 3 stops and 10 min before that the arrival fell inside, with the median error beside.
  const today = await page.evaluate(() => {
    const now = new Date();
    return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
  });
  const counts = await board.locator(`[data-testid="eta-scoreboard-row"][data-day="${today}"]`).evaluateAll((rows) =>
    rows
      .flatMap((element) => ["eta-scoreboard-10min", "eta-scoreboard-3stops"].map((id) => element.querySelector(`[data-testid="${id}"]`)?.textContent ?? ""))
      .map((text) => /\((\d+)\/(\d+)\)/.exec(text)!.slice(1).map(Number))
      .reduce<[number, number]>(([inside, total], [i = 0, n = 0]) => [inside + i, total + n], [0, 0]),
  );
  const [inside, total] = counts as [number, number];
  expect(total).toBeGreaterThan(0);
  await expect(page.getByTestId("insight-window-rate")).toHaveText(`${Math.round((inside / total) * 100)} %`);
  await expect(page.getByTestId("insight-window-detail")).toHaveText(`${inside} of ${total} window${total === 1 ? "" : "s"} shown 3 stops or 10 min before arrival, today`);
  await expect(page.getByTestId("insight-eta-error")).toBeVisible();
});
