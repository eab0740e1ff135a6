/**
 * Whether an order may move to another driver's route (or off every route), and the words that
 * say why not. Pure: the server refuses with these words (PUT route, 409) and the dashboard asks
 * the same question before it sends anything, so a dispatcher reads the refusal instead of a
 * request that fails.
 *
 * Why a refusal and not a hand-over between vans: once picked up, the parcel is physically in one
 * van, and moving it on the server does not move it on the road. The new driver's app would list
 * a parcel that driver does not have (and offer "Delivered" for it), while the van that has it
 * would lose the stop from its list: the parcel would be on nobody's list. A real hand-over needs
 * both drivers at one place and a tap from each ("handed over" / "received"), a workflow of its
 * own in the driver app; until it exists, the safe path is said in words: the driver who has it
 * brings it back to the depot, and dispatch assigns it again from there.
 */
import { isFinished, isPickedUp, ORDER_STATUS_WORDS, type OrderStatus } from "./order-status";

/** Why an order cannot change driver: it is in a van, at a door, finished, or cancelled. */
export type ReassignRefusal = "on_board" | "at_door" | "finished" | "cancelled";

/** The API code of each refusal (stable: clients branch on it). */
export const REASSIGN_REFUSAL_CODES: Readonly<Record<ReassignRefusal, string>> = {
  on_board: "order_in_progress",
  at_door: "order_in_progress",
  finished: "order_finished",
  cancelled: "order_cancelled",
};

/**
 * Null when `order` may go to `toDriverId`'s route (null: off every route, back to the pool).
 * Staying with the same driver is always allowed (reordering a route), except for a cancelled
 * order, which is no stop at all.
 */
export function checkReassign(order: { status: OrderStatus; driverId: string | null }, toDriverId: string | null): ReassignRefusal | null {
  if (order.status === "cancelled") return "cancelled";
  if (order.driverId === toDriverId) return null;
  if (isFinished(order.status)) return "finished";
  if (isPickedUp(order.status)) return order.status === "arrived" ? "at_door" : "on_board";
  return null;
}

export interface ReassignNames {
  customerName: string;
  /** The driver who has the order now (null: nobody). */
  holderName: string | null;
  /** The driver it was meant to go to (null: off every route). */
  targetName: string | null;
}

/** Finished statuses as a Spanish dashboard says them (the order is "ya entregado"). */
const ORDER_STATUS_WORDS_ES: Readonly<Record<OrderStatus, string>> = {
  created: "creado",
  assigned: "asignado",
  picked_up: "recogido",
  arrived: "en la puerta",
  delivered: "entregado",
  failed: "fallido",
  cancelled: "cancelado",
};

/**
 * A refusal in words: a short title and sentences that say why and what to do instead. The API
 * speaks English ("en", its 409 message); the dashboard asks in its reader's language.
 */
export function explainReassignRefusal(refusal: ReassignRefusal, status: OrderStatus, names: ReassignNames, language: "en" | "es" = "en"): { title: string; message: string } {
  if (language === "es") return explainInSpanish(refusal, status, names);
  const { customerName } = names;
  const holder = names.holderName ?? "the driver";
  const Holder = names.holderName ?? "The driver";
  const move = names.targetName ? `It cannot move to ${names.targetName}'s route from here: ${names.targetName} does not have it.` : `It cannot leave ${holder}'s route: ${holder} still has it.`;
  switch (refusal) {
    case "on_board":
      return {
        title: `${customerName}'s parcel is in ${holder}'s van`,
        message: `${customerName}'s parcel is already in ${holder}'s van (picked up). ${move} Ask ${holder} to bring it back to the depot first, then assign it again.`,
      };
    case "at_door":
      return {
        title: `${Holder} is at ${customerName}'s door`,
        message: `${Holder} is at ${customerName}'s door with this parcel now. ${move} Wait until ${holder} delivers it or says why not.`,
      };
    case "finished":
      return {
        title: `${customerName}'s order is already ${ORDER_STATUS_WORDS[status]}`,
        message: `${customerName}'s order is already ${ORDER_STATUS_WORDS[status]}: it is not a stop any more and cannot go on a route.`,
      };
    case "cancelled":
      return {
        title: `${customerName}'s order is cancelled`,
        message: `${customerName}'s order is cancelled: it cannot go on a route.`,
      };
  }
}

function explainInSpanish(refusal: ReassignRefusal, status: OrderStatus, names: ReassignNames): { title: string; message: string } {
  const { customerName } = names;
  const holder = names.holderName ?? "el repartidor";
  const Holder = names.holderName ?? "El repartidor";
  const move = names.targetName
    ? `No puede pasar a la ruta de ${names.targetName} desde aquí: ${names.targetName} no lo tiene.`
    : `No puede salir de la ruta de ${holder}: ${holder} todavía lo tiene.`;
  switch (refusal) {
    case "on_board":
      return {
        title: `El paquete de ${customerName} está en la furgoneta de ${holder}`,
        message: `El paquete de ${customerName} ya está en la furgoneta de ${holder} (recogido). ${move} Pide a ${holder} que lo devuelva al almacén y asígnalo de nuevo desde allí.`,
      };
    case "at_door":
      return {
        title: `${Holder} está en la puerta de ${customerName}`,
        message: `${Holder} está ahora en la puerta de ${customerName} con este paquete. ${move} Espera a que ${holder} lo entregue o diga por qué no.`,
      };
    case "finished":
      return {
        title: `El pedido de ${customerName} ya está ${ORDER_STATUS_WORDS_ES[status]}`,
        message: `El pedido de ${customerName} ya está ${ORDER_STATUS_WORDS_ES[status]}: ya no es una parada y no puede ir en una ruta.`,
      };
    case "cancelled":
      return {
        title: `El pedido de ${customerName} está cancelado`,
        message: `El pedido de ${customerName} está cancelado: no puede ir en una ruta.`,
      };
  }
}
