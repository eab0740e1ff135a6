import type { StopAtDoor } from "../../../lib/domain/driver-day";
import type { Tx } from "../../deps";
import { startOfToday } from "../drivers/get-driver-day";

/**
 * The driver's stop at the door other than `exceptOrderId`, numbered as the driver's screen
 * numbers it (GET /api/driver/me: today's finished stops first, then the open route in order),
 * or null. Call with the driver's row locked (lockDriver): two arrivals of one driver then read
 * each other's outcome, so exactly one of them can be at the door.
 */
export async function findStopAtDoor(tx: Tx, driverId: string, exceptOrderId: string, now = new Date()): Promise<StopAtDoor | null> {
  const atDoor = await tx.order.findFirst({
    where: { driverId, status: "arrived", id: { not: exceptOrderId } },
    select: { id: true, address: true, stop: { select: { position: true } } },
  });
  if (!atDoor) return null;
  const finishedToday = await tx.order.count({ where: { driverId, status: { in: ["delivered", "failed"] }, finishedAt: { gte: startOfToday(now) } } });
  const before = atDoor.stop ? await tx.routeStop.count({ where: { driverId, position: { lt: atDoor.stop.position } } }) : 0;
  return { orderId: atDoor.id, number: finishedToday + before + 1, address: atDoor.address };
}
