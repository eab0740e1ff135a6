import type { CustomerStage } from "../domain/customer-stage";
import type { DeliveryChoiceKind } from "../domain/delivery-choice";
import type { OrderStatus } from "../domain/order-status";
import type { TimelineKind } from "../schemas/timeline";
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
    deliveredAt: (time: string) => string;
    failedAt: (time: string) => string;
    proof: { title: string; photo: string; signature: string; noteLabel: string; noteTitle: string; photoCaption: string; signatureCaption: string; failedTitle: string };
    instructions: {
      title: string;
      label: string;
      hint: (max: number) => string;
      save: string;
      saving: string;
      saved: string;
      tooLong: (max: number) => string;
      failed: string;
    };
    /** The delivery choice card (components/tracking/delivery-choice.tsx). */
    choice: {
      title: string;
      legend: string;
      kinds: Record<DeliveryChoiceKind, string>;
      neighbourName: string;
      neighbourDoor: string;
      safePlace: string;
      doorNote: string;
      rescheduleDay: string;
      rescheduleFrom: string;
      rescheduleTo: string;
      rescheduleNote: string;
      noteHint: (max: number) => string;
      save: string;
      saving: string;
      saved: string;
      failed: string;
      /** The 4xx codes the page can explain; anything else is `failed`. */
      errors: Partial<Record<string, string>>;
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
  };
  driver: DriverMessages;
}

const en: Messages = {
  appName: "Lastmile",
  home: {
    title: "Live delivery tracking",
    tagline:
      "Lastmile follows every parcel on its last mile: customers watch their driver come closer, drivers work their route from their phone, and dispatch sees the whole fleet live.",
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
    trackingBody:
      "This tracking link is unknown or no longer valid. Check that you opened the full link from your message, or ask the sender for a new one.",
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
    failedNext: "The sender will contact you to arrange another delivery.",
    tilesUnavailable: "Map background unavailable",
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
    },
    arriving: "Arriving: you're next",
    failedReason: (reason) => `Reason: ${reason}`,
    deliveryNote: (note) => `Driver's note: ${note}`,
    etaWindow: (earliest, latest) => `between ${earliest} and ${latest}`,
    lastSeen: (minutes) => (minutes < 1 ? "Driver last seen less than a minute ago" : `Driver last seen ${minutes} min ago`),
    deliveredAt: (time) => `Delivered at ${time}`,
    failedAt: (time) => `Delivery failed at ${time}`,
    proof: { title: "Proof of delivery", photo: "Photo taken by the driver at delivery", signature: "Signature at delivery", noteLabel: "Driver's note", noteTitle: "Driver's note", photoCaption: "Photo", signatureCaption: "Signature of the person who received it", failedTitle: "Why it could not be delivered" },
    instructions: {
      title: "Delivery instructions",
      label: "Anything your driver should know?",
      hint: (max) => `Gate code, floor, where to leave it… up to ${max} characters.`,
      save: "Save instructions",
      saving: "Saving…",
      saved: "Saved: your driver will see them.",
      tooLong: (max) => `Please keep it under ${max} characters.`,
      failed: "Could not save, please try again.",
    },
    choice: {
      title: "Where should we leave it?",
      legend: "If you are not there when the driver arrives",
      kinds: { door: "At the door", neighbour: "With a neighbour", safe_place: "In a safe place", reschedule: "I won't be home: deliver another day" },
      neighbourName: "Neighbour's name",
      neighbourDoor: "Their door (number, floor, flat)",
      safePlace: "Where is the safe place?",
      doorNote: "Note for the driver (optional)",
      rescheduleDay: "Preferred day (optional)",
      rescheduleFrom: "From",
      rescheduleTo: "To",
      rescheduleNote: "Anything else? (optional)",
      noteHint: (max) => `Only your driver and the sender see this; up to ${max} characters.`,
      save: "Save my choice",
      saving: "Saving…",
      saved: "Saved: your driver will see it.",
      failed: "Could not save, please try again.",
      errors: {
        order_finished: "This delivery is finished: the choice can no longer change.",
        date_in_past: "That day has already passed.",
        date_too_far: "Please pick a day within the next two weeks.",
        window_in_past: "That time window is already over.",
        invalid_date: "That day does not exist.",
        invalid_request: "Please check the fields: something is missing or too long.",
        rate_limited: "Too many changes at once; try again in a few seconds.",
      },
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
  },
  driver: driverEn,
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
    trackingBody:
      "Este enlace de seguimiento no existe o ya no es válido. Comprueba que abriste el enlace completo de tu mensaje o pide uno nuevo al remitente.",
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
    stopsAway: (count) =>
      count === 0 ? "Tu pedido es el siguiente" : count === 1 ? "A 1 parada" : `A ${count} paradas`,
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
    failedNext: "El remitente se pondrá en contacto contigo para organizar otra entrega.",
    tilesUnavailable: "Fondo del mapa no disponible",
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
    },
    arriving: "Llegando: eres el siguiente",
    failedReason: (reason) => `Motivo: ${reason}`,
    deliveryNote: (note) => `Nota del repartidor: ${note}`,
    etaWindow: (earliest, latest) => `entre las ${earliest} y las ${latest}`,
    lastSeen: (minutes) => (minutes < 1 ? "Repartidor visto hace menos de un minuto" : `Repartidor visto por última vez hace ${minutes} min`),
    deliveredAt: (time) => `Entregado a las ${time}`,
    failedAt: (time) => `Entrega fallida a las ${time}`,
    proof: { title: "Prueba de entrega", photo: "Foto tomada por el repartidor en la entrega", signature: "Firma en la entrega", noteLabel: "Nota del repartidor", noteTitle: "Nota del repartidor", photoCaption: "Foto", signatureCaption: "Firma de quien lo recibió", failedTitle: "Por qué no se pudo entregar" },
    instructions: {
      title: "Instrucciones de entrega",
      label: "¿Algo que deba saber tu repartidor?",
      hint: (max) => `Código del portal, piso, dónde dejarlo… hasta ${max} caracteres.`,
      save: "Guardar instrucciones",
      saving: "Guardando…",
      saved: "Guardadas: tu repartidor las verá.",
      tooLong: (max) => `Escribe menos de ${max} caracteres.`,
      failed: "No se pudo guardar, inténtalo de nuevo.",
    },
    choice: {
      title: "¿Dónde lo dejamos?",
      legend: "Si no estás cuando llegue el repartidor",
      kinds: { door: "En la puerta", neighbour: "Con un vecino", safe_place: "En un lugar seguro", reschedule: "No estaré en casa: entregar otro día" },
      neighbourName: "Nombre del vecino",
      neighbourDoor: "Su puerta (número, piso, letra)",
      safePlace: "¿Dónde está el lugar seguro?",
      doorNote: "Nota para el repartidor (opcional)",
      rescheduleDay: "Día preferido (opcional)",
      rescheduleFrom: "Desde",
      rescheduleTo: "Hasta",
      rescheduleNote: "¿Algo más? (opcional)",
      noteHint: (max) => `Solo lo ven tu repartidor y el remitente; hasta ${max} caracteres.`,
      save: "Guardar mi elección",
      saving: "Guardando…",
      saved: "Guardado: tu repartidor lo verá.",
      failed: "No se pudo guardar, inténtalo de nuevo.",
      errors: {
        order_finished: "Esta entrega ha terminado: la elección ya no puede cambiar.",
        date_in_past: "Ese día ya ha pasado.",
        date_too_far: "Elige un día dentro de las próximas dos semanas.",
        window_in_past: "Esa franja horaria ya ha terminado.",
        invalid_date: "Ese día no existe.",
        invalid_request: "Revisa los campos: falta algo o es demasiado largo.",
        rate_limited: "Demasiados cambios seguidos; inténtalo en unos segundos.",
      },
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
  },
  driver: driverEs,
};

const MESSAGES: Record<Locale, Messages> = { en, es };

export function getMessages(locale: Locale): Messages {
  return MESSAGES[locale];
}
