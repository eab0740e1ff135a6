/** Stream and subject names of the event backbone (DESIGN.md data flow). */
export const STREAMS = {
  locations: "LOCATIONS",
  orders: "ORDERS",
  orderViews: "ORDER_VIEWS",
} as const;

export const subjects = {
  driverLocation: (driverId: string) => `drivers.${driverId}.location`,
  allDriverLocations: "drivers.*.location",
  orderEvents: (orderId: string) => `orders.${orderId}.events`,
  allOrderEvents: "orders.*.events",
  orderView: (orderId: string) => `orders.${orderId}.view`,
  allOrderViews: "orders.*.view",
} as const;

/** The id segment of `drivers.<id>.location` / `orders.<id>.<kind>`. */
export function subjectId(subject: string): string {
  const id = subject.split(".")[1];
  if (!id) throw new Error(`subject without an id: ${subject}`);
  return id;
}
