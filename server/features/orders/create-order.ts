import { randomUUID } from "node:crypto";
import type { TOrderCreated } from "../../../lib/schemas/admin-responses";
import type { TCreateOrderRequest } from "../../../lib/schemas/api";
import { toOrderContact, type TOrderContact } from "../../../lib/schemas/order-contact";
import type { TOrderEvent, TRouteEvent, TUnroutedOrderEvent } from "../../../lib/schemas/events";
import { generateToken, hashToken } from "../../platform/auth/tokens";
import { nowMs } from "../../platform/clock";
import { subjects } from "../../platform/backbone/subjects";
import { UnknownDriver } from "../../platform/domain-errors";
import type { CoreDeps } from "../../deps";
import { Prisma } from "../../platform/db/client";
import { commitAndPublish } from "../../pipeline/outbox/commit-and-publish";
import type { OutboxWriter } from "../../pipeline/outbox/outbox-writer";
import { toOrderBase } from "./order-response";
import { lockDriver, readOpenStops, toTrackedOrder } from "./route-events";

/** `trackingUrl` is `/track/<token>`: the token is returned once and stored only as a hash. */
export type CreatedOrder = TOrderCreated;

/**
 * Creates an order. With `driverId` it is appended to the end of that driver's route: one
 * `order.created` and ONE route snapshot of the driver's open stops, whatever the route's
 * length. Without, one `order.created` and one `order.unrouted`. The reply waits until the
 * events are on JetStream (best effort: the tracking token is shown only in this reply).
 *
 * Every row of a creation is written by ONE statement (insertOrder); with a driver, after the
 * driver's lock and a read of its open stops (the route snapshot is built here from them): on
 * PGlite every statement is a round trip to its worker thread over a loopback socket, and those
 * round trips are what bound creations per second.
 */
export async function createOrder(
  deps: Pick<CoreDeps, "prisma" | "outbox" | "clock">,
  input: TCreateOrderRequest,
  /** `id`: chosen by the caller (a shop order fixes its order's id on arrival; a second try then fails on the key instead of making another). */
  options: { id?: string } = {},
): Promise<CreatedOrder> {
  const token = generateToken();
  const at = nowMs(deps);
  const order = {
    id: options.id ?? randomUUID(),
    customerName: input.customerName,
    address: input.address,
    lat: input.lat,
    lng: input.lng,
    status: input.driverId ? ("assigned" as const) : ("created" as const),
    driverId: input.driverId ?? null,
    createdAt: new Date(at),
    ...toOrderContact(input),
  };
  await commitAndPublish(
    deps,
    async (out) => {
      // The lock comes first, in a statement of its own: a statement reads the snapshot taken
      // when it starts, so the route that insertOrder extends must be read after the lock is held.
      if (order.driverId && !(await lockDriver(out.tx, order.driverId))) throw new UnknownDriver(order.driverId);
      await insertOrder(out, { ...order, trackingTokenHash: hashToken(token) });
    },
    { publication: "best-effort" },
  );
  return { ...toOrderBase(order), trackingUrl: `/track/${token}` };
}

interface NewOrder {
  id: string;
  customerName: string;
  address: string;
  lat: number;
  lng: number;
  status: "created" | "assigned";
  driverId: string | null;
  createdAt: Date;
  trackingTokenHash: string;
}

type NewOrderRow = NewOrder & TOrderContact;

/**
 * Writes a new order: the order row, its `order.created` (the `order_events` projection row and
 * its outbox row, msgID `<id>:created`), and then either its stop at the end of its driver's
 * route with the route snapshot's outbox row, or (no driver) `order.unrouted`'s. Every event is
 * a typed value serialised here and handed to the statement as a parameter.
 *
 * With a driver the caller holds the driver's lock (lockDriver), so the open stops read first are
 * the route this stop extends; the rows then go in as one statement. Without, one statement.
 */
async function insertOrder(out: OutboxWriter, order: NewOrderRow): Promise<void> {
  const at = order.createdAt.getTime();
  const atText = order.createdAt.toISOString();
  const createdId = `${order.id}:created`;
  // As recordOrderEvent writes them: the projection's `data` is the event without orderId, type and at.
  const createdData = { lat: order.lat, lng: order.lng, address: order.address, status: order.status };
  const created: TOrderEvent = { type: "order.created", orderId: order.id, at, ...createdData };
  // The order row and its order.created projection row, as the first CTEs of either statement.
  const orderRows = Prisma.sql`new_order AS (
      INSERT INTO orders (id, customer_name, address, lat, lng, status, status_at, driver_id, tracking_token_hash, created_at, updated_at,
                          sender_name, order_number, sender_phone, sender_email, customer_phone, customer_email)
      VALUES (${order.id}, ${order.customerName}, ${order.address}, ${order.lat}, ${order.lng}, ${order.status}::"OrderStatus", ${atText}::timestamp,
              ${order.driverId}, ${order.trackingTokenHash}, ${atText}::timestamp, ${atText}::timestamp,
              ${order.senderName}::text, ${order.orderNumber}::text, ${order.senderPhone}::text, ${order.senderEmail}::text, ${order.customerPhone}::text, ${order.customerEmail}::text)),
    projection AS (
      INSERT INTO order_events (id, order_id, type, data, occurred_at)
      VALUES (${createdId}, ${order.id}, ${created.type}, ${JSON.stringify(createdData)}::jsonb, ${atText}::timestamp) ON CONFLICT (id) DO NOTHING)`;
  const routeId = randomUUID();
  if (order.driverId) {
    // The route snapshot (enqueueRouteSnapshot's shape): the open stops read under the driver's
    // lock, then the new stop, which the insert below appends at the end of the route.
    const stops = [...(await readOpenStops(out.tx, order.driverId)), toTrackedOrder({ ...order, statusAt: order.createdAt })];
    const route: TRouteEvent = { type: "route.changed", driverId: order.driverId, at, stops, left: [] };
    await out.tx.$executeRaw`WITH ${orderRows},
      created_event AS (
        INSERT INTO outbox (id, subject, payload) VALUES (${createdId}, ${subjects.orderEvents(order.id)}, ${JSON.stringify(created)}) ON CONFLICT (id) DO NOTHING),
      added AS (
        INSERT INTO route_stops (order_id, driver_id, position)
        SELECT ${order.id}, ${order.driverId}, COALESCE(MAX(position), -1) + 1 FROM route_stops WHERE driver_id = ${order.driverId})
      INSERT INTO outbox (id, subject, payload) VALUES (${routeId}, ${subjects.driverRoute(order.driverId)}, ${JSON.stringify(route)})`;
    out.enqueued(createdId);
    out.enqueued(routeId);
  } else {
    const unrouted: TUnroutedOrderEvent = { type: "order.unrouted", at, order: toTrackedOrder({ ...order, statusAt: order.createdAt }) };
    await out.tx.$executeRaw`WITH ${orderRows}
      INSERT INTO outbox (id, subject, payload)
      VALUES (${createdId}, ${subjects.orderEvents(order.id)}, ${JSON.stringify(created)}), (${routeId}, ${subjects.unroutedOrder(order.id)}, ${JSON.stringify(unrouted)})
      ON CONFLICT (id) DO NOTHING`;
    out.enqueued(createdId);
    out.enqueued(routeId);
  }
}
