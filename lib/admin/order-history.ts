/**
 * An order's history in plain words for support staff, from its ORDERS stream events. Pure.
 * A burst of route changes (an import, a drag-and-drop, an optimisation: several in a second)
 * reads as one line with the final placement; the tracker's repeated progress notes are merged.
 */
import type { TOrderHistoryEvent } from "../schemas/admin-responses";
import { ZDeliveredTo, FAILURE_REASONS, type FailureReason } from "../schemas/driver";
import { deliveredToLine, FAILURE_REASON_WORDS } from "../i18n/outcome-words";

const reasonOf = (value: unknown): FailureReason | null => ((FAILURE_REASONS as readonly unknown[]).includes(value) ? (value as FailureReason) : null);

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
      if (from === "picked_up" || from === "arrived") return { text: "Handed in at the depot by the driver: waiting for a driver for the new day", tone: "normal" };
      if (from === "failed") return { text: "Reopened for the new day agreed with the customer: waiting for a driver", tone: "normal" };
      return { text: "Taken off the driver: waiting for a driver again", tone: "normal" };
    case "picked_up":
      if (from === "arrived" && data.by === "admin") return { text: "Taken off today's route at the door: the driver brings it back to the depot", tone: "normal" };
      return from === "arrived" ? { text: "The driver left the door and will come back later", tone: "normal" } : { text: "Picked up by the driver", tone: "normal" };
    case "arrived":
      return { text: "The driver arrived at the door", tone: "normal" };
    case "delivered": {
      const proof = data.proof as { hasPhoto?: boolean; hasSignature?: boolean } | undefined;
      const parts = [proof?.hasPhoto ? "photo" : null, proof?.hasSignature ? "signature" : null].filter(Boolean);
      const where = ZDeliveredTo.safeParse(data.deliveredTo);
      return { text: `Delivered${parts.length ? ` (with ${parts.join(" and ")})` : ""}${where.success ? ` — ${deliveredToLine("en", where.data, "staff")}${note ? ` “${note}”` : ""}` : note ? `: “${note}”` : ""}`, tone: "good" };
    }
    case "failed": {
      const reason = reasonOf(data.reason);
      const words = [reason ? FAILURE_REASON_WORDS.en[reason] : null, note ? (reason ? `“${note}”` : note) : null].filter(Boolean).join(" — ");
      return { text: `Delivery failed${words ? `: ${words}` : ""}`, tone: "bad" };
    }
    case "cancelled":
      return { text: `Cancelled by ${byWhom(data.by)}`, tone: "bad" };
    default:
      return { text: `Status changed to ${to ?? "?"}`, tone: "normal" };
  }
}

/** "2026-12-02, 10:00–12:00", or null when the customer named no day. */
function rescheduleWhen(data: Record<string, unknown>): string | null {
  const day = str(data.preferredDate);
  const from = str(data.windowStart);
  const to = str(data.windowEnd);
  return day ? `${day}${from && to ? `, ${from}–${to}` : ""}` : null;
}

/** The customer's delivery choice in one line; the note is for staff and the driver, so it is shown. */
function choiceLine(data: Record<string, unknown>): string {
  const note = str(data.note);
  const withNote = note ? ` (“${note}”)` : "";
  switch (data.kind) {
    case "door":
      return `The customer asked to leave it at the door${withNote}`;
    case "neighbour":
      return `The customer asked to leave it with a neighbour: ${str(data.neighbourName) ?? "?"}, ${str(data.neighbourDoor) ?? "?"}${withNote}`;
    case "safe_place":
      return `The customer asked to leave it in a safe place${note ? `: “${note}”` : ""}`;
    case "reschedule": {
      const when = rescheduleWhen(data);
      return `The customer won't be home and asked to reschedule${when ? ` to ${when}` : ""}${withNote}`;
    }
    default:
      return "The customer made a delivery choice";
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
      case "order.delivery_choice_set":
        lines.push({ ...base, text: choiceLine(data), tone: "normal" });
        break;
      case "order.reschedule_accepted": {
        const when = rescheduleWhen(data);
        lines.push({ ...base, text: `Dispatch accepted the reschedule${when ? `: due ${when}` : ""}`, tone: "good" });
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
