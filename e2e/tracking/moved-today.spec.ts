/**
 * Issue 18, item 4: a new day agreed with the customer leads the top card. On that day, before the
 * parcel is on its way, the ETA line is the agreed window (not "Once your order is on its way"),
 * and nothing says "on that day" about today. In Spanish, as the issue found it.
 */
import { expect, test } from "@playwright/test";
import { seedRoute } from "../fixtures/api";
import { E2E_ADMIN_TOKEN } from "../fixtures/e2e-env";

const admin = { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` };
const pad = (value: number) => String(value).padStart(2, "0");

test("accepted for today with a window: the top card says the agreed window, in Spanish", async ({ browser, request }) => {
  const now = new Date();
  // A window still ahead today (the server refuses one already over), in this machine's zone, which the server and browser share.
  test.skip(now.getHours() >= 22, "no window left today");
  const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const windowStart = `${pad(now.getHours() + 1)}:00`;
  const windowEnd = `${pad(now.getHours() + 2)}:00`;

  const { orders } = await seedRoute(request, 1, "moved-today");
  const mine = orders[0]!;
  const token = mine.trackingUrl.split("/").pop()!;
  const page = await (await browser.newContext({ locale: "es-ES", viewport: { width: 390, height: 844 } })).newPage();
  await page.goto(mine.trackingUrl);
  await expect(page.getByTestId("eta")).toHaveText("Cuando tu pedido esté en camino");

  const asked = await request.put(`/api/track/${token}/choice`, { data: { kind: "reschedule", preferredDate: day, windowStart, windowEnd } });
  expect(asked.status()).toBe(200);
  expect((await request.post(`/api/admin/orders/${mine.id}/reschedule/accept`, { headers: admin })).status()).toBe(200);

  // Live, without a reload: the agreed day and window on top, and the window as today's ETA.
  await expect(page.getByTestId("order-status")).toHaveText(new RegExp(`^Entrega cambiada a hoy, .+, entre las ${windowStart} y las ${windowEnd}$`));
  await expect(page.getByTestId("stops-away")).toHaveText("Sale hoy del almacén; podrás seguirlo aquí cuando esté en camino.");
  await expect(page.getByTestId("eta")).toHaveText(`Hoy entre las ${windowStart} y las ${windowEnd}, según lo acordado`);
  await expect(page.getByTestId("connection-state")).toContainText("el seguimiento en directo empieza cuando tu pedido esté en camino");
  await expect(page.getByTestId("tracking-map")).toHaveAttribute("data-reason", "moved");
  // The same after a reload (the first HTML).
  await page.reload();
  await expect(page.getByTestId("eta")).toHaveText(`Hoy entre las ${windowStart} y las ${windowEnd}, según lo acordado`);
  await page.context().close();
});
