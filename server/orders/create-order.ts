import { randomUUID } from "node:crypto";
import type { TOrderCreated } from "../../lib/schemas/admin-responses";
import type { TCreateOrderRequest } from "../../lib/schemas/api";
import { toOrderContact, type TOrderContact } from "../../lib/schemas/order-contact";
import type { TOrderEvent, TRouteEvent, TUnroutedOrderEvent } from "../../lib/schemas/events";
import { generateToken, hashToken } from "../auth/tokens";
import { nowMs } from "../clock";
import { subjects } from "../backbone/subjects";
import { UnknownDriver } from "../domain-errors";
import type { CoreDeps } from "../deps";
import { Prisma } from "../db/client";
import { commitAndPublish } from "../outbox/commit-and-publish";
import type { OutboxWriter } from "../outbox/outbox-writer";
import { toOrderBase } from "./order-response";
import { lockDriver, toTrackedOrder } from "./route-events";

/** `trackingUrl` is `/track/<token>`: the token is returned once and stored only as a hash. */
export type CreatedOrder = TOrderCreated;

/**
 * Creates an order. With `driverId` it is appended to the end of that driver's route: one
 * `order.created` and ONE route snapshot of the driver's open stops, whatever the route's
 * length. Without, one `order.created` and one `order.unrouted`. The reply waits until the
 * events are on JetStream (best effort: the tracking token is shown only in this reply).
 *
 * Every row of a creation is written by ONE statement (insertOrder), after the driver's lock
 * when there is a driver: on PGlite every statement is a round trip to its worker thread over a
 * loopback socket, and those round trips were what bounded creations per second.
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
 * Writes a new order in one statement: the order row, its `order.created` (the `order_events`
 * projection row and its outbox row, msgID `<id>:created`), and then either its stop at the end
 * of its driver's route with the route snapshot's outbox row, or (no driver) `order.unrouted`'s.
 *
 * The route snapshot (a TRouteEvent with `left` empty, as enqueueRouteSnapshot publishes it) is
 * written by the statement from the driver's stops, each stop as toTrackedOrder maps it: the
 * statement's snapshot does not see the rows it inserts, so the new stop joins the route from
 * `added`, with the values the order is inserted with. The caller holds the driver's lock
 * (lockDriver), so the route read is the one this stop extends.
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
    // The snapshot's JSON around its stops, as JSON.stringify writes a TRouteEvent; the stops are
    // JSON objects the statement writes (compact, keys as toTrackedOrder's).
    const event: Omit<TRouteEvent, "stops" | "left"> = { type: "route.changed", driverId: order.driverId, at };
    const snapshotHead = `${JSON.stringify(event).slice(0, -1)},"stops":`;
    const snapshotTail = `,"left":[]}`;
    await out.tx.$executeRaw`WITH ${orderRows},
      created_event AS (
        INSERT INTO outbox (id, subject, payload) VALUES (${createdId}, ${subjects.orderEvents(order.id)}, ${JSON.stringify(created)}) ON CONFLICT (id) DO NOTHING),
      added AS (
        INSERT INTO route_stops (order_id, driver_id, position)
        SELECT ${order.id}, ${order.driverId}, COALESCE(MAX(position), -1) + 1 FROM route_stops WHERE driver_id = ${order.driverId}
        RETURNING position),
      stops AS (
        SELECT s.position, o.id AS "orderId", o.status::text AS status, (extract(epoch FROM o.status_at) * 1000)::bigint AS "statusAt", o.lat, o.lng, o.address
          FROM route_stops s JOIN orders o ON o.id = s.order_id
         WHERE s.driver_id = ${order.driverId}
        UNION ALL
        SELECT added.position, ${order.id}::text, ${order.status}::text, ${at}::bigint, ${order.lat}::float8, ${order.lng}::float8, ${order.address}::text FROM added)
      INSERT INTO outbox (id, subject, payload)
      SELECT ${routeId}, ${subjects.driverRoute(order.driverId)},
             ${snapshotHead} || array_to_json(array_agg(to_json(stop) ORDER BY s.position))::text || ${snapshotTail}
        FROM stops s, LATERAL (SELECT s."orderId", s.status, s."statusAt", s.lat, s.lng, s.address) stop`;
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
