/**
 * The customer's progress milestones between pick-up and the door: "out for delivery" once the
 * driver sets off with the order, then every change of its stops-away figure ("3 stops away",
 * …, "you're next"). Pure: the tracker feeds it each recomputed order and publishes what it
 * returns as `order.progress` events, so the timeline is part of the order's event history.
 */

export type OrderProgressInput = {
  /** Picked up or at the door: only then is there progress to tell. */
  isPickedUp: boolean;
  stopsAway: number | null;
  /** The driver has an accepted fix newer than the order's pick-up. */
  hasMovedSincePickup: boolean;
};

/** What was last told about an order. */
export type OrderProgressMemory = { isOutForDelivery: boolean; stopsAway: number | null };

export type OrderProgressStep = { stage: "out_for_delivery" | "stops_away"; stopsAway: number };

/**
 * The milestones reached since `memory`, and the memory to keep. The driver has set off when a
 * fix after pick-up arrives or an earlier stop on the route is finished (a driver without GPS
 * still makes progress). Before that, stops-away changes (a reorder at the depot) are silent.
 */
export function nextOrderProgress(memory: OrderProgressMemory | undefined, current: OrderProgressInput): { steps: OrderProgressStep[]; memory: OrderProgressMemory | undefined } {
  if (!current.isPickedUp || current.stopsAway === null) return { steps: [], memory };
  const previous = memory?.stopsAway ?? null;
  const wasOut = memory?.isOutForDelivery ?? false;
  const next: OrderProgressMemory = { isOutForDelivery: wasOut, stopsAway: current.stopsAway };
  if (!wasOut) {
    const hasSetOff = current.hasMovedSincePickup || (previous !== null && current.stopsAway < previous);
    if (!hasSetOff) return { steps: [], memory: next };
    return { steps: [{ stage: "out_for_delivery", stopsAway: current.stopsAway }], memory: { ...next, isOutForDelivery: true } };
  }
  if (previous === current.stopsAway) return { steps: [], memory: next };
  return { steps: [{ stage: "stops_away", stopsAway: current.stopsAway }], memory: next };
}
