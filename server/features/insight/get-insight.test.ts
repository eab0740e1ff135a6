/** The insight panel's figures from seeded rows in a real database (PGlite or DATABASE_URL). */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { createTestDatabase, type TestDatabase } from "../../../testing/test-database";
import { getInsight } from "./get-insight";

let db: TestDatabase;
before(async () => {
  db = await createTestDatabase();
});
after(async () => {
  await db.close();
});

const day = { from: new Date("2026-03-10T00:00:00Z"), to: new Date("2026-03-11T00:00:00Z") };
const at = (hhmm: string) => new Date(`2026-03-10T${hhmm}:00Z`);

async function seedDriver(name: string): Promise<string> {
  const id = randomUUID();
  await db.prisma.driver.create({ data: { id, name, tokenHash: randomUUID() } });
  return id;
}

async function seedOrder(input: { driverId: string | null; status: "delivered" | "failed" | "picked_up"; finishedAt: Date | null; dueAt?: Date }): Promise<string> {
  const id = randomUUID();
  await db.prisma.order.create({
    data: {
      id,
      customerName: "C",
      address: "A",
      lat: 0,
      lng: 0,
      status: input.status,
      driverId: input.driverId,
      trackingTokenHash: randomUUID(),
      finishedAt: input.finishedAt,
      dueAt: input.dueAt ?? null,
    },
  });
  return id;
}

async function seedPrediction(orderId: string, predictedAt: Date, arrivalAt: Date, actualAt: Date): Promise<void> {
  await db.prisma.etaPrediction.create({
    data: {
      id: randomUUID(),
      orderId,
      predictedAt,
      arrivalAt,
      earliestAt: arrivalAt,
      latestAt: arrivalAt,
      actualAt,
      errorSeconds: Math.round((actualAt.getTime() - arrivalAt.getTime()) / 1000),
    },
  });
}

test("deliveries, on-time rate, median ETA error of each order's last prediction and per-driver counts", async () => {
  const ana = await seedDriver("Ana");
  const bea = await seedDriver("Bea");
  // Ana: three deliveries today (two on time, one late), one failure.
  const a1 = await seedOrder({ driverId: ana, status: "delivered", finishedAt: at("09:00"), dueAt: at("10:00") });
  const a2 = await seedOrder({ driverId: ana, status: "delivered", finishedAt: at("11:00"), dueAt: at("11:00") });
  const a3 = await seedOrder({ driverId: ana, status: "delivered", finishedAt: at("13:00"), dueAt: at("12:00") });
  await seedOrder({ driverId: ana, status: "failed", finishedAt: at("14:00") });
  // Bea: one delivery without a promise; one delivered yesterday (outside the day); one still open.
  await seedOrder({ driverId: bea, status: "delivered", finishedAt: at("15:00") });
  const yesterday = await seedOrder({ driverId: bea, status: "delivered", finishedAt: new Date("2026-03-09T15:00:00Z") });
  await seedOrder({ driverId: bea, status: "picked_up", finishedAt: null });

  // a1: an early prediction 600 s off, then the last one before arrival 60 s late → 60 counts.
  await seedPrediction(a1, at("08:00"), at("08:50"), at("09:00"));
  await seedPrediction(a1, at("08:55"), new Date(at("09:00").getTime() - 60_000), at("09:00"));
  // a2: last prediction 120 s early (negative error) → |−120| = 120.
  await seedPrediction(a2, at("10:30"), new Date(at("11:00").getTime() + 120_000), at("11:00"));
  // a3: 300 s; a prediction stamped after arrival is not "before arrival" and is ignored.
  await seedPrediction(a3, at("12:00"), new Date(at("13:00").getTime() - 300_000), at("13:00"));
  await seedPrediction(a3, at("13:05"), at("13:00"), at("13:00"));
  // Bea's delivery has no prediction at all; yesterday's order has one that must not count.
  await seedPrediction(yesterday, at("08:00"), at("08:00"), new Date("2026-03-09T15:00:00Z"));

  const insight = await getInsight(db, day);
  assert.equal(insight.delivered, 4);
  assert.equal(insight.failed, 1);
  assert.deepEqual(insight.onTime, { onTime: 2, withDueAt: 3, rate: 2 / 3 });
  assert.deepEqual(insight.etaError, { medianSeconds: 120, orders: 3 });
  assert.deepEqual(insight.perDriver, [
    { driverId: ana, driverName: "Ana", delivered: 3, failed: 1 },
    { driverId: bea, driverName: "Bea", delivered: 1, failed: 0 },
  ]);

  const empty = await getInsight(db, { from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-01-02T00:00:00Z") });
  assert.deepEqual(empty, {
    from: "2026-01-01T00:00:00.000Z",
    to: "2026-01-02T00:00:00.000Z",
    delivered: 0,
    failed: 0,
    onTime: { onTime: 0, withDueAt: 0, rate: null },
    etaError: { medianSeconds: null, orders: 0 },
    perDriver: [],
  });
});
