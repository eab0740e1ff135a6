/** The driver app's words, English and Spanish (the phone's language picks). */
import type { StopAction } from "../domain/driver-day";
import type { OrderStatus } from "../domain/order-status";
import type { DeliveredToKind, FailureReason } from "../schemas/driver";
import { FAILURE_REASON_WORDS } from "./outcome-words";

export type DriverSignInError = "unauthorized" | "offline" | "error" | "replaced";

/** Refusals the app explains itself (others show the server's own sentence). */
export type DriverRefusalCode = "stop_at_door" | "invalid_transition";

export interface DriverMessages {
  loading: string;
  signIn: { title: string; body: string; label: string; submit: string; errors: Record<DriverSignInError, string> };
  progress: (done: number, left: number) => string;
  signOut: string;
  signOutTitle: string;
  /** What signing out now leaves behind: open stops, updates not sent, and the code needed to come back. */
  signOutBody: (openStops: number, queued: number) => string;
  signOutConfirm: string;
  keep: string;
  shift: { start: string; end: string };
  /** The position line (lib/driver/position-sharing.ts): one text per state. */
  sharing: {
    off: string;
    paused: string;
    locating: string;
    sharing: (ago: string) => string;
    notSent: (ago: string | null) => string;
    unavailable: (ago: string | null) => string;
    unsupported: string;
    denied: string;
    /** How to turn location back on, per phone. */
    deniedHelp: { ios: string; android: string };
    retry: string;
  };
  /** "12 s ago", "3 min ago". */
  ago: (seconds: number) => string;
  /** The banner while the server cannot be reached. */
  banner: { offline: (queued: number) => string; unreachable: (queued: number) => string };
  status: Record<OrderStatus, string>;
  waitingToSend: string;
  staleRoute: string;
  noStops: string;
  dayDone: string;
  currentStop: string;
  atTheDoor: string;
  nextStops: string;
  doneStops: string;
  navigate: string;
  mapsApp: string;
  /** Every action a stop offers (lib/domain/driver-day.ts), with a line that says what it does. */
  actions: Record<StopAction, { label: string; hint: string }>;
  /** Leaving the stop at the door for another one. */
  leaveDoor: { title: string; body: (atDoor: string, target: string) => string; confirm: string; cancel: string };
  /** "stop 3 · Calle Mayor 1" */
  stopName: (number: number, address: string) => string;
  pickUpAll: (count: number) => string;
  pickUpAllTitle: (count: number) => string;
  pickUpAllBody: (count: number) => string;
  pickUpAllConfirm: (count: number) => string;
  notYet: string;
  deliver: {
    takePhoto: string;
    retakePhoto: string;
    photoAlt: string;
    photoError: string;
    signature: string;
    clearSignature: string;
    deliveredTo: string;
    outcomes: Record<DeliveredToKind, string>;
    customerAsked: string;
    neighbourName: string;
    neighbourDoor: string;
    safePlace: string;
    neighbourMissing: string;
    placeMissing: string;
    note: string;
    notePlaceholder: string;
    confirm: string;
    cancel: string;
    offShiftWarning: string;
    startShiftNow: string;
  };
  fail: { reason: string; details: string; confirm: string; cancel: string; reasons: Record<FailureReason, string> };
  bar: {
    label: string;
    network: string;
    connection: { online: string; offline: string; unreachable: string };
    queued: string;
    lastFix: string;
    lastFixValue: (seq: number, time: string) => string;
    accuracy: string;
    accuracyOff: string;
    accuracyWaiting: string;
    retryAt: (time: string) => string;
    wakeLock: string;
    notAccepted: (reason: string) => string;
    refusals: Record<DriverRefusalCode, string>;
  };
  messages: { title: (count: number) => string; dispatch: string; gotIt: string };
  /** The customer's delivery choice on the stop (components/driver/delivery-choice-note.tsx). */
  choice: {
    door: string;
    neighbour: (name: string, door: string) => string;
    safePlace: string;
    reschedule: string;
    /** A reschedule's day and window, already written for people, or null when none was named. */
    rescheduleWhen: (day: string | null, from: string | null, to: string | null) => string | null;
    rescheduleRequested: string;
    rescheduleAccepted: string;
    note: string;
    instructions: string;
  };
  install: string;
}

export const driverEn: DriverMessages = {
  loading: "Loading…",
  signIn: {
    title: "Driver sign-in",
    body: "Paste the sign-in code dispatch gave you, or open the link from its QR code.",
    label: "Sign-in code",
    submit: "Sign in",
    errors: {
      unauthorized: "This sign-in code is not valid (or was replaced).",
      offline: "No connection: try again when you have signal.",
      error: "The server could not be reached properly; try again in a moment.",
      replaced: "This sign-in code was replaced: ask dispatch for the new one.",
    },
  },
  progress: (done, left) => `${done} done · ${left} left`,
  signOut: "Sign out",
  signOutTitle: "Sign out of the driver app?",
  signOutBody: (openStops, queued) =>
    [
      openStops > 0 ? `You still have ${openStops} open ${openStops === 1 ? "stop" : "stops"} today.` : null,
      queued > 0 ? `${queued} ${queued === 1 ? "update is" : "updates are"} not sent yet and will be lost.` : null,
      "To sign in again you need your sign-in code or its QR code from dispatch.",
    ]
      .filter(Boolean)
      .join(" "),
  signOutConfirm: "Sign out",
  keep: "Stay signed in",
  shift: { start: "Start shift", end: "End shift" },
  sharing: {
    off: "Not sharing your position",
    paused: "Paused: nobody can follow you. Start your shift to share your position.",
    locating: "Finding your position…",
    sharing: (ago) => `Sharing your position · last sent ${ago}`,
    notSent: (ago) => `Your position is not reaching dispatch${ago ? ` (last sent ${ago})` : ""}: it is kept on this phone and sent when the connection is back.`,
    unavailable: (ago) => `No GPS position${ago ? ` since ${ago}` : ""}: go outdoors or near a window, and check that Location is on.`,
    unsupported: "This browser has no access to GPS: nobody can follow you.",
    denied: "Location is blocked for this app: nobody can follow you.",
    deniedHelp: {
      ios: "iPhone: Settings › Privacy & Security › Location Services › Safari Websites (or your browser) › While Using the App. Then tap Try again.",
      android: "Android: tap the icon left of the address › Permissions › Location › Allow. Or Settings › Apps › Chrome › Permissions › Location. Then tap Try again.",
    },
    retry: "Try again",
  },
  ago: (seconds) => (seconds < 5 ? "just now" : seconds < 90 ? `${seconds} s ago` : `${Math.round(seconds / 60)} min ago`),
  banner: {
    offline: (queued) => `You're offline. ${queued} waiting to send: kept on this phone and sent when you're back online.`,
    unreachable: (queued) => `Can't reach the server. ${queued} waiting to send: kept on this phone and sent as soon as it answers.`,
  },
  status: {
    created: "Not assigned",
    assigned: "To pick up",
    picked_up: "On board",
    arrived: "At the door",
    delivered: "Delivered",
    failed: "Not delivered",
    cancelled: "Cancelled",
  },
  waitingToSend: "waiting to send",
  staleRoute: "Offline: showing the route as last loaded.",
  noStops: "No stops on your route yet.",
  dayDone: "All stops done for today.",
  currentStop: "Current stop",
  atTheDoor: "At the door",
  nextStops: "Next stops",
  doneStops: "Done",
  navigate: "Navigate:",
  mapsApp: "Maps app",
  actions: {
    pick_up: { label: "Picked up", hint: "The parcel is in your vehicle." },
    arrive: { label: "Arrived", hint: "You're at the door: the customer is told you're here." },
    deliver: { label: "Delivered", hint: "Handed over or left as the customer asked." },
    fail: { label: "Couldn't deliver", hint: "Say why; the parcel goes back with you." },
    leave_for_later: { label: "Leave for later — drive on", hint: "The parcel stays on board; this stop waits until you come back." },
    do_first: { label: "Do this stop first", hint: "Go here before the current stop." },
  },
  leaveDoor: {
    title: "Leave this door for later?",
    body: (atDoor, target) => `You're still at the door of ${atDoor}. Leave it for later and go to ${target}?`,
    confirm: "Leave it for later and go",
    cancel: "Stay at this door",
  },
  stopName: (number, address) => `stop ${number} (${address})`,
  pickUpAll: (count) => `Picked up all (${count})`,
  pickUpAllTitle: (count) => `All ${count} parcels on board?`,
  pickUpAllBody: (count) => `This marks ${count} stops as picked up: their parcels are in your vehicle and their customers see them on the way. Do this only once every one of them is loaded.`,
  pickUpAllConfirm: (count) => `Yes, all ${count} are on board`,
  notYet: "Not yet",
  deliver: {
    takePhoto: "Take photo",
    retakePhoto: "Take another photo",
    photoAlt: "Photo of the delivery",
    photoError: "This photo could not be read; try another.",
    signature: "Signature",
    clearSignature: "Clear",
    deliveredTo: "Left with",
    outcomes: { customer: "The customer", door: "At the door", neighbour: "A neighbour", safe_place: "In a safe place" },
    customerAsked: "what the customer asked",
    neighbourName: "Neighbour's name",
    neighbourDoor: "Their door (number, floor, flat)",
    safePlace: "Where did you leave it?",
    neighbourMissing: "Write the neighbour's name and door.",
    placeMissing: "Write where you left the parcel.",
    note: "Note",
    notePlaceholder: "Anything dispatch should know",
    confirm: "Confirm delivered",
    cancel: "Cancel",
    offShiftWarning: "Your shift has not started: your position is not being shared, so the customer and dispatch cannot follow you.",
    startShiftNow: "Start shift now",
  },
  fail: {
    reason: "Reason",
    details: "Details",
    confirm: "Confirm not delivered",
    cancel: "Cancel",
    reasons: FAILURE_REASON_WORDS.en,
  },
  bar: {
    label: "Connection and GPS",
    network: "Network",
    connection: { online: "online", offline: "offline", unreachable: "server unreachable" },
    queued: "Waiting to send",
    lastFix: "Last fix sent",
    lastFixValue: (seq, time) => `#${seq} at ${time}`,
    accuracy: "GPS accuracy",
    accuracyOff: "off",
    accuracyWaiting: "waiting…",
    retryAt: (time) => `Will retry at ${time}.`,
    wakeLock: "Screen kept on while on shift.",
    notAccepted: (reason) => `Not accepted by the server: ${reason}`,
    refusals: {
      stop_at_door: "another stop was still at the door. Check the current stop.",
      invalid_transition: "this stop had already changed (finished or moved elsewhere).",
    },
  },
  messages: { title: (count) => `Messages from dispatch (${count})`, dispatch: "Dispatch", gotIt: "Got it" },
  choice: {
    door: "Customer: leave it at the door",
    neighbour: (name, door) => `Customer: leave it with the neighbour ${name}, ${door}`,
    safePlace: "Customer: leave it in a safe place",
    reschedule: "Customer won't be home: asked for another day",
    rescheduleWhen: (day, from, to) => (day ? `${day}${from && to ? `, ${from}–${to}` : ""}` : null),
    rescheduleRequested: "waiting for dispatch",
    rescheduleAccepted: "accepted by dispatch",
    note: "Customer's note",
    instructions: "Delivery instructions",
  },
  install: "Install app",
};

export const driverEs: DriverMessages = {
  loading: "Cargando…",
  signIn: {
    title: "Acceso de repartidor",
    body: "Pega el código de acceso que te dio el equipo de reparto o abre el enlace de su código QR.",
    label: "Código de acceso",
    submit: "Entrar",
    errors: {
      unauthorized: "Este código de acceso no es válido (o se ha sustituido).",
      offline: "Sin conexión: inténtalo de nuevo cuando tengas cobertura.",
      error: "No se pudo contactar bien con el servidor; inténtalo de nuevo en un momento.",
      replaced: "Este código de acceso se ha sustituido: pide el nuevo al equipo de reparto.",
    },
  },
  progress: (done, left) => `${done} hechas · ${left} pendientes`,
  signOut: "Salir",
  signOutTitle: "¿Salir de la app de repartidor?",
  signOutBody: (openStops, queued) =>
    [
      openStops > 0 ? `Todavía tienes ${openStops} ${openStops === 1 ? "parada abierta" : "paradas abiertas"} hoy.` : null,
      queued > 0 ? `${queued} ${queued === 1 ? "actualización no se ha enviado" : "actualizaciones no se han enviado"} y se perderán.` : null,
      "Para volver a entrar necesitas tu código de acceso o su código QR del equipo de reparto.",
    ]
      .filter(Boolean)
      .join(" "),
  signOutConfirm: "Salir",
  keep: "Seguir conectado",
  shift: { start: "Empezar turno", end: "Terminar turno" },
  sharing: {
    off: "No compartes tu posición",
    paused: "En pausa: nadie puede seguirte. Empieza el turno para compartir tu posición.",
    locating: "Buscando tu posición…",
    sharing: (ago) => `Compartiendo tu posición · último envío ${ago}`,
    notSent: (ago) => `Tu posición no llega al equipo de reparto${ago ? ` (último envío ${ago})` : ""}: se guarda en este teléfono y se enviará cuando vuelva la conexión.`,
    unavailable: (ago) => `Sin posición GPS${ago ? ` desde ${ago}` : ""}: sal al exterior o acércate a una ventana, y comprueba que la ubicación está activada.`,
    unsupported: "Este navegador no tiene acceso al GPS: nadie puede seguirte.",
    denied: "La ubicación está bloqueada para esta app: nadie puede seguirte.",
    deniedHelp: {
      ios: "iPhone: Ajustes › Privacidad y seguridad › Localización › Sitios web de Safari (o tu navegador) › Cuando se use la app. Después toca Reintentar.",
      android: "Android: toca el icono a la izquierda de la dirección › Permisos › Ubicación › Permitir. O Ajustes › Aplicaciones › Chrome › Permisos › Ubicación. Después toca Reintentar.",
    },
    retry: "Reintentar",
  },
  ago: (seconds) => (seconds < 5 ? "ahora mismo" : seconds < 90 ? `hace ${seconds} s` : `hace ${Math.round(seconds / 60)} min`),
  banner: {
    offline: (queued) => `Sin conexión. ${queued} pendientes de enviar: se guardan en este teléfono y se enviarán cuando vuelvas a tener conexión.`,
    unreachable: (queued) => `No se puede contactar con el servidor. ${queued} pendientes de enviar: se guardan en este teléfono y se enviarán en cuanto responda.`,
  },
  status: {
    created: "Sin asignar",
    assigned: "Por recoger",
    picked_up: "En el vehículo",
    arrived: "En la puerta",
    delivered: "Entregado",
    failed: "No entregado",
    cancelled: "Cancelado",
  },
  waitingToSend: "pendiente de enviar",
  staleRoute: "Sin conexión: se muestra la ruta tal como se cargó por última vez.",
  noStops: "Todavía no hay paradas en tu ruta.",
  dayDone: "Todas las paradas de hoy están hechas.",
  currentStop: "Parada actual",
  atTheDoor: "En la puerta",
  nextStops: "Próximas paradas",
  doneStops: "Hechas",
  navigate: "Navegar:",
  mapsApp: "App de mapas",
  actions: {
    pick_up: { label: "Recogido", hint: "El paquete está en tu vehículo." },
    arrive: { label: "He llegado", hint: "Estás en la puerta: se avisa al cliente de que has llegado." },
    deliver: { label: "Entregado", hint: "Entregado en mano o dejado como pidió el cliente." },
    fail: { label: "No se pudo entregar", hint: "Indica el motivo; el paquete vuelve contigo." },
    leave_for_later: { label: "Dejar para más tarde y seguir", hint: "El paquete sigue en el vehículo; esta parada espera a que vuelvas." },
    do_first: { label: "Hacer esta parada primero", hint: "Ir aquí antes que a la parada actual." },
  },
  leaveDoor: {
    title: "¿Dejar esta puerta para más tarde?",
    body: (atDoor, target) => `Todavía estás en la puerta de la ${atDoor}. ¿La dejas para más tarde y vas a la ${target}?`,
    confirm: "Dejarla para más tarde e ir",
    cancel: "Seguir en esta puerta",
  },
  stopName: (number, address) => `parada ${number} (${address})`,
  pickUpAll: (count) => `Recogidos todos (${count})`,
  pickUpAllTitle: (count) => `¿Los ${count} paquetes están en el vehículo?`,
  pickUpAllBody: (count) => `Se marcarán ${count} paradas como recogidas: sus paquetes están en tu vehículo y sus clientes los verán en camino. Hazlo solo cuando todos estén cargados.`,
  pickUpAllConfirm: (count) => `Sí, los ${count} están cargados`,
  notYet: "Todavía no",
  deliver: {
    takePhoto: "Hacer foto",
    retakePhoto: "Hacer otra foto",
    photoAlt: "Foto de la entrega",
    photoError: "No se pudo leer esta foto; prueba con otra.",
    signature: "Firma",
    clearSignature: "Borrar",
    deliveredTo: "Entregado a",
    outcomes: { customer: "El cliente", door: "En la puerta", neighbour: "Un vecino", safe_place: "En un lugar seguro" },
    customerAsked: "lo que pidió el cliente",
    neighbourName: "Nombre del vecino",
    neighbourDoor: "Su puerta (número, piso, letra)",
    safePlace: "¿Dónde lo has dejado?",
    neighbourMissing: "Escribe el nombre y la puerta del vecino.",
    placeMissing: "Escribe dónde has dejado el paquete.",
    note: "Nota",
    notePlaceholder: "Algo que deba saber el equipo de reparto",
    confirm: "Confirmar entrega",
    cancel: "Cancelar",
    offShiftWarning: "No has empezado el turno: no se comparte tu posición, así que ni el cliente ni el equipo de reparto pueden seguirte.",
    startShiftNow: "Empezar turno ahora",
  },
  fail: {
    reason: "Motivo",
    details: "Detalles",
    confirm: "Confirmar no entregado",
    cancel: "Cancelar",
    reasons: FAILURE_REASON_WORDS.es,
  },
  bar: {
    label: "Conexión y GPS",
    network: "Red",
    connection: { online: "conectado", offline: "sin conexión", unreachable: "servidor no disponible" },
    queued: "Pendiente de enviar",
    lastFix: "Última posición enviada",
    lastFixValue: (seq, time) => `n.º ${seq} a las ${time}`,
    accuracy: "Precisión GPS",
    accuracyOff: "apagado",
    accuracyWaiting: "esperando…",
    retryAt: (time) => `Se reintentará a las ${time}.`,
    wakeLock: "La pantalla se mantiene encendida durante el turno.",
    notAccepted: (reason) => `El servidor no lo aceptó: ${reason}`,
    refusals: {
      stop_at_door: "otra parada seguía en la puerta. Revisa la parada actual.",
      invalid_transition: "esta parada ya había cambiado (terminada o movida).",
    },
  },
  messages: { title: (count) => `Mensajes del equipo de reparto (${count})`, dispatch: "Equipo de reparto", gotIt: "Entendido" },
  choice: {
    door: "Cliente: dejarlo en la puerta",
    neighbour: (name, door) => `Cliente: dejarlo con el vecino ${name}, ${door}`,
    safePlace: "Cliente: dejarlo en un lugar seguro",
    reschedule: "El cliente no estará en casa: pide otro día",
    rescheduleWhen: (day, from, to) => (day ? `${day}${from && to ? `, ${from}–${to}` : ""}` : null),
    rescheduleRequested: "pendiente del equipo de reparto",
    rescheduleAccepted: "aceptado por el equipo de reparto",
    note: "Nota del cliente",
    instructions: "Instrucciones de entrega",
  },
  install: "Instalar app",
};
