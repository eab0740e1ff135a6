/**
 * How a stop ended, in words: a failure's reason and where a delivered parcel was left. The
 * server stores codes (lib/schemas/driver.ts); the driver app, the customer's page and dispatch
 * each say them in their reader's language from here.
 */
import type { FailureReason, TDeliveredTo } from "../schemas/driver";
import type { Locale } from "./locales";

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
