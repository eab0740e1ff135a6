import { classifyDriver } from "../../../lib/domain/driver-state";
import type { CoreDeps } from "../../deps";
import { getFleetSnapshot } from "./get-fleet-snapshot";
import type { TAlert, TAlertsAnswer } from "../../../lib/schemas/admin";
import { listLateOrders } from "./list-late-orders";
import { FAILURE_REASONS, type FailureReason } from "../../../lib/schemas/driver";

const isFailureReason = (value: string | null): value is FailureReason => (FAILURE_REASONS as readonly (string | null)[]).includes(value);

/** Failed deliveries stay on the board this long. */
const FAILED_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * What needs a person now: customers waiting for an answer to "deliver another day", drivers
 * gone silent with stops left after they began the day (lib/domain/driver-state.ts), late orders, deliveries that failed recently.
 */
export async function listAlerts(deps: Pick<CoreDeps, "prisma" | "jsm">, silentAfterMs: number, nowMs = Date.now()): Promise<TAlertsAnswer> {
  const [requests, fleet, failed, late] = await Promise.all([
    // Open until dispatch accepts it or the order is delivered or cancelled (a failed one may be tried again).
    deps.prisma.deliveryChoice.findMany({
      where: { kind: "reschedule", rescheduleState: "requested", order: { status: { notIn: ["delivered", "cancelled"] } } },
      include: { order: { select: { id: true, customerName: true, status: true, driver: { select: { name: true } } } } },
      orderBy: { chosenAt: "asc" },
      take: 200,
    }),
    getFleetSnapshot(deps, silentAfterMs, new Date(nowMs)),
    deps.prisma.order.findMany({
      where: { status: "failed", finishedAt: { gte: new Date(nowMs - FAILED_WINDOW_MS) } },
      include: { driver: { select: { name: true } } },
      orderBy: { finishedAt: "desc" },
      take: 200,
    }),
    listLateOrders(deps, nowMs),
  ]);
  const silent: TAlert[] = fleet.drivers
    .filter((driver) => classifyDriver(driver, nowMs, silentAfterMs) === "silent")
    .map((driver) => ({ kind: "driver_silent", key: `silent:${driver.id}`, driverId: driver.id, driverName: driver.name, lastFixAt: driver.lastFixAt, openStops: driver.openStops }));
  const failures: TAlert[] = failed.map((order) => ({
    kind: "delivery_failed",
    key: `failed:${order.id}`,
    orderId: order.id,
    customerName: order.customerName,
    driverName: order.driver?.name ?? null,
    note: order.statusNote,
    reason: isFailureReason(order.failureReason) ? order.failureReason : null,
    at: order.finishedAt?.getTime() ?? nowMs,
  }));
  const lateOrders: TAlert[] = late.map((order) => ({ kind: "order_late", key: `late:${order.orderId}`, ...order }));
  const rescheduleRequests: TAlert[] = requests.map((choice) => ({
    kind: "reschedule_requested",
    // A new request (another chosenAt) is a new alert, even if the last one was acknowledged.
    key: `reschedule:${choice.orderId}:${choice.chosenAt.getTime()}`,
    orderId: choice.orderId,
    customerName: choice.order.customerName,
    driverName: choice.order.driver?.name ?? null,
    status: choice.order.status,
    preferredDate: choice.preferredDate,
    windowStart: choice.windowStart,
    windowEnd: choice.windowEnd,
    at: choice.chosenAt.getTime(),
  }));
  const alerts = [...rescheduleRequests, ...silent, ...lateOrders, ...failures];
  return { alerts, count: alerts.length };
}
