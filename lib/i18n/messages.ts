import type { CustomerStage } from "../domain/customer-stage";
import type { ChoiceField, ChoiceProblem, DeliveryChoiceKind } from "../domain/delivery-choice";
import type { OrderStatus } from "../domain/order-status";
import type { TimelineKind } from "../schemas/timeline";
import { depotReturnsEn, depotReturnsEs, type DepotReturnsMessages } from "./depot-returns-messages";
import { driverEn, driverEs, type DriverMessages } from "./driver-messages";
import type { Locale } from "./locales";

export interface Messages {
  appName: string;
  home: {
    title: string;
    tagline: string;
    customers: string;
    drivers: string;
    driversLink: string;
    dispatch: string;
    dispatchLink: string;
  };
  notFound: {
    title: string;
    body: string;
    trackingTitle: string;
    trackingBody: string;
    home: string;
  };
  tracking: {
    pageTitle: string;
    /** The headline: the order's status, with "picked up" and "out for delivery" told apart as the timeline does. */
    status: Record<CustomerStage, string>;
    statusAnnouncement: (status: string) => string;
    stopsAway: (count: number) => string;
    /** When there is no stops-away figure: depends on where the order is. */
    noStops: Record<OrderStatus, string>;
    eta: string;
    /** The ETA line, one text per state (lib/domain/eta-display.ts). */
    etaNotYet: string;
    etaWaiting: string;
    etaHere: string;
    etaAnyMinute: string;
    etaBy: (time: string) => string;
    etaStale: string;
    etaStaleDetail: (time: string, minutes: number) => string;
    etaLate: string;
    etaLateDetail: (isWaitingForPosition: boolean) => string;
    /** Near the end, counting down between updates (never below 1). */
    etaCountdown: (minutes: number) => string;
    /** Under "Running late": the new window. */
    etaLateWindow: (earliest: string, latest: string) => string;
    deliverTo: string;
    deliveredTo: string;
    /** Under a finished order's headline: when it happened. */
    finishedOn: (time: string, isToday: boolean) => string;
    cancelledNote: string;
    failedNext: string;
    tilesUnavailable: string;
    zoomIn: string;
    zoomOut: string;
    timeline: string;
    map: string;
    driver: string;
    destination: string;
    /** Timeline lines, one per kind of entry. */
    timelineKind: Record<TimelineKind, string>;
    /** A stops-away line at 0. */
    arriving: string;
    failedReason: (reason: string) => string;
    deliveryNote: (note: string) => string;
    /** Under the ETA: the window around it, e.g. "between 14:05 and 14:20". */
    etaWindow: (earliest: string, latest: string) => string;
    /** The driver's position is shown but no fix came for a while. */
    lastSeen: (minutes: number) => string;
    /** Headlines and lines chosen by lib/domain/customer-message.ts besides the status. */
    wasAtDoor: (time: string) => string;
    atDoorSince: (time: string) => string;
    noNewsFor: (minutes: number) => string;
    /** A new day agreed with the sender: the day (already written for people) and window, or null. */
    movedTo: (day: string | null, window: string | null, isToday: boolean) => string;
    backToDepot: string;
    newDay: (hasDay: boolean, isToday?: boolean) => string;
    /** On the agreed day, before pick-up: the agreed window ("HH:MM"). */
    etaAgreedWindow: (from: string, to: string) => string;
    etaNotToday: string;
    etaHereStale: string;
    /** The customer asked for another day and the sender has not answered yet. */
    requestNotice: (isAfterFailure: boolean) => string;
    deliveredAt: (time: string) => string;
    failedAt: (time: string) => string;
    proof: { title: string; photo: string; signature: string; noteLabel: string; noteTitle: string; photoCaption: string; signatureCaption: string; failedTitle: string };
    /** Who sent the order and how to reach them (components/tracking/sender-card.tsx). */
    sender: {
      from: string;
      orderNumber: string;
      /** The contact line's lead: the order's sender, or the operator's support. */
      contact: (source: "sender" | "support") => string;
      call: (phone: string) => string;
      write: (email: string) => string;
    };
    /** The map area while no driver can be shown (components/tracking/map-area.tsx). */
    mapCard: {
      /** When the driver will appear, by the operator's limits (TRACKING_VISIBLE_STOPS / _MINUTES). */
      appearsWhen: (limits: { maxStops: number | null; maxMinutes: number | null }) => string;
      waitingForPosition: string;
      finished: Record<"delivered" | "failed" | "cancelled", string>;
    };
    /** The delivery choice card with the one note for the driver (components/tracking/delivery-choice.tsx). */
    choice: {
      title: string;
      legend: string;
      /** Shown while nothing is chosen: nothing is pre-selected. */
      nothingChosen: string;
      kinds: Record<DeliveryChoiceKind, string>;
      neighbourName: string;
      neighbourDoor: string;
      safePlace: string;
      rescheduleDay: string;
      rescheduleFrom: string;
      rescheduleTo: string;
      /** The one note box: the order's note for the driver. */
      note: string;
      noteHint: (max: number) => string;
      save: string;
      saving: string;
      saved: string;
      failed: string;
      /** Save with nothing chosen and the note unchanged. */
      nothingToSave: string;
      /** Above the fields when some are wrong (each says why under it). */
      checkFields: (count: number) => string;
      /** What is wrong with one field, in a sentence that names it. */
      fieldError: (field: ChoiceField, problem: ChoiceProblem, max: number) => string;
      /** The 4xx codes that name no field; anything else is `failed`. */
      errors: Partial<Record<string, string>>;
      /** After a failed delivery: only another day can be asked for. */
      failedTitle: string;
      failedIntro: string;
      failedSave: string;
      failedSaved: string;
      /** The current choice in one sentence. */
      current: {
        door: string;
        neighbour: (name: string, door: string) => string;
        safePlace: (where: string) => string;
      };
      /** "Tue 2 Dec", "mar 2 dic": a YYYY-MM-DD day written for people. */
      formatDay: (day: string) => string;
      window: (from: string, to: string) => string;
      rescheduleRequested: (when: string | null) => string;
      rescheduleAccepted: (when: string | null) => string;
    };
    feedback: {
      title: string;
      legend: string;
      star: (rating: number) => string;
      comment: string;
      submit: string;
      sending: string;
      thanks: string;
      yourRating: (rating: number) => string;
      alreadyRated: string;
      pickRating: string;
      failed: string;
    };
  };
  connection: {
    connecting: string;
    live: string;
    reconnecting: string;
    offline: string;
    updatedJustNow: string;
    updatedSecondsAgo: (seconds: number) => string;
    updatedMinutesAgo: (minutes: number) => string;
    /** The socket is open but nothing new came from the driver for a while: not "Live". */
    waitingForDriver: string;
    /** The order is finished: nothing more will change. */
    final: string;
    /** Moved to another day: nothing to follow today. */
    paused: string;
    /** On the agreed day, before pick-up. */
    pausedToday: string;
  };
  driver: DriverMessages;
  /** The driver app's "Bring back to the depot" card (components/driver/depot-returns.tsx). */
  depotReturns: DepotReturnsMessages;
}

/** "Deliver another day" field names, inside a sentence. */
const FIELD_NAMES_EN: Record<ChoiceField, string> = {
  kind: "an option",
  neighbourName: "your neighbour's name",
  neighbourDoor: "your neighbour's door (number, floor, flat)",
  safePlace: "where the safe place is",
  preferredDate: "the day",
  windowStart: "the start time",
  windowEnd: "the end time",
  note: "the note",
};

const FIELD_NAMES_ES: Record<ChoiceField, string> = {
  kind: "una opción",
  neighbourName: "el nombre de tu vecino",
  neighbourDoor: "la puerta de tu vecino (número, piso, letra)",
  safePlace: "dónde está el lugar seguro",
  preferredDate: "el día",
  windowStart: "la hora de inicio",
  windowEnd: "la hora de fin",
  note: "la nota",
};

const en: Messages = {
  appName: "Lastmile",
  home: {
    title: "Live delivery tracking",
    tagline: "Lastmile follows every parcel on its last mile: customers watch their driver come closer, drivers work their route from their phone, and dispatch sees the whole fleet live.",
    customers: "Customers open the private tracking link they received with their order.",
    drivers: "Drivers",
    driversLink: "Open the driver app",
    dispatch: "Dispatch and support",
    dispatchLink: "Open the dashboard",
  },
  notFound: {
    title: "Page not found",
    body: "There is nothing at this address.",
    trackingTitle: "Tracking link not found",
    trackingBody: "This tracking link is unknown or no longer valid. Check that you opened the full link from your message, or ask the sender for a new one.",
    home: "Go to the home page",
  },
  tracking: {
    pageTitle: "Track your order",
    status: {
      created: "Order received",
      assigned: "Driver assigned",
      picked_up: "Picked up",
      out_for_delivery: "Out for delivery",
      arrived: "Driver has arrived",
      delivered: "Delivered",
      failed: "Delivery failed",
      cancelled: "Cancelled",
    },
    statusAnnouncement: (status) => `Order status: ${status}`,
    stopsAway: (count) => (count === 0 ? "You're next" : count === 1 ? "1 stop away" : `${count} stops away`),
    noStops: {
      created: "Waiting for pickup",
      assigned: "Waiting for pickup",
      picked_up: "On the way",
      arrived: "Your driver is here",
      delivered: "No stops left",
      failed: "No stops left",
      cancelled: "No stops left",
    },
    eta: "Estimated arrival",
    etaNotYet: "Once your order is on its way",
    etaWaiting: "Waiting for the driver's position",
    etaHere: "Your driver is at the door",
    etaAnyMinute: "Any minute now",
    etaBy: (time) => `by ${time}`,
    etaStale: "Waiting for the driver's position",
    etaStaleDetail: (time, minutes) => `Last estimate: by ${time} (no update for ${minutes} min)`,
    etaLate: "Running late",
    etaLateDetail: (isWaiting) => (isWaiting ? "Waiting for the driver's position to give a new time." : "A new time will follow shortly."),
    etaCountdown: (minutes) => `Arriving in about ${minutes} min`,
    etaLateWindow: (earliest, latest) => `now between ${earliest} and ${latest}`,
    deliverTo: "Delivering to",
    deliveredTo: "Delivered to",
    finishedOn: (time, isToday) => (isToday ? `Today at ${time}` : time),
    cancelledNote: "This order was cancelled. Contact the sender if you did not expect this.",
    failedNext: "You can pick another delivery day below, or the sender will contact you.",
    tilesUnavailable: "Map background unavailable",
    zoomIn: "Zoom in",
    zoomOut: "Zoom out",
    timeline: "Progress",
    map: "Map of your delivery",
    driver: "Driver",
    destination: "Delivery address",
    timelineKind: {
      created: "Order received",
      assigned: "Driver assigned",
      unassigned: "Waiting for a driver",
      picked_up: "Picked up by your driver",
      out_for_delivery: "Out for delivery",
      stops_away: "Stops away",
      arrived: "Driver has arrived",
      resumed: "Driver will come back later",
      delivered: "Delivered",
      failed: "Delivery failed",
      cancelled: "Cancelled",
      rescheduled: "New delivery day agreed",
      back_at_depot: "Back at the depot for the new day",
    },
    arriving: "Arriving: you're next",
    failedReason: (reason) => `Reason: ${reason}`,
    deliveryNote: (note) => `Driver's note: ${note}`,
    etaWindow: (earliest, latest) => `between ${earliest} and ${latest}`,
    lastSeen: (minutes) => (minutes < 1 ? "Driver last seen less than a minute ago" : `Driver last seen ${minutes} min ago`),
    wasAtDoor: (time) => `Your driver was at your door at ${time}`,
    atDoorSince: (time) => `At your door since ${time}`,
    noNewsFor: (minutes) => `No news from the driver for ${minutes} min`,
    movedTo: (day, window, isToday) => (day ? `Delivery moved to ${isToday ? `today, ${day}` : day}${window ? `, ${window}` : ""}` : "Delivery moved to another day"),
    backToDepot: "Your parcel goes back to the depot today and leaves again on the new day.",
    newDay: (hasDay, isToday) =>
      isToday
        ? "It leaves the depot today; you can follow it here once it is on its way."
        : hasDay
          ? "It leaves the depot again on that day; you can follow it here once it is on its way."
          : "The sender will tell you the new day.",
    etaAgreedWindow: (from, to) => `Today between ${from} and ${to}, as agreed`,
    etaNotToday: "No delivery today",
    etaHereStale: "Waiting for news from the driver",
    requestNotice: (isAfterFailure) =>
      isAfterFailure
        ? "You asked for another delivery day: waiting for the sender to confirm."
        : "You asked for another day: waiting for the sender to confirm. Until then, the delivery stays planned for today.",
    deliveredAt: (time) => `Delivered at ${time}`,
    failedAt: (time) => `Delivery failed at ${time}`,
    proof: {
      title: "Proof of delivery",
      photo: "Photo taken by the driver at delivery",
      signature: "Signature at delivery",
      noteLabel: "Driver's note",
      noteTitle: "Driver's note",
      photoCaption: "Photo",
      signatureCaption: "Signature of the person who received it",
      failedTitle: "Why it could not be delivered",
    },
    sender: {
      from: "From",
      orderNumber: "Order number",
      contact: (source) => (source === "sender" ? "Questions about your order? Contact the sender:" : "Questions about your delivery? Contact us:"),
      call: (phone) => `Call ${phone}`,
      write: (email) => `Email ${email}`,
    },
    mapCard: {
      appearsWhen: ({ maxStops, maxMinutes }) => {
        const stops = maxStops === null ? null : maxStops === 0 ? null : maxStops === 1 ? "1 stop" : `${maxStops} stops`;
        if (maxStops === 0 && maxMinutes === null) return "You'll see your driver on the map when you are their next stop.";
        if (stops && maxMinutes !== null) return `You'll see your driver on the map when they are ${stops} and ${maxMinutes} min away.`;
        if (maxMinutes !== null)
          return maxStops === 0
            ? `You'll see your driver on the map when you are their next stop and they are ${maxMinutes} min away.`
            : `You'll see your driver on the map when they are about ${maxMinutes} min away.`;
        return `You'll see your driver on the map when they are ${stops} away.`;
      },
      waitingForPosition: "Your driver will show on the map as soon as their position comes in.",
      finished: {
        delivered: "Your order was delivered: the driver is no longer shown on the map.",
        failed: "This delivery did not happen: the driver is no longer shown on the map.",
        cancelled: "This order was cancelled: no driver is on the way.",
      },
    },
    choice: {
      title: "Where should we leave it?",
      legend: "If you are not there when the driver arrives",
      nothingChosen: "Nothing chosen yet: the driver will ring and follow the sender's usual practice.",
      kinds: { door: "At the door", neighbour: "With a neighbour", safe_place: "In a safe place", reschedule: "I won't be home: deliver another day" },
      neighbourName: "Neighbour's name",
      neighbourDoor: "Their door (number, floor, flat)",
      safePlace: "Where is the safe place?",
      rescheduleDay: "Preferred day (optional)",
      rescheduleFrom: "From",
      rescheduleTo: "To",
      note: "Note for your driver (optional)",
      noteHint: (max) => `Gate code, floor, anything that helps. Only your driver and the sender see it; up to ${max} characters.`,
      save: "Save",
      saving: "Saving…",
      saved: "Saved: your driver will see it.",
      failed: "Could not save, please try again.",
      nothingToSave: "Choose an option or write a note first.",
      checkFields: (count) => (count === 1 ? "One field needs a correction (see below)." : `${count} fields need a correction (see below).`),
      fieldError: (field, problem, max) => {
        const name = FIELD_NAMES_EN[field];
        switch (problem) {
          case "required":
            return field === "kind" ? "Please choose an option." : `Please enter ${name}.`;
          case "too_long":
            return `Too long: ${name} can have at most ${max} characters.`;
          case "bad_format":
            return field === "preferredDate" ? "Please pick the day from the calendar." : `Please enter ${name} as hours and minutes (for example 14:30).`;
          case "window_incomplete":
            return "Please give both times of the window, or neither.";
          case "window_needs_day":
            return "Please pick the day of this time window.";
          case "window_order":
            return "The end time must be after the start time.";
          case "date_in_past":
            return "That day has already passed: please pick today or a later day.";
          case "date_too_far":
            return "Please pick a day within the next two weeks.";
          case "invalid_date":
            return "That day does not exist in the calendar.";
          case "window_in_past":
            return "That time window is already over: please pick a later one.";
        }
      },
      errors: {
        order_finished: "This delivery is finished: the choice can no longer change.",
        order_failed: "This delivery failed: you can ask for another day.",
        rate_limited: "Too many changes at once; try again in a few seconds.",
        network: "No connection: your choice was not saved. Try again when you are online.",
      },
      failedTitle: "Pick another delivery day",
      failedIntro: "The sender can try again on a day that suits you: pick one (or leave it empty and the sender will suggest one).",
      failedSave: "Ask for this day",
      failedSaved: "Sent: the sender will confirm the new day.",
      current: {
        door: "Your choice: leave it at the door.",
        neighbour: (name, door) => `Your choice: leave it with ${name} (${door}).`,
        safePlace: (where) => `Your choice: leave it in a safe place: ${where}.`,
      },
      formatDay: (day) => new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short" }).format(new Date(`${day}T12:00:00`)),
      window: (from, to) => `between ${from} and ${to}`,
      rescheduleRequested: (when) => `You asked for another delivery day${when ? ` (${when})` : ""}. Waiting for the sender to confirm.`,
      rescheduleAccepted: (when) => `Confirmed: your delivery is moved${when ? ` to ${when}` : ""}. The sender will send it out again.`,
    },
    feedback: {
      title: "How was your delivery?",
      legend: "Your rating",
      star: (rating) => (rating === 1 ? "1 star" : `${rating} stars`),
      comment: "Comment (optional)",
      submit: "Send rating",
      sending: "Sending…",
      thanks: "Thank you for your feedback!",
      yourRating: (rating) => `You rated this delivery ${rating} out of 5.`,
      alreadyRated: "This delivery has already been rated.",
      pickRating: "Choose a rating from 1 to 5.",
      failed: "Could not send, please try again.",
    },
  },
  connection: {
    connecting: "Connecting…",
    live: "Live",
    reconnecting: "Reconnecting…",
    offline: "Offline",
    updatedJustNow: "updated just now",
    updatedSecondsAgo: (seconds) => `updated ${seconds} s ago`,
    updatedMinutesAgo: (minutes) => `updated ${minutes} min ago`,
    waitingForDriver: "Connected · no news from the driver",
    final: "Final status · no further updates",
    paused: "Connected · tracking starts again on the delivery day",
    pausedToday: "Connected · live tracking starts once your order is on its way",
  },
  driver: driverEn,
  depotReturns: depotReturnsEn,
};

const es: Messages = {
  appName: "Lastmile",
  home: {
    title: "Seguimiento de entregas en directo",
    tagline:
      "Lastmile sigue cada paquete en su última milla: los clientes ven acercarse a su repartidor, los repartidores llevan su ruta desde el móvil y el equipo de reparto ve toda la flota en directo.",
    customers: "Los clientes abren el enlace privado de seguimiento que recibieron con su pedido.",
    drivers: "Repartidores",
    driversLink: "Abrir la app de repartidor",
    dispatch: "Reparto y atención al cliente",
    dispatchLink: "Abrir el panel",
  },
  notFound: {
    title: "Página no encontrada",
    body: "No hay nada en esta dirección.",
    trackingTitle: "Enlace de seguimiento no encontrado",
    trackingBody: "Este enlace de seguimiento no existe o ya no es válido. Comprueba que abriste el enlace completo de tu mensaje o pide uno nuevo al remitente.",
    home: "Ir a la página de inicio",
  },
  tracking: {
    pageTitle: "Sigue tu pedido",
    status: {
      created: "Pedido recibido",
      assigned: "Repartidor asignado",
      picked_up: "Recogido",
      out_for_delivery: "En reparto",
      arrived: "El repartidor ha llegado",
      delivered: "Entregado",
      failed: "Entrega fallida",
      cancelled: "Cancelado",
    },
    statusAnnouncement: (status) => `Estado del pedido: ${status}`,
    stopsAway: (count) => (count === 0 ? "Tu pedido es el siguiente" : count === 1 ? "A 1 parada" : `A ${count} paradas`),
    noStops: {
      created: "Esperando la recogida",
      assigned: "Esperando la recogida",
      picked_up: "En camino",
      arrived: "Tu repartidor está aquí",
      delivered: "No quedan paradas",
      failed: "No quedan paradas",
      cancelled: "No quedan paradas",
    },
    eta: "Llegada estimada",
    etaNotYet: "Cuando tu pedido esté en camino",
    etaWaiting: "Esperando la posición del repartidor",
    etaHere: "Tu repartidor está en la puerta",
    etaAnyMinute: "En cualquier momento",
    etaBy: (time) => `antes de las ${time}`,
    etaStale: "Esperando la posición del repartidor",
    etaStaleDetail: (time, minutes) => `Última estimación: antes de las ${time} (sin novedades desde hace ${minutes} min)`,
    etaLate: "Con retraso",
    etaLateDetail: (isWaiting) => (isWaiting ? "Esperando la posición del repartidor para dar una nueva hora." : "En breve tendrás una nueva hora."),
    etaCountdown: (minutes) => `Llega en unos ${minutes} min`,
    etaLateWindow: (earliest, latest) => `ahora entre las ${earliest} y las ${latest}`,
    deliverTo: "Entrega en",
    deliveredTo: "Entregado en",
    finishedOn: (time, isToday) => (isToday ? `Hoy a las ${time}` : time),
    cancelledNote: "Este pedido se ha cancelado. Contacta con el remitente si no lo esperabas.",
    failedNext: "Puedes elegir otro día de entrega más abajo, o el remitente se pondrá en contacto contigo.",
    tilesUnavailable: "Fondo del mapa no disponible",
    zoomIn: "Acercar",
    zoomOut: "Alejar",
    timeline: "Progreso",
    map: "Mapa de tu entrega",
    driver: "Repartidor",
    destination: "Dirección de entrega",
    timelineKind: {
      created: "Pedido recibido",
      assigned: "Repartidor asignado",
      unassigned: "Esperando repartidor",
      picked_up: "Recogido por tu repartidor",
      out_for_delivery: "En reparto",
      stops_away: "Paradas",
      arrived: "El repartidor ha llegado",
      resumed: "El repartidor volverá más tarde",
      delivered: "Entregado",
      failed: "Entrega fallida",
      cancelled: "Cancelado",
      rescheduled: "Nueva fecha de entrega acordada",
      back_at_depot: "De vuelta en el almacén para el nuevo día",
    },
    arriving: "Llegando: eres el siguiente",
    failedReason: (reason) => `Motivo: ${reason}`,
    deliveryNote: (note) => `Nota del repartidor: ${note}`,
    etaWindow: (earliest, latest) => `entre las ${earliest} y las ${latest}`,
    lastSeen: (minutes) => (minutes < 1 ? "Repartidor visto hace menos de un minuto" : `Repartidor visto por última vez hace ${minutes} min`),
    wasAtDoor: (time) => `Tu repartidor estuvo en tu puerta a las ${time}`,
    atDoorSince: (time) => `En tu puerta desde las ${time}`,
    noNewsFor: (minutes) => `Sin noticias del repartidor desde hace ${minutes} min`,
    movedTo: (day, window, isToday) => (day ? `Entrega cambiada ${isToday ? `a hoy, ${day}` : `al ${day}`}${window ? `, ${window}` : ""}` : "Entrega cambiada a otro día"),
    backToDepot: "Tu paquete vuelve hoy al almacén y saldrá de nuevo el nuevo día.",
    newDay: (hasDay, isToday) =>
      isToday
        ? "Sale hoy del almacén; podrás seguirlo aquí cuando esté en camino."
        : hasDay
          ? "Saldrá del almacén ese día; podrás seguirlo aquí cuando esté en camino."
          : "El remitente te dirá el nuevo día.",
    etaAgreedWindow: (from, to) => `Hoy entre las ${from} y las ${to}, según lo acordado`,
    etaNotToday: "Hoy no hay entrega",
    etaHereStale: "Esperando noticias del repartidor",
    requestNotice: (isAfterFailure) =>
      isAfterFailure
        ? "Has pedido otro día de entrega: esperando la confirmación del remitente."
        : "Has pedido otro día: esperando la confirmación del remitente. Mientras tanto, la entrega sigue prevista para hoy.",
    deliveredAt: (time) => `Entregado a las ${time}`,
    failedAt: (time) => `Entrega fallida a las ${time}`,
    proof: {
      title: "Prueba de entrega",
      photo: "Foto tomada por el repartidor en la entrega",
      signature: "Firma en la entrega",
      noteLabel: "Nota del repartidor",
      noteTitle: "Nota del repartidor",
      photoCaption: "Foto",
      signatureCaption: "Firma de quien lo recibió",
      failedTitle: "Por qué no se pudo entregar",
    },
    sender: {
      from: "Remitente",
      orderNumber: "Número de pedido",
      contact: (source) => (source === "sender" ? "¿Dudas sobre tu pedido? Contacta con el remitente:" : "¿Dudas sobre tu entrega? Contacta con nosotros:"),
      call: (phone) => `Llamar al ${phone}`,
      write: (email) => `Escribir a ${email}`,
    },
    mapCard: {
      appearsWhen: ({ maxStops, maxMinutes }) => {
        const stops = maxStops === null ? null : maxStops === 0 ? null : maxStops === 1 ? "1 parada" : `${maxStops} paradas`;
        if (maxStops === 0 && maxMinutes === null) return "Verás a tu repartidor en el mapa cuando seas su próxima parada.";
        if (stops && maxMinutes !== null) return `Verás a tu repartidor en el mapa cuando esté a ${stops} y a ${maxMinutes} min.`;
        if (maxMinutes !== null)
          return maxStops === 0
            ? `Verás a tu repartidor en el mapa cuando seas su próxima parada y esté a ${maxMinutes} min.`
            : `Verás a tu repartidor en el mapa cuando esté a unos ${maxMinutes} min.`;
        return `Verás a tu repartidor en el mapa cuando esté a ${stops}.`;
      },
      waitingForPosition: "Verás a tu repartidor en el mapa en cuanto llegue su posición.",
      finished: {
        delivered: "Tu pedido se ha entregado: el repartidor ya no se muestra en el mapa.",
        failed: "Esta entrega no se pudo hacer: el repartidor ya no se muestra en el mapa.",
        cancelled: "Este pedido se ha cancelado: ningún repartidor va en camino.",
      },
    },
    choice: {
      title: "¿Dónde lo dejamos?",
      legend: "Si no estás cuando llegue el repartidor",
      nothingChosen: "Todavía no has elegido: el repartidor llamará y seguirá la práctica habitual del remitente.",
      kinds: { door: "En la puerta", neighbour: "Con un vecino", safe_place: "En un lugar seguro", reschedule: "No estaré en casa: entregar otro día" },
      neighbourName: "Nombre del vecino",
      neighbourDoor: "Su puerta (número, piso, letra)",
      safePlace: "¿Dónde está el lugar seguro?",
      rescheduleDay: "Día preferido (opcional)",
      rescheduleFrom: "Desde",
      rescheduleTo: "Hasta",
      note: "Nota para tu repartidor (opcional)",
      noteHint: (max) => `Código del portal, piso, lo que ayude. Solo lo ven tu repartidor y el remitente; hasta ${max} caracteres.`,
      save: "Guardar",
      saving: "Guardando…",
      saved: "Guardado: tu repartidor lo verá.",
      failed: "No se pudo guardar, inténtalo de nuevo.",
      nothingToSave: "Elige una opción o escribe una nota primero.",
      checkFields: (count) => (count === 1 ? "Hay que corregir un campo (más abajo)." : `Hay que corregir ${count} campos (más abajo).`),
      fieldError: (field, problem, max) => {
        const name = FIELD_NAMES_ES[field];
        switch (problem) {
          case "required":
            return field === "kind" ? "Elige una opción." : `Escribe ${name}.`;
          case "too_long":
            return `Demasiado largo: ${name} admite como máximo ${max} caracteres.`;
          case "bad_format":
            return field === "preferredDate" ? "Elige el día en el calendario." : `Escribe ${name} en horas y minutos (por ejemplo 14:30).`;
          case "window_incomplete":
            return "Indica las dos horas de la franja, o ninguna.";
          case "window_needs_day":
            return "Elige el día de esta franja horaria.";
          case "window_order":
            return "La hora de fin debe ser posterior a la de inicio.";
          case "date_in_past":
            return "Ese día ya ha pasado: elige hoy o un día posterior.";
          case "date_too_far":
            return "Elige un día dentro de las próximas dos semanas.";
          case "invalid_date":
            return "Ese día no existe en el calendario.";
          case "window_in_past":
            return "Esa franja horaria ya ha terminado: elige una posterior.";
        }
      },
      errors: {
        order_finished: "Esta entrega ha terminado: la elección ya no puede cambiar.",
        order_failed: "Esta entrega no se pudo hacer: puedes pedir otro día.",
        rate_limited: "Demasiados cambios seguidos; inténtalo en unos segundos.",
        network: "Sin conexión: tu elección no se ha guardado. Inténtalo cuando tengas conexión.",
      },
      failedTitle: "Elige otro día de entrega",
      failedIntro: "El remitente puede intentarlo de nuevo el día que te venga bien: elige uno (o déjalo vacío y el remitente te propondrá uno).",
      failedSave: "Pedir este día",
      failedSaved: "Enviado: el remitente confirmará el nuevo día.",
      current: {
        door: "Tu elección: dejarlo en la puerta.",
        neighbour: (name, door) => `Tu elección: dejarlo con ${name} (${door}).`,
        safePlace: (where) => `Tu elección: dejarlo en un lugar seguro: ${where}.`,
      },
      formatDay: (day) => new Intl.DateTimeFormat("es-ES", { weekday: "short", day: "numeric", month: "short" }).format(new Date(`${day}T12:00:00`)),
      window: (from, to) => `entre las ${from} y las ${to}`,
      rescheduleRequested: (when) => `Has pedido otro día de entrega${when ? ` (${when})` : ""}. Esperando la confirmación del remitente.`,
      rescheduleAccepted: (when) => `Confirmado: tu entrega pasa${when ? ` al ${when}` : " a otro día"}. El remitente la enviará de nuevo.`,
    },
    feedback: {
      title: "¿Qué tal tu entrega?",
      legend: "Tu valoración",
      star: (rating) => (rating === 1 ? "1 estrella" : `${rating} estrellas`),
      comment: "Comentario (opcional)",
      submit: "Enviar valoración",
      sending: "Enviando…",
      thanks: "¡Gracias por tu opinión!",
      yourRating: (rating) => `Has valorado esta entrega con ${rating} de 5.`,
      alreadyRated: "Esta entrega ya se ha valorado.",
      pickRating: "Elige una valoración del 1 al 5.",
      failed: "No se pudo enviar, inténtalo de nuevo.",
    },
  },
  connection: {
    connecting: "Conectando…",
    live: "En directo",
    reconnecting: "Reconectando…",
    offline: "Sin conexión",
    updatedJustNow: "actualizado ahora mismo",
    updatedSecondsAgo: (seconds) => `actualizado hace ${seconds} s`,
    updatedMinutesAgo: (minutes) => `actualizado hace ${minutes} min`,
    waitingForDriver: "Conectado · sin novedades del repartidor",
    final: "Estado final · no habrá más cambios",
    paused: "Conectado · el seguimiento se reanuda el día de la entrega",
    pausedToday: "Conectado · el seguimiento en directo empieza cuando tu pedido esté en camino",
  },
  driver: driverEs,
  depotReturns: depotReturnsEs,
};

const MESSAGES: Record<Locale, Messages> = { en, es };

export function getMessages(locale: Locale): Messages {
  return MESSAGES[locale];
}
