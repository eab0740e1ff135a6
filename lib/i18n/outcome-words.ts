/**
 * How a stop ended, in words: a failure's reason and where a delivered parcel was left. The
 * server stores codes (lib/schemas/driver.ts); the driver app, the customer's page and dispatch
 * each say them in their reader's language from here.
 */
// Types only: this module is in the tracking page's bundle, which carries no zod (e2e/tracking/script-budget.spec.ts).
import type { FailureReason, TDeliveredTo } from "../schemas/driver";
import { LOCALES, type Locale } from "./locales";

export const FAILURE_REASON_WORDS: Readonly<Record<Locale, Readonly<Record<FailureReason, string>>>> = {
  en: {
    customer_absent: "Customer not at home",
    address_not_found: "Address not found",
    refused: "Customer refused the parcel",
    damaged: "Parcel damaged",
    no_access: "No access to the building",
    other: "Other reason",
  },
  es: {
    customer_absent: "El cliente no estaba en casa",
    address_not_found: "No se encontró la dirección",
    refused: "El cliente rechazó el paquete",
    damaged: "Paquete dañado",
    no_access: "Sin acceso al edificio",
    other: "Otro motivo",
  },
};

const comparable = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[.!\s]+$/, "");

/**
 * A failure as the reader should see it: the reason as a code (said in the page's language) and
 * the driver's own words. Older events and contract clients (`{ status, note }`) carry the reason
 * as a note in English or Spanish ("Customer not at home"): such a note is read as its code, so a
 * Spanish page says "El cliente no estaba en casa"; a note repeating the code's words is dropped.
 */
export function failureOf(reason: FailureReason | null, note: string | null): { reason: FailureReason | null; note: string | null } {
  if (!note) return { reason, note };
  const said = comparable(note);
  const matching = (Object.keys(FAILURE_REASON_WORDS.en) as FailureReason[]).find((code) => LOCALES.some((locale) => comparable(FAILURE_REASON_WORDS[locale][code]) === said));
  if (matching && (reason === null || reason === matching)) return { reason: matching, note: null };
  return { reason, note };
}

/** Who reads the line: the customer ("your door") or the driver and dispatch ("the door"). */
export type OutcomeAudience = "customer" | "staff";

/** "Left with the neighbour Marta (2B)", in the reader's language. */
export function deliveredToLine(locale: Locale, deliveredTo: TDeliveredTo, audience: OutcomeAudience): string {
  const isCustomer = audience === "customer";
  if (locale === "es") {
    switch (deliveredTo.kind) {
      case "customer":
        return isCustomer ? "Entregado en mano." : "Entregado al cliente en mano.";
      case "door":
        return isCustomer ? "Dejado en tu puerta." : "Dejado en la puerta.";
      case "neighbour":
        return `${isCustomer ? "Dejado con tu vecino" : "Dejado con el vecino"} ${deliveredTo.name} (${deliveredTo.door}).`;
      case "safe_place":
        return `${isCustomer ? "Dejado en tu lugar seguro" : "Dejado en un lugar seguro"}: ${deliveredTo.place}.`;
    }
  }
  switch (deliveredTo.kind) {
    case "customer":
      return isCustomer ? "Handed to you." : "Handed to the customer.";
    case "door":
      return isCustomer ? "Left at your door." : "Left at the door.";
    case "neighbour":
      return `${isCustomer ? "Left with your neighbour" : "Left with the neighbour"} ${deliveredTo.name} (${deliveredTo.door}).`;
    case "safe_place":
      return `${isCustomer ? "Left in your safe place" : "Left in a safe place"}: ${deliveredTo.place}.`;
  }
}
