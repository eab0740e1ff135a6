/**
 * A shop's order arrives (server/edge/api/integration-routes.ts verified and mapped it): recorded once
 * per shop order and per webhook delivery (the unique keys of `shop_orders`), then made into a
 * Lastmile order when it has coordinates — from the payload, else from the geocoder within a short
 * deadline — or left in dispatch's "needs a location" list.
 *
 * The order's id is fixed when the row is written, so making the order is safe to repeat: a
 * redelivery that finds its row still `creating` (the process died between the two steps) makes it
 * again, and the second of two concurrent tries fails on the order's key and finds it made.
 */
import { randomUUID } from "node:crypto";
import { toE164 } from "../../../lib/domain/tracking-link-message";
import type { TShopOrder, TShopWebhookAnswer } from "../../../lib/schemas/integrations";
import type { CoreDeps } from "../../deps";
import { isUniqueViolation } from "../../platform/db/unique-violation";
import { createOrder } from "../orders/create-order";
import type { LinkSealer } from "../notifications/link-sealing";
import { keepTrackingLink, tokenOf } from "./keep-tracking-link";

export interface ReceivedShopOrder {
  order: TShopOrder;
  /** The shop's domain or site, as its headers say; "" when absent. */
  shop: string;
  /** The delivery's id (same on every retry of that delivery), when the platform sends one. */
  webhookId: string | null;
  /** SHOP_NAME: the sender the customer's messages name. */
  senderName: string | null;
}

export interface ShopOrderDeps extends Pick<CoreDeps, "prisma" | "outbox"> {
  linkSealer?: LinkSealer;
  /** The geocoder with its deadline already applied; null: no coordinates for this address (or no geocoder). */
  geocode?: (address: string) => Promise<{ lat: number; lng: number } | null>;
  log?: (message: string, error?: unknown) => void;
  /** SMS_DEFAULT_COUNTRY_CODE: the country calling code of national phone numbers. */
  defaultCountryCode?: string;
}

type ShopOrderRow = {
  id: string;
  orderId: string;
  state: string;
  lat: number | null;
  lng: number | null;
  customerName: string;
  address: string;
  locale: string;
  orderNumber: string | null;
  senderName: string | null;
  customerPhone: string | null;
  customerEmail: string | null;
};
const ROW_FIELDS = {
  id: true,
  orderId: true,
  state: true,
  lat: true,
  lng: true,
  customerName: true,
  address: true,
  locale: true,
  orderNumber: true,
  senderName: true,
  customerPhone: true,
  customerEmail: true,
  shopOrderId: true,
} as const;

export async function receiveShopOrder(deps: ShopOrderDeps, received: ReceivedShopOrder): Promise<TShopWebhookAnswer> {
  const { order } = received;
  let at = order.lat !== null && order.lng !== null ? { lat: order.lat, lng: order.lng } : null;
  // A known order (a redelivery, or the same order by another delivery) is answered before any geocoding.
  const known = await findKnown(deps, received);
  if (known) return answerKnown(deps, known);
  if (!at && deps.geocode) {
    at = await deps.geocode(order.address).catch((error: unknown) => {
      deps.log?.("shop order: the geocoder failed; the order waits for a location", error);
      return null;
    });
  }
  const row: ShopOrderRow = {
    id: randomUUID(),
    orderId: randomUUID(),
    state: at ? "creating" : "needs_location",
    lat: at?.lat ?? null,
    lng: at?.lng ?? null,
    customerName: order.customerName,
    address: order.address,
    locale: order.locale,
    orderNumber: order.orderNumber,
    senderName: received.senderName,
    customerPhone: order.customerPhone,
    customerEmail: order.customerEmail,
  };
  const { count } = await deps.prisma.shopOrder.createMany({
    data: [
      {
        ...row,
        source: order.source,
        shop: received.shop,
        shopOrderId: order.shopOrderId,
        webhookId: received.webhookId,
      },
    ],
    skipDuplicates: true,
  });
  if (count === 0) {
    // A concurrent delivery of the same order wrote its row first.
    const winner = await findKnown(deps, received);
    return winner ? answerKnown(deps, winner) : { outcome: "duplicate", shopOrderId: order.shopOrderId, orderId: null };
  }
  if (!at) return { outcome: "needs_location", shopOrderId: order.shopOrderId, orderId: null };
  await makeOrder(deps, row);
  return { outcome: "created", shopOrderId: order.shopOrderId, orderId: row.orderId };
}

async function findKnown(deps: ShopOrderDeps, received: ReceivedShopOrder): Promise<(ShopOrderRow & { shopOrderId: string }) | null> {
  const { order } = received;
  return deps.prisma.shopOrder.findFirst({
    where: {
      source: order.source,
      OR: [{ shop: received.shop, shopOrderId: order.shopOrderId }, ...(received.webhookId ? [{ webhookId: received.webhookId }] : [])],
    },
    select: ROW_FIELDS,
  });
}

async function answerKnown(deps: ShopOrderDeps, known: ShopOrderRow & { shopOrderId: string }): Promise<TShopWebhookAnswer> {
  // Left half-made by a process that died: the redelivery finishes it (idempotent by the order's id).
  if (known.state === "creating") await makeOrder(deps, known);
  return { outcome: "duplicate", shopOrderId: known.shopOrderId, orderId: known.state === "needs_location" ? null : known.orderId };
}

/**
 * Makes the Lastmile order of a shop order with coordinates (state `creating`), keeps its tracking
 * link sealed for the customer, and marks the row `created`. Safe to repeat: the order's id is the row's.
 */
export async function makeOrder(deps: ShopOrderDeps, row: ShopOrderRow): Promise<void> {
  if (row.lat === null || row.lng === null) throw new Error(`shop order ${row.id} has no coordinates`);
  try {
    // The shop's phone as given may be national ("(555) 555-5555"): the order keeps it only in E.164.
    const customerPhone = row.customerPhone ? (toE164(row.customerPhone, deps.defaultCountryCode) ?? undefined) : undefined;
    const created = await createOrder(
      deps,
      {
        customerName: row.customerName,
        address: row.address,
        lat: row.lat,
        lng: row.lng,
        orderNumber: row.orderNumber ?? undefined,
        senderName: row.senderName ?? undefined,
        customerPhone,
        customerEmail: row.customerEmail ?? undefined,
      },
      { id: row.orderId },
    );
    await keepTrackingLink(deps, row.orderId, tokenOf(created.trackingUrl), row.locale);
  } catch (error) {
    // Made by an earlier try: its link was kept then (or, if that try died in between, is not: the customer gets no link).
    if (!isUniqueViolation(error) && !isPrimaryKeyClash(error)) throw error;
  }
  await deps.prisma.shopOrder.updateMany({ where: { id: row.id, state: "creating" }, data: { state: "created", createdOrderAt: new Date() } });
}

/** The raw insert of create-order reports a duplicate key as the driver's error (23505), not Prisma's P2002. */
function isPrimaryKeyClash(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? "")}` : String(error);
  return /23505|duplicate key|unique constraint/i.test(text);
}
