/** The driver app's words, English and Spanish (the phone's language picks). */
import type { OrderStatus } from "../domain/order-status";
import type { FailureReason } from "../schemas/driver";

export type DriverSignInError = "unauthorized" | "offline" | "error" | "replaced";

export interface DriverMessages {
  loading: string;
  signIn: { title: string; body: string; label: string; submit: string; errors: Record<DriverSignInError, string> };
  progress: (done: number, left: number) => string;
  signOut: string;
  signOutTitle: string;
  signOutQueued: (count: number) => string;
  signOutConfirm: string;
  keep: string;
  shift: { start: string; end: string; sharing: string; notSharing: string };
  status: Record<OrderStatus, string>;
  sending: string;
  staleRoute: string;
  pickUpAll: (count: number) => string;
  noStops: string;
  navigate: string;
  mapsApp: string;
  actions: { pickedUp: string; arrived: string; delivered: string; failed: string; problem: string };
  deliver: {
    photo: string;
    photoAlt: string;
    photoError: string;
    signature: string;
    clearSignature: string;
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
    online: string;
    offline: string;
    queued: string;
    lastFix: string;
    lastFixValue: (seq: number, time: string) => string;
    accuracy: string;
    accuracyOff: string;
    accuracyWaiting: string;
    retryAt: (time: string) => string;
    wakeLock: string;
    notAccepted: (reason: string) => string;
    gpsErrors: { no_gps: string; denied: string };
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
  signOutTitle: "Sign out?",
  signOutQueued: (count) => `${count} ${count === 1 ? "update is" : "updates are"} not sent yet and will be lost if you sign out now.`,
  signOutConfirm: "Sign out anyway",
  keep: "Stay signed in",
  shift: { start: "Start shift", end: "End shift", sharing: "Sharing your position", notSharing: "Not sharing your position" },
  status: {
    created: "Not assigned",
    assigned: "To pick up",
    picked_up: "On board",
    arrived: "At the door",
    delivered: "Delivered",
    failed: "Not delivered",
    cancelled: "Cancelled",
  },
  sending: "sending…",
  staleRoute: "Offline: showing the route as last loaded.",
  pickUpAll: (count) => `Picked up all (${count})`,
  noStops: "No stops on your route yet.",
  navigate: "Navigate:",
  mapsApp: "Maps app",
  actions: { pickedUp: "Picked up", arrived: "Arrived", delivered: "Delivered", failed: "Failed", problem: "Could not deliver?" },
  deliver: {
    photo: "Photo",
    photoAlt: "Photo of the delivery",
    photoError: "This photo could not be read; try another.",
    signature: "Signature",
    clearSignature: "Clear",
    note: "Note",
    notePlaceholder: "e.g. left with the neighbour",
    confirm: "Confirm delivered",
    cancel: "Cancel",
    offShiftWarning: "Your shift has not started: your position is not being shared, so the customer and dispatch cannot follow you.",
    startShiftNow: "Start shift now",
  },
  fail: {
    reason: "Reason",
    details: "Details",
    confirm: "Confirm failed",
    cancel: "Cancel",
    reasons: {
      customer_absent: "Customer not at home",
      address_not_found: "Address not found",
      refused: "Customer refused",
      damaged: "Parcel damaged",
      no_access: "No access to the building",
      other: "Other",
    },
  },
  bar: {
    label: "Connection and GPS",
    network: "Network",
    online: "online",
    offline: "offline",
    queued: "Waiting to send",
    lastFix: "Last fix sent",
    lastFixValue: (seq, time) => `#${seq} at ${time}`,
    accuracy: "GPS accuracy",
    accuracyOff: "off",
    accuracyWaiting: "waiting…",
    retryAt: (time) => `Will retry at ${time}.`,
    wakeLock: "Screen kept on while on shift.",
    notAccepted: (reason) => `Not accepted by the server: ${reason}`,
    gpsErrors: { no_gps: "This browser has no GPS access.", denied: "Location permission denied: allow it to share your position." },
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
  signOutTitle: "¿Salir?",
  signOutQueued: (count) => `${count} ${count === 1 ? "actualización no se ha enviado" : "actualizaciones no se han enviado"} todavía y se perderán si sales ahora.`,
  signOutConfirm: "Salir de todos modos",
  keep: "Seguir conectado",
  shift: { start: "Empezar turno", end: "Terminar turno", sharing: "Compartiendo tu posición", notSharing: "No compartes tu posición" },
  status: {
    created: "Sin asignar",
    assigned: "Por recoger",
    picked_up: "En el vehículo",
    arrived: "En la puerta",
    delivered: "Entregado",
    failed: "No entregado",
    cancelled: "Cancelado",
  },
  sending: "enviando…",
  staleRoute: "Sin conexión: se muestra la ruta tal como se cargó por última vez.",
  pickUpAll: (count) => `Recogidos todos (${count})`,
  noStops: "Todavía no hay paradas en tu ruta.",
  navigate: "Navegar:",
  mapsApp: "App de mapas",
  actions: { pickedUp: "Recogido", arrived: "He llegado", delivered: "Entregado", failed: "No entregado", problem: "¿No se pudo entregar?" },
  deliver: {
    photo: "Foto",
    photoAlt: "Foto de la entrega",
    photoError: "No se pudo leer esta foto; prueba con otra.",
    signature: "Firma",
    clearSignature: "Borrar",
    note: "Nota",
    notePlaceholder: "p. ej. se dejó al vecino",
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
    reasons: {
      customer_absent: "El cliente no está en casa",
      address_not_found: "No se encuentra la dirección",
      refused: "El cliente lo rechazó",
      damaged: "Paquete dañado",
      no_access: "Sin acceso al edificio",
      other: "Otro",
    },
  },
  bar: {
    label: "Conexión y GPS",
    network: "Red",
    online: "conectado",
    offline: "sin conexión",
    queued: "Pendiente de enviar",
    lastFix: "Última posición enviada",
    lastFixValue: (seq, time) => `n.º ${seq} a las ${time}`,
    accuracy: "Precisión GPS",
    accuracyOff: "apagado",
    accuracyWaiting: "esperando…",
    retryAt: (time) => `Se reintentará a las ${time}.`,
    wakeLock: "La pantalla se mantiene encendida durante el turno.",
    notAccepted: (reason) => `El servidor no lo aceptó: ${reason}`,
    gpsErrors: { no_gps: "Este navegador no tiene acceso al GPS.", denied: "Permiso de ubicación denegado: permítelo para compartir tu posición." },
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
  },
  install: "Instalar app",
};
