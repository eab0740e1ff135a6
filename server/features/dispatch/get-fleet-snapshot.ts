import { FINISHED_STATUSES } from "../../../lib/domain/order-status";
import type { TFleetSnapshot } from "../../../lib/schemas/admin";
import type { CoreDeps } from "../../deps";
import { startOfToday } from "../drivers/get-driver-day";

/** Every driver at their last known position with the number of stops left: the fleet map's start. */
export async function getFleetSnapshot(deps: Pick<CoreDeps, "prisma">, silentAfterMs: number, now = new Date()): Promise<TFleetSnapshot> {
  const dayStart = startOfToday(now);
  const [drivers, open, firstStops, worked] = await Promise.all([
    deps.prisma.driver.findMany({ include: { location: true }, orderBy: { name: "asc" } }),
    deps.prisma.routeStop.groupBy({ by: ["driverId"], where: { order: { status: { notIn: [...FINISHED_STATUSES] } } }, _count: { _all: true } }),
    // Each driver's first unfinished stop: what the dashboard's driver list shows as "next".
    deps.prisma.routeStop.findMany({
      where: { order: { status: { notIn: [...FINISHED_STATUSES] } } },
      orderBy: [{ driverId: "asc" }, { position: "asc" }],
      distinct: ["driverId"],
      select: { driverId: true, order: { select: { customerName: true, address: true } } },
    }),
    // Drivers who changed a stop's status today (picked up, at the door, delivered, failed): they began the day.
    deps.prisma.order.groupBy({ by: ["driverId"], where: { driverId: { not: null }, status: { in: ["picked_up", "arrived", "delivered", "failed"] }, statusAt: { gte: dayStart } } }),
  ]);
  const workedToday = new Set(worked.map((row) => row.driverId));
  const openStops = new Map(open.map((row) => [row.driverId, row._count._all]));
  const nextStops = new Map(firstStops.map((row) => [row.driverId, { customerName: row.order.customerName, address: row.order.address }]));
  return {
    silentAfterMs,
    serverNow: Date.now(),
    drivers: drivers.map((driver) => ({
      id: driver.id,
      name: driver.name,
      lat: driver.location?.lat ?? null,
      lng: driver.location?.lng ?? null,
      speed: driver.location?.speed ?? null,
      heading: driver.location?.heading ?? null,
      lastFixAt: driver.location?.recordedAt.getTime() ?? null,
      openStops: openStops.get(driver.id) ?? 0,
      hasStartedDay: (driver.location !== null && driver.location.recordedAt >= dayStart) || workedToday.has(driver.id),
      nextStop: nextStops.get(driver.id) ?? null,
    })),
  };
}
