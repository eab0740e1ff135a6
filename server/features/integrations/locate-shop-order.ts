/**
 * Dispatch's "needs a location" list: shop orders that arrived without coordinates the geocoder
 * could find. Giving one a location makes its Lastmile order.
 */
import type { TLocateShopOrderRequest, TPendingShopOrder, TShopWebhookAnswer } from "../../../lib/schemas/integrations";
import { Conflict, NotFound } from "../../platform/domain-errors";
import { makeOrder, type ShopOrderDeps } from "./receive-shop-order";

/** The list is a work queue: its oldest first, at most this many at once. */
const MAX_LISTED = 200;

export async function listShopOrdersNeedingLocation(deps: Pick<ShopOrderDeps, "prisma">): Promise<TPendingShopOrder[]> {
  const rows = await deps.prisma.shopOrder.findMany({ where: { state: "needs_location" }, orderBy: { receivedAt: "asc" }, take: MAX_LISTED });
  return rows.map((row) => ({
    id: row.id,
    source: row.source as TPendingShopOrder["source"],
    shop: row.shop || null,
    orderNumber: row.orderNumber,
    customerName: row.customerName,
    address: row.address,
    receivedAt: row.receivedAt.toISOString(),
  }));
}

export class ShopOrderNotFound extends NotFound {
  constructor(id: string) {
    super(`no shop order ${id}`, "shop_order_not_found");
  }
}
export class ShopOrderAlreadyLocated extends Conflict {
  constructor(id: string) {
    super("already_located", `shop order ${id} already has a location (its order exists or is being made)`);
  }
}

export async function locateShopOrder(deps: ShopOrderDeps, id: string, input: TLocateShopOrderRequest): Promise<TShopWebhookAnswer> {
  // One dispatcher wins: the row leaves the list in the same statement that gives it coordinates.
  const { count } = await deps.prisma.shopOrder.updateMany({ where: { id, state: "needs_location" }, data: { state: "creating", lat: input.lat, lng: input.lng } });
  const row = await deps.prisma.shopOrder.findUnique({ where: { id } });
  if (!row) throw new ShopOrderNotFound(id);
  if (count === 0) throw new ShopOrderAlreadyLocated(id);
  await makeOrder(deps, row);
  return { outcome: "created", shopOrderId: row.shopOrderId, orderId: row.orderId };
}
