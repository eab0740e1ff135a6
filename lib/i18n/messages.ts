import type { OrderStatus } from "../domain/order-status";
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
    status: Record<OrderStatus, string>;
    statusAnnouncement: (status: string) => string;
    stopsAway: (count: number) => string;
    /** When there is no stops-away figure: depends on where the order is. */
    noStops: Record<OrderStatus, string>;
    eta: string;
    etaUnknown: string;
    deliverTo: string;
    timeline: string;
    map: string;
    driver: string;
    destination: string;
  };
  connection: {
    connecting: string;
    live: string;
    reconnecting: string;
    offline: string;
    updatedJustNow: string;
    updatedSecondsAgo: (seconds: number) => string;
    updatedMinutesAgo: (minutes: number) => string;
  };
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
      picked_up: "Out for delivery",
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
    etaUnknown: "—",
    deliverTo: "Delivering to",
    timeline: "Progress",
    map: "Map of your delivery",
    driver: "Driver",
    destination: "Delivery address",
  },
  connection: {
    connecting: "Connecting…",
    live: "Live",
    reconnecting: "Reconnecting…",
    offline: "Offline",
    updatedJustNow: "updated just now",
    updatedSecondsAgo: (seconds) => `updated ${seconds} s ago`,
    updatedMinutesAgo: (minutes) => `updated ${minutes} min ago`,
  },
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
      picked_up: "En reparto",
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
    etaUnknown: "—",
    deliverTo: "Entrega en",
    timeline: "Progreso",
    map: "Mapa de tu entrega",
    driver: "Repartidor",
    destination: "Dirección de entrega",
  },
  connection: {
    connecting: "Conectando…",
    live: "En directo",
    reconnecting: "Reconectando…",
    offline: "Sin conexión",
    updatedJustNow: "actualizado ahora mismo",
    updatedSecondsAgo: (seconds) => `actualizado hace ${seconds} s`,
    updatedMinutesAgo: (minutes) => `actualizado hace ${minutes} min`,
  },
};

const MESSAGES: Record<Locale, Messages> = { en, es };

export function getMessages(locale: Locale): Messages {
  return MESSAGES[locale];
}
