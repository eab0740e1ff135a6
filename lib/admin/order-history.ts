/**
 * An order's history in plain words for support staff, from its ORDERS stream events. Pure.
 * A burst of route changes (an import, a drag-and-drop, an optimisation: several in a second)
 * reads as one line with the final placement; the tracker's repeated progress notes are merged.
 */
import type { TOrderHistoryEvent } from "../schemas/admin-responses";

export type HistoryLine = { key: string; at: string; text: string; tone: "normal" | "good" | "bad"; type: string };

/** Route changes closer together than this are one change. */
const BURST_MS = 5_000;

const str = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value : null);
const num = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);
const byWhom = (by: unknown): string => (by === "driver" ? "the driver" : by === "admin" ? "dispatch" : by === "customer" ? "the customer" : "the system");

function statusLine(data: Record<string, unknown>): { text: string; tone: HistoryLine["tone"] } {
  const from = str(data.from);
  const to = str(data.to);
  const note = str(data.note);
  switch (to) {
    case "assigned":
      return { text: "Assigned to a driver", tone: "normal" };
    case "created":
      return { text: "Taken off the driver: waiting for a driver again", tone: "normal" };
    case "picked_up":
      return from === "arrived" ? { text: "The driver left the door and will come back later", tone: "normal" } : { text: "Picked up by the driver", tone: "normal" };
    case "arrived":
      return { text: "The driver arrived at the door", tone: "normal" };
    case "delivered": {
      const proof = data.proof as { hasPhoto?: boolean; hasSignature?: boolean } | undefined;
      const parts = [proof?.hasPhoto ? "photo" : null, proof?.hasSignature ? "signature" : null].filter(Boolean);
      return { text: `Delivered${parts.length ? ` (with ${parts.join(" and ")})` : ""}${note ? `: “${note}”` : ""}`, tone: "good" };
    }
    case "failed":
      return { text: `Delivery failed${note ? `: ${note}` : ""}`, tone: "bad" };
    case "cancelled":
      return { text: `Cancelled by ${byWhom(data.by)}`, tone: "bad" };
    default:
      return { text: `Status changed to ${to ?? "?"}`, tone: "normal" };
  }
}

export function describeOrderHistory(events: readonly TOrderHistoryEvent[], orderId: string, driverNames: ReadonlyMap<string, string> = new Map()): HistoryLine[] {
  const lines: HistoryLine[] = [];
  let lastRoute: { index: number; atMs: number } | null = null;
  let lastProgress: string | null = null;
  for (const event of events) {
    const { data } = event;
    const atMs = Date.parse(event.at);
    const base = { key: event.id, at: event.at, type: event.type };
    switch (event.type) {
      case "order.created":
        lines.push({ ...base, text: `Order created${str(data.customerName) ? ` for ${str(data.customerName)}` : ""}${str(data.address) ? `: ${str(data.address)}` : ""}`, tone: "normal" });
        break;
      case "order.status_changed":
        lines.push({ ...base, ...statusLine(data) });
        break;
      case "order.route_changed": {
        const driverId = str(data.driverId);
        const route = Array.isArray(data.route) ? (data.route as unknown[]) : null;
        const name = driverId ? (driverNames.get(driverId) ?? "a driver") : null;
        const position = route && driverId ? route.indexOf(orderId) : -1;
        const text = !driverId
          ? "Taken off every route"
          : position >= 0 && route
            ? `On ${name}'s route, stop ${position + 1} of ${route.length}`
            : `On ${name}'s route`;
        const line: HistoryLine = { ...base, text, tone: "normal" };
        if (lastRoute && atMs - lastRoute.atMs < BURST_MS && lastRoute.index === lines.length - 1) {
          lines[lastRoute.index] = line;
        } else {
          lines.push(line);
        }
        lastRoute = { index: lines.length - 1, atMs };
        break;
      }
      case "order.progress": {
        const stops = num(data.stopsAway);
        const text =
          data.stage === "out_for_delivery"
            ? `Out for delivery${stops !== null ? `, ${stops === 0 ? "next stop" : `${stops} ${stops === 1 ? "stop" : "stops"} before it`}` : ""}`
            : stops === 0
              ? "Next stop for the driver"
              : `${stops ?? "?"} ${stops === 1 ? "stop" : "stops"} away`;
        if (text === lastProgress) break;
        lastProgress = text;
        lines.push({ ...base, text, tone: "normal" });
        break;
      }
      case "order.instructions_changed": {
        const instructions = str(data.instructions);
        lines.push({ ...base, text: instructions ? `${byWhom(data.by) === "the customer" ? "The customer" : "Dispatch"} left instructions: “${instructions}”` : "Instructions cleared", tone: "normal" });
        break;
      }
      case "order.rated":
        lines.push({ ...base, text: `The customer rated the delivery ${num(data.rating) ?? "?"} out of 5`, tone: "normal" });
        break;
      case "order.tracking_link_changed":
        lines.push({ ...base, text: "Tracking link replaced: the old link stopped working", tone: "normal" });
        break;
      default:
        lines.push({ ...base, text: event.type.replace("order.", "").replaceAll("_", " "), tone: "normal" });
    }
    if (event.type !== "order.route_changed") lastRoute = null;
  }
  return lines;
}
