/**
 * The headline status a customer reads, in agreement with the timeline under it. Pure.
 * "picked_up" covers both "in the van at the depot" and "on the way"; the timeline tells them
 * apart with its "out for delivery" line, so the headline follows the same line.
 */
import type { OrderStatus } from "./order-status";
import type { TimelineKind } from "../schemas/timeline";

export type CustomerStage = Exclude<OrderStatus, "picked_up"> | "picked_up" | "out_for_delivery";

export function customerStage(status: OrderStatus, entries: readonly { kind: TimelineKind }[]): CustomerStage {
  if (status !== "picked_up") return status;
  for (let index = entries.length - 1; index >= 0; index--) {
    const kind = entries[index]!.kind;
    if (kind === "out_for_delivery" || kind === "stops_away" || kind === "resumed") return "out_for_delivery";
    if (kind === "picked_up" || kind === "assigned" || kind === "unassigned") return "picked_up";
  }
  return "picked_up";
}
