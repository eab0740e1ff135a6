/** Socket.IO rooms of watched orders, and the order id in an `orders.<orderId>.<kind>` subject. */

export const ORDER_ROOM_PREFIX = "order:";

export const roomOf = (orderId: string): string => `${ORDER_ROOM_PREFIX}${orderId}`;

/**
 * The order id of `orders.<orderId>.view` / `orders.<orderId>.events`, or null for any other
 * subject: read before anything is parsed, so messages for orders nobody watches cost nothing.
 */
export function orderIdOfSubject(subject: string): string | null {
  if (!subject.startsWith("orders.")) return null;
  const end = subject.indexOf(".", 7);
  if (end <= 7 || subject.indexOf(".", end + 1) !== -1) return null;
  return subject.slice(7, end);
}
