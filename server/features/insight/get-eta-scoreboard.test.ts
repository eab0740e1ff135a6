/** The ETA scoreboard from seeded eta_predictions rows in a real database (PGlite or DATABASE_URL). */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { createTestDatabase, type TestDatabase } from "../../../testing/test-database";
import { getEtaScoreboard } from "./get-eta-scoreboard";

let db: TestDatabase;
before(async () => {
  db = await createTestDatabase();
});
after(async () => {
  await db.close();
});

const MINUTE = 60_000;
const at = (iso: string) => new Date(iso);

async function seedDeliveredOrder(driverName: string | null, arrivedAt: Date, windows: { minutesBefore: number; earliest: number; latest: number; stopsAway: number }[]): Promise<void> {
  const driverId = driverName ? randomUUID() : null;
  if (driverId && driverName) await db.prisma.driver.create({ data: { id: driverId, name: driverName, tokenHash: randomUUID() } });
  const orderId = randomUUID();
  await db.prisma.order.create({
    data: { id: orderId, customerName: "C", address: "A", lat: 0, lng: 0, status: "delivered", driverId, trackingTokenHash: randomUUID(), finishedAt: arrivedAt },
  });
  for (const window of windows) {
    const arrivalAt = new Date(arrivedAt.getTime() + ((window.earliest + window.latest) / 2) * MINUTE);
    await db.prisma.etaPrediction.create({
      data: {
        id: randomUUID(),
        orderId,
        predictedAt: new Date(arrivedAt.getTime() - window.minutesBefore * MINUTE),
        arrivalAt,
        earliestAt: new Date(arrivedAt.getTime() + window.earliest * MINUTE),
        latestAt: new Date(arrivedAt.getTime() + window.latest * MINUTE),
        stopsAway: window.stopsAway,
        actualAt: arrivedAt,
        errorSeconds: Math.round((arrivedAt.getTime() - arrivalAt.getTime()) / 1000),
      },
    });
  }
}

test("per day and driver, the share of arrivals inside the window shown 30 min, 10 min and 3 stops before", async () => {
  // Ana, 10 March: inside at 30 min and 3 stops, outside at 10 min; then inside everywhere.
  await seedDeliveredOrder("Ana", at("2026-03-10T10:00:00Z"), [
    { minutesBefore: 45, earliest: -10, latest: 10, stopsAway: 3 },
    { minutesBefore: 12, earliest: 2, latest: 8, stopsAway: 1 },
  ]);
  // Outside the period: not counted.
  await seedDeliveredOrder("Old", at("2026-03-01T10:00:00Z"), [{ minutesBefore: 45, earliest: -10, latest: 10, stopsAway: 3 }]);
  // 23:30 UTC on the 10th is the 11th one hour east of UTC.
  await seedDeliveredOrder("Bea", at("2026-03-10T23:30:00Z"), [{ minutesBefore: 31, earliest: -5, latest: 5, stopsAway: 4 }]);

  const board = await getEtaScoreboard(db, { from: at("2026-03-09T00:00:00Z"), to: at("2026-03-12T00:00:00Z") }, 60);
  assert.deepEqual(
    board.rows.map((row) => [row.day, row.driverName, row.arrivals, row.minutes30, row.minutes10, row.stops3]),
    [
      ["2026-03-11", "Bea", 1, { inside: 1, total: 1, rate: 1 }, { inside: 1, total: 1, rate: 1 }, { inside: 1, total: 1, rate: 1 }],
      ["2026-03-10", "Ana", 1, { inside: 1, total: 1, rate: 1 }, { inside: 0, total: 1, rate: 0 }, { inside: 1, total: 1, rate: 1 }],
    ],
  );
  assert.deepEqual((await getEtaScoreboard(db, { from: at("2026-04-01T00:00:00Z"), to: at("2026-04-02T00:00:00Z") }, 0)).rows, []);
});
