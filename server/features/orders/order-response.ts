import type { TOrderBase } from "../../../lib/schemas/admin-responses";
import { toOrderContact, type OrderContactKey } from "../../../lib/schemas/order-contact";
import type { Order } from "../../../generated/prisma/client";

/**
 * The fields every order answer starts with (`POST /api/orders`, `GET /api/orders`, the admin
 * table): one mapper, so the answers cannot drift apart. Callers add their own fields after it.
 */
export function toOrderBase(order: Pick<Order, "id" | "customerName" | "address" | "lat" | "lng" | "status" | "driverId" | "createdAt"> & Partial<Pick<Order, OrderContactKey>>): TOrderBase {
  return {
    id: order.id,
    customerName: order.customerName,
    address: order.address,
    lat: order.lat,
    lng: order.lng,
    status: order.status,
    driverId: order.driverId,
    createdAt: order.createdAt.toISOString(),
    ...toOrderContact(order),
  };
}
