/**
 * The words of customer notifications, in the customer's language: what a push or an email
 * says (server/features/notifications), and the tracking page's "Notify me" card. Pure.
 */
import type { NotificationKind } from "../domain/notification-triggers";
import type { Locale } from "./locales";

export interface NotificationTexts {
  /** Title (push) and subject (email) of each kind. */
  title: (kind: NotificationKind, stopsAway: number | null) => string;
  body: (kind: NotificationKind, stopsAway: number | null) => string;
  /** The line before the tracking link in an email. */
  trackLine: string;
  /** The email's last line: why it came, and how to stop it. */
  footer: string;
  card: {
    title: string;
    intro: string;
    push: string;
    pushOn: string;
    pushOff: string;
    pushDenied: string;
    pushFailed: string;
    emailLabel: string;
    emailSave: string;
    emailSaving: string;
    emailSaved: string;
    emailRemove: string;
    emailRemoved: string;
    emailFailed: string;
  };
}

const stopsEn = (count: number) => (count === 1 ? "1 stop" : `${count} stops`);
const stopsEs = (count: number) => (count === 1 ? "1 parada" : `${count} paradas`);

const en: NotificationTexts = {
  title: (kind, stopsAway) =>
    ({
      out_for_delivery: "Your order is out for delivery",
      stops_away: `Your driver is ${stopsEn(stopsAway ?? 0)} away`,
      arriving: "Your driver is arriving",
      delivered: "Your order was delivered",
      failed: "Your delivery could not be completed",
      running_late: "Your delivery is running late",
    })[kind],
  body: (kind, stopsAway) =>
    ({
      out_for_delivery: stopsAway === null || stopsAway === 0 ? "The driver is on the way to you." : `The driver has set off: ${stopsEn(stopsAway)} before yours.`,
      stops_away: `${stopsEn(stopsAway ?? 0)} to go before yours.`,
      arriving: "You're the driver's next stop. Get ready!",
      delivered: "Thank you! See the details and rate the delivery.",
      failed: "The driver could not deliver it. See what happens next.",
      running_late: "The driver is behind schedule. See the new estimate.",
    })[kind],
  trackLine: "Follow your order live:",
  footer: "You get this because you asked for updates about this order on its tracking page. They stop when it is delivered.",
  card: {
    title: "Notify me",
    intro: "Get told when your order sets off, is close, arrives and is delivered, even with this page closed.",
    push: "Notifications on this device",
    pushOn: "On: we will notify this device.",
    pushOff: "Off",
    pushDenied: "Notifications are blocked for this site in your browser settings.",
    pushFailed: "Could not change notifications. Try again.",
    emailLabel: "Email me updates",
    emailSave: "Email me",
    emailSaving: "Saving…",
    emailSaved: "We will email you updates about this order.",
    emailRemove: "Stop emails",
    emailRemoved: "No more emails about this order.",
    emailFailed: "Could not save your address. Check it and try again.",
  },
};

const es: NotificationTexts = {
  title: (kind, stopsAway) =>
    ({
      out_for_delivery: "Tu pedido está en reparto",
      stops_away: `Tu repartidor está a ${stopsEs(stopsAway ?? 0)}`,
      arriving: "Tu repartidor está llegando",
      delivered: "Tu pedido ha sido entregado",
      failed: "No se pudo completar tu entrega",
      running_late: "Tu entrega va con retraso",
    })[kind],
  body: (kind, stopsAway) =>
    ({
      out_for_delivery: stopsAway === null || stopsAway === 0 ? "El repartidor va de camino hacia ti." : `El repartidor ha salido: ${stopsEs(stopsAway)} antes de la tuya.`,
      stops_away: `Quedan ${stopsEs(stopsAway ?? 0)} antes de la tuya.`,
      arriving: "Eres la próxima parada del repartidor. ¡Prepárate!",
      delivered: "¡Gracias! Consulta los detalles y valora la entrega.",
      failed: "El repartidor no pudo entregarlo. Mira qué pasa ahora.",
      running_late: "El repartidor va con retraso. Consulta la nueva estimación.",
    })[kind],
  trackLine: "Sigue tu pedido en directo:",
  footer: "Recibes esto porque pediste avisos sobre este pedido en su página de seguimiento. Terminan cuando se entrega.",
  card: {
    title: "Avísame",
    intro: "Te avisamos cuando tu pedido salga, esté cerca, llegue y se entregue, aunque cierres esta página.",
    push: "Notificaciones en este dispositivo",
    pushOn: "Activadas: avisaremos a este dispositivo.",
    pushOff: "Desactivadas",
    pushDenied: "Las notificaciones están bloqueadas para este sitio en la configuración del navegador.",
    pushFailed: "No se pudieron cambiar las notificaciones. Inténtalo de nuevo.",
    emailLabel: "Envíame avisos por correo",
    emailSave: "Enviarme correos",
    emailSaving: "Guardando…",
    emailSaved: "Te enviaremos avisos de este pedido por correo.",
    emailRemove: "No más correos",
    emailRemoved: "No recibirás más correos de este pedido.",
    emailFailed: "No se pudo guardar tu dirección. Revísala e inténtalo de nuevo.",
  },
};

const TEXTS: Record<Locale, NotificationTexts> = { en, es };

export function getNotificationTexts(locale: Locale): NotificationTexts {
  return TEXTS[locale];
}
