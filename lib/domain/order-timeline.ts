/**
 * The customer's timeline: which order events become lines, and how lines from the page's
 * first render, a resume after a drop and live pushes combine. Pure: no framework imports.
 */
import type { TOrderEvent } from "../schemas/events";
import type { TimelineKind, TTimelineEntry } from "../schemas/timeline";

/** The line an order event shows the customer, or null for events that are not theirs to see. */
export function toTimelineEntry(event: TOrderEvent, seq: number): TTimelineEntry | null {
  const base = { seq, at: new Date(event.at).toISOString(), stopsAway: null, note: null };
  switch (event.type) {
    case "order.created":
      return { ...base, kind: "created" };
    case "order.status_changed": {
      // Handed in at the depot (a parcel taken off the day's route) reads as such, not as "waiting for a driver".
      const kind: TimelineKind =
        event.to === "created"
          ? event.from === "picked_up" || event.from === "arrived"
            ? "back_at_depot"
            : "unassigned"
          : event.to === "picked_up" && event.from === "arrived"
            ? "resumed"
            : event.to;
      if (event.to === "failed") return { ...base, kind, note: event.note, ...(event.reason ? { reason: event.reason } : {}) };
      if (event.to === "delivered") return { ...base, kind, note: event.note, ...(event.deliveredTo ? { deliveredTo: event.deliveredTo } : {}) };
      return { ...base, kind };
    }
    case "order.progress":
      return { ...base, kind: event.stage, stopsAway: event.stopsAway };
    // The customer's own choice is shown in its card; dispatch's answer to it is news.
    case "order.reschedule_accepted":
      return { ...base, kind: "rescheduled" };
    // Route changes list other customers' orders; instructions and ratings are shown elsewhere;
    // a link change is staff business (the old link simply stops working).
    case "order.route_changed":
    case "order.instructions_changed":
    case "order.delivery_choice_set":
    case "order.rated":
    case "order.tracking_link_changed":
      return null;
  }
}

/** Both lists' entries, once each (by sequence), oldest first. */
export function mergeTimeline(current: readonly TTimelineEntry[], incoming: readonly TTimelineEntry[]): TTimelineEntry[] {
  if (incoming.length === 0) return current as TTimelineEntry[];
  const bySeq = new Map<number, TTimelineEntry>();
  for (const entry of [...current, ...incoming]) if (!bySeq.has(entry.seq)) bySeq.set(entry.seq, entry);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * What the customer reads: a milestone told twice (a tracker restart re-announces the current
 * figure) is shown once, and stops-away lines before "out for delivery" are not shown.
 */
export function visibleTimeline(entries: readonly TTimelineEntry[]): TTimelineEntry[] {
  const shown: TTimelineEntry[] = [];
  let isOut = false;
  let lastStops: number | null = null;
  for (const entry of entries) {
    if (entry.kind === "out_for_delivery") {
      if (isOut) {
        if (entry.stopsAway === lastStops) continue;
        shown.push({ ...entry, kind: "stops_away" });
        lastStops = entry.stopsAway;
        continue;
      }
      isOut = true;
      lastStops = entry.stopsAway;
    } else if (entry.kind === "stops_away") {
      if (!isOut || entry.stopsAway === lastStops) continue;
      lastStops = entry.stopsAway;
    } else if (entry.kind === "unassigned" || entry.kind === "assigned" || entry.kind === "back_at_depot") {
      isOut = false;
      lastStops = null;
    }
    shown.push(entry);
  }
  return shown;
}
