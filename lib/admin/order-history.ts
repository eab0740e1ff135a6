/**
 * An order's history in plain words for support staff, from its ORDERS stream events. Pure.
 * A burst of route changes (an import, a drag-and-drop, an optimisation: several in a second)
 * reads as one line with the final placement; the tracker's repeated progress notes are merged.
 */
import type { TOrderHistoryEvent } from "../schemas/admin-responses";
import { ZDeliveredTo, FAILURE_REASONS, type FailureReason } from "../schemas/driver";
import type { Locale } from "../i18n/locales";
import { deliveredToLine, FAILURE_REASON_WORDS } from "../i18n/outcome-words";

const reasonOf = (value: unknown): FailureReason | null => ((FAILURE_REASONS as readonly unknown[]).includes(value) ? (value as FailureReason) : null);

export type HistoryLine = { key: string; at: string; text: string; tone: "normal" | "good" | "bad"; type: string };

/** Route changes closer together than this are one change. */
const BURST_MS = 5_000;

const str = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value : null);
const num = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);
const byWhom = (by: unknown, w: Words): string => (by === "driver" ? w.by.driver : by === "admin" ? w.by.admin : by === "customer" ? w.by.customer : w.by.system);

/** Every line's words, per language (the order's data fills them in). */
const WORDS = {
  en: {
    by: { driver: "the driver", admin: "dispatch", customer: "the customer", system: "the system" },
    assigned: "Assigned to a driver",
    handedIn: "Handed in at the depot by the driver: waiting for a driver for the new day",
    reopened: "Reopened for the new day agreed with the customer: waiting for a driver",
    takenOffDriver: "Taken off the driver: waiting for a driver again",
    takenOffAtDoor: "Taken off today's route at the door: the driver brings it back to the depot",
    leftDoor: "The driver left the door and will come back later",
    pickedUp: "Picked up by the driver",
    arrived: "The driver arrived at the door",
    photo: "photo",
    signature: "signature",
    delivered: (parts: string[]) => `Delivered${parts.length ? ` (with ${parts.join(" and ")})` : ""}`,
    failed: "Delivery failed",
    cancelledBy: (by: string) => `Cancelled by ${by}`,
    statusChanged: (to: string) => `Status changed to ${to}`,
    choiceDoor: "The customer asked to leave it at the door",
    choiceNeighbour: (name: string, door: string) => `The customer asked to leave it with a neighbour: ${name}, ${door}`,
    choiceSafePlace: "The customer asked to leave it in a safe place",
    choiceReschedule: (when: string | null) => `The customer won't be home and asked to reschedule${when ? ` to ${when}` : ""}`,
    choiceOther: "The customer made a delivery choice",
    created: (name: string | null, address: string | null) => `Order created${name ? ` for ${name}` : ""}${address ? `: ${address}` : ""}`,
    offEveryRoute: "Taken off every route",
    aDriver: "a driver",
    onRouteAt: (name: string, stop: number, of: number) => `On ${name}'s route, stop ${stop} of ${of}`,
    onRoute: (name: string) => `On ${name}'s route`,
    outForDelivery: (stops: number | null) => `Out for delivery${stops !== null ? `, ${stops === 0 ? "next stop" : `${stops} ${stops === 1 ? "stop" : "stops"} before it`}` : ""}`,
    nextForDriver: "Next stop for the driver",
    stopsAway: (stops: number | null) => `${stops ?? "?"} ${stops === 1 ? "stop" : "stops"} away`,
    instructions: (isCustomer: boolean, text: string) => `${isCustomer ? "The customer" : "Dispatch"} left instructions: “${text}”`,
    instructionsCleared: "Instructions cleared",
    rescheduleAccepted: (when: string | null) => `Dispatch accepted the reschedule${when ? `: due ${when}` : ""}`,
    rated: (rating: string) => `The customer rated the delivery ${rating} out of 5`,
    linkReplaced: "Tracking link replaced: the old link stopped working",
  },
  es: {
    by: { driver: "el repartidor", admin: "el equipo de reparto", customer: "el cliente", system: "el sistema" },
    assigned: "Asignado a un repartidor",
    handedIn: "Entregado en el almacén por el repartidor: espera repartidor para el nuevo día",
    reopened: "Reabierto para el nuevo día acordado con el cliente: espera repartidor",
    takenOffDriver: "Retirado del repartidor: vuelve a esperar repartidor",
    takenOffAtDoor: "Retirado de la ruta de hoy en la puerta: el repartidor lo devuelve al almacén",
    leftDoor: "El repartidor se fue de la puerta y volverá más tarde",
    pickedUp: "Recogido por el repartidor",
    arrived: "El repartidor llegó a la puerta",
    photo: "foto",
    signature: "firma",
    delivered: (parts: string[]) => `Entregado${parts.length ? ` (con ${parts.join(" y ")})` : ""}`,
    failed: "Entrega fallida",
    cancelledBy: (by: string) => `Cancelado por ${by}`,
    statusChanged: (to: string) => `El estado cambió a ${to}`,
    choiceDoor: "El cliente pidió dejarlo en la puerta",
    choiceNeighbour: (name: string, door: string) => `El cliente pidió dejarlo con un vecino: ${name}, ${door}`,
    choiceSafePlace: "El cliente pidió dejarlo en un lugar seguro",
    choiceReschedule: (when: string | null) => `El cliente no estará en casa y pidió otro día${when ? `: ${when}` : ""}`,
    choiceOther: "El cliente eligió cómo recibirlo",
    created: (name: string | null, address: string | null) => `Pedido creado${name ? ` para ${name}` : ""}${address ? `: ${address}` : ""}`,
    offEveryRoute: "Retirado de todas las rutas",
    aDriver: "un repartidor",
    onRouteAt: (name: string, stop: number, of: number) => `En la ruta de ${name}, parada ${stop} de ${of}`,
    onRoute: (name: string) => `En la ruta de ${name}`,
    outForDelivery: (stops: number | null) => `En reparto${stops !== null ? `, ${stops === 0 ? "siguiente parada" : `${stops} ${stops === 1 ? "parada" : "paradas"} antes`}` : ""}`,
    nextForDriver: "Siguiente parada del repartidor",
    stopsAway: (stops: number | null) => `A ${stops ?? "?"} ${stops === 1 ? "parada" : "paradas"}`,
    instructions: (isCustomer: boolean, text: string) => `${isCustomer ? "El cliente" : "El equipo de reparto"} dejó instrucciones: “${text}”`,
    instructionsCleared: "Instrucciones borradas",
    rescheduleAccepted: (when: string | null) => `El equipo de reparto aceptó el nuevo día${when ? `: para el ${when}` : ""}`,
    rated: (rating: string) => `El cliente valoró la entrega con ${rating} de 5`,
    linkReplaced: "Enlace de seguimiento sustituido: el anterior dejó de funcionar",
  },
} satisfies Record<Locale, unknown>;
type Words = (typeof WORDS)["en"];

function statusLine(data: Record<string, unknown>, w: Words, locale: Locale): { text: string; tone: HistoryLine["tone"] } {
  const from = str(data.from);
  const to = str(data.to);
  const note = str(data.note);
  switch (to) {
    case "assigned":
      return { text: w.assigned, tone: "normal" };
    case "created":
      if (from === "picked_up" || from === "arrived") return { text: w.handedIn, tone: "normal" };
      if (from === "failed") return { text: w.reopened, tone: "normal" };
      return { text: w.takenOffDriver, tone: "normal" };
    case "picked_up":
      if (from === "arrived" && data.by === "admin") return { text: w.takenOffAtDoor, tone: "normal" };
      return from === "arrived" ? { text: w.leftDoor, tone: "normal" } : { text: w.pickedUp, tone: "normal" };
    case "arrived":
      return { text: w.arrived, tone: "normal" };
    case "delivered": {
      const proof = data.proof as { hasPhoto?: boolean; hasSignature?: boolean } | undefined;
      const parts = [proof?.hasPhoto ? w.photo : null, proof?.hasSignature ? w.signature : null].filter((part): part is string => part !== null);
      const where = ZDeliveredTo.safeParse(data.deliveredTo);
      return { text: `${w.delivered(parts)}${where.success ? ` — ${deliveredToLine(locale, where.data, "staff")}${note ? ` “${note}”` : ""}` : note ? `: “${note}”` : ""}`, tone: "good" };
    }
    case "failed": {
      const reason = reasonOf(data.reason);
      const words = [reason ? FAILURE_REASON_WORDS[locale][reason] : null, note ? (reason ? `“${note}”` : note) : null].filter(Boolean).join(" — ");
      return { text: `${w.failed}${words ? `: ${words}` : ""}`, tone: "bad" };
    }
    case "cancelled":
      return { text: w.cancelledBy(byWhom(data.by, w)), tone: "bad" };
    default:
      return { text: w.statusChanged(to ?? "?"), tone: "normal" };
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
function choiceLine(data: Record<string, unknown>, w: Words): string {
  const note = str(data.note);
  const withNote = note ? ` (“${note}”)` : "";
  switch (data.kind) {
    case "door":
      return `${w.choiceDoor}${withNote}`;
    case "neighbour":
      return `${w.choiceNeighbour(str(data.neighbourName) ?? "?", str(data.neighbourDoor) ?? "?")}${withNote}`;
    case "safe_place":
      return `${w.choiceSafePlace}${note ? `: “${note}”` : ""}`;
    case "reschedule":
      return `${w.choiceReschedule(rescheduleWhen(data))}${withNote}`;
    default:
      return w.choiceOther;
  }
}

export function describeOrderHistory(events: readonly TOrderHistoryEvent[], orderId: string, driverNames: ReadonlyMap<string, string> = new Map(), locale: Locale = "en"): HistoryLine[] {
  const w: Words = WORDS[locale];
  const lines: HistoryLine[] = [];
  let lastRoute: { index: number; atMs: number } | null = null;
  let lastProgress: string | null = null;
  for (const event of events) {
    const { data } = event;
    const atMs = Date.parse(event.at);
    const base = { key: event.id, at: event.at, type: event.type };
    switch (event.type) {
      case "order.created":
        lines.push({ ...base, text: w.created(str(data.customerName), str(data.address)), tone: "normal" });
        break;
      case "order.status_changed":
        lines.push({ ...base, ...statusLine(data, w, locale) });
        break;
      case "order.route_changed": {
        const driverId = str(data.driverId);
        const route = Array.isArray(data.route) ? (data.route as unknown[]) : null;
        const name = driverId ? (driverNames.get(driverId) ?? w.aDriver) : null;
        const position = route && driverId ? route.indexOf(orderId) : -1;
        const text = !driverId ? w.offEveryRoute : position >= 0 && route ? w.onRouteAt(name ?? w.aDriver, position + 1, route.length) : w.onRoute(name ?? w.aDriver);
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
        const text = data.stage === "out_for_delivery" ? w.outForDelivery(stops) : stops === 0 ? w.nextForDriver : w.stopsAway(stops);
        if (text === lastProgress) break;
        lastProgress = text;
        lines.push({ ...base, text, tone: "normal" });
        break;
      }
      case "order.instructions_changed": {
        const instructions = str(data.instructions);
        lines.push({ ...base, text: instructions ? w.instructions(data.by === "customer", instructions) : w.instructionsCleared, tone: "normal" });
        break;
      }
      case "order.delivery_choice_set":
        lines.push({ ...base, text: choiceLine(data, w), tone: "normal" });
        break;
      case "order.reschedule_accepted": {
        const when = rescheduleWhen(data);
        lines.push({ ...base, text: w.rescheduleAccepted(when), tone: "good" });
        break;
      }
      case "order.rated":
        lines.push({ ...base, text: w.rated(String(num(data.rating) ?? "?")), tone: "normal" });
        break;
      case "order.tracking_link_changed":
        lines.push({ ...base, text: w.linkReplaced, tone: "normal" });
        break;
      default:
        lines.push({ ...base, text: event.type.replace("order.", "").replaceAll("_", " "), tone: "normal" });
    }
    if (event.type !== "order.route_changed") lastRoute = null;
  }
  return lines;
}
