import type { CoreDeps } from "../deps";
import { isFinished } from "../../lib/domain/order-status";
import type { TDriverDay } from "../../lib/schemas/driver";
import { readWatermark } from "../ingest/seq-watermarks";

/**
 * `GET /api/driver/me`: who the driver is, their route in visiting order, and the highest
 * GPS seq the server stored for them (a reinstalled phone numbers its fixes above it, or its
 * new fixes would be taken for resends).
 */
export async function getDriverDay(deps: Pick<CoreDeps, "prisma" | "jsm">, driver: { id: string; name: string }): Promise<TDriverDay> {
  const [stops, watermark] = await Promise.all([
    deps.prisma.routeStop.findMany({
      where: { driverId: driver.id },
      orderBy: { position: "asc" },
      select: {
        position: true,
        order: {
          select: { id: true, status: true, customerName: true, address: true, instructions: true, lat: true, lng: true, proof: { select: { id: true } } },
        },
      },
    }),
    readWatermark(deps.jsm, driver.id),
  ]);
  const route = stops.map(({ position, order }) => ({
    orderId: order.id,
    position,
    status: order.status,
    customerName: order.customerName,
    address: order.address,
    instructions: order.instructions,
    lat: order.lat,
    lng: order.lng,
    hasProof: order.proof !== null,
  }));
  const done = route.filter((stop) => isFinished(stop.status)).length;
  return { driver, lastSeq: watermark.seq >= 0 ? watermark.seq : null, stops: route, done, left: route.length - done };
}
