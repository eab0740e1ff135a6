import { isFinished } from "../../../lib/domain/order-status";
import { computeStopsAwayForRoute } from "../../../lib/domain/stops-away";
import { DriverNotFound } from "../../platform/domain-errors";
import type { CoreDeps } from "../../deps";

export interface DriverDetail {
  id: string;
  name: string;
  trackerId: string | null;
  location: { lat: number; lng: number; speed: number | null; at: number } | null;
  /** The route in visiting order; `stopsAway` null for finished stops. */
  route: { orderId: string; customerName: string; address: string; lat: number; lng: number; status: string; stopsAway: number | null }[];
  /** The first stop not yet finished, the one the driver is heading to. */
  currentOrderId: string | null;
}

export async function getDriverDetail(deps: Pick<CoreDeps, "prisma">, driverId: string): Promise<DriverDetail> {
  const driver = await deps.prisma.driver.findUnique({
    where: { id: driverId },
    include: { location: true, stops: { orderBy: { position: "asc" }, include: { order: true } } },
  });
  if (!driver) throw new DriverNotFound(driverId);
  const stopsAway = computeStopsAwayForRoute(driver.stops.map((stop) => ({ orderId: stop.orderId, status: stop.order.status })));
  const route = driver.stops.map((stop) => ({
    orderId: stop.orderId,
    customerName: stop.order.customerName,
    address: stop.order.address,
    lat: stop.order.lat,
    lng: stop.order.lng,
    status: stop.order.status,
    stopsAway: stopsAway.get(stop.orderId) ?? null,
  }));
  return {
    id: driver.id,
    name: driver.name,
    trackerId: driver.trackerId,
    location: driver.location ? { lat: driver.location.lat, lng: driver.location.lng, speed: driver.location.speed, at: driver.location.recordedAt.getTime() } : null,
    route,
    currentOrderId: driver.stops.find((stop) => !isFinished(stop.order.status))?.orderId ?? null,
  };
}
