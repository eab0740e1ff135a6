/** Stream and subject names of the event backbone (DESIGN.md data flow). */
import { partitionOf } from "../../../lib/domain/partition";

export const STREAMS = {
  /** The tracker's input, partitioned by driver: fixes, route snapshots, unrouted orders' changes. */
  locations: "LOCATIONS",
  orders: "ORDERS",
  orderViews: "ORDER_VIEWS",
} as const;

/**
 * The app's own durable consumers. The integration NATS user may create and read consumers of
 * ORDERS but never these (nats-server-process.ts): it could otherwise take their messages.
 */
export const APP_DURABLES = {
  webhooks: "webhooks",
  notifications: "notifications",
  notificationsLate: "notifications-late",
} as const;

/**
 * Everything the tracker reads for one driver lives under `drivers.<partition>.<driverId>.…`, so
 * one ordered consumer per partition (ONE filter subject, as nats-server 2.9 requires) sees
 * that driver's fixes and route changes in a single stream order. Orders on no route have no
 * driver: their changes go to `drivers.<partition of the order>.unassigned.order`.
 */
export const subjects = {
  driverLocation: (driverId: string) => `drivers.${partitionOf(driverId)}.${driverId}.location`,
  driverRoute: (driverId: string) => `drivers.${partitionOf(driverId)}.${driverId}.route`,
  unroutedOrder: (orderId: string) => `drivers.${partitionOf(orderId)}.unassigned.order`,
  /** All tracker input of one partition. */
  partitionInput: (partition: number) => `drivers.${partition}.>`,
  allTrackerInput: "drivers.>",
  allDriverLocations: "drivers.*.*.location",
  orderEvents: (orderId: string) => `orders.${orderId}.events`,
  allOrderEvents: "orders.*.events",
  orderView: (orderId: string) => `orders.${orderId}.view`,
  allOrderViews: "orders.*.view",
  /** Everything published of one order: its view and its events. */
  orderAll: (orderId: string) => `orders.${orderId}.*`,
} as const;

/**
 * The subjects published for integrators, by AsyncAPI channel id, as channel addresses
 * (`{parameter}` = one token). The ONE list of them: the AsyncAPI document describes exactly these
 * channels (server/edge/api/asyncapi-document.ts) and the read-only NATS user `integration` may
 * subscribe to exactly these (integrationPermissions in nats-server-process.ts). Every other
 * subject on the account is internal (INTERNAL_SUBJECTS in asyncapi-document.ts).
 */
export const INTEGRATOR_CHANNELS = {
  orderEvents: "orders.{orderId}.events",
  orderViews: "orders.{orderId}.view",
  driverLocations: "drivers.{partition}.{driverId}.location",
  driverRoutes: "drivers.{partition}.{driverId}.route",
  unroutedOrders: "drivers.{partition}.unassigned.order",
} as const;
export type IntegratorChannelId = keyof typeof INTEGRATOR_CHANNELS;

/** A channel address as a NATS subscription: each `{parameter}` becomes `*`. */
export function subscriptionOf(address: string): string {
  return address.replace(/\{[^}]+\}/g, "*");
}

/** What an integrator subscribes to: one wildcard subject per integrator channel. */
export const INTEGRATOR_SUBSCRIPTIONS: readonly string[] = Object.values(INTEGRATOR_CHANNELS).map(subscriptionOf);

/** The id in `orders.<id>.<kind>` or `drivers.<partition>.<id>.<kind>`. */
export function subjectId(subject: string): string {
  const tokens = subject.split(".");
  const id = tokens[0] === "drivers" ? tokens[2] : tokens[1];
  if (!id) throw new Error(`subject without an id: ${subject}`);
  return id;
}
