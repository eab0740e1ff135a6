/** The driver app's "Bring back to the depot" card, English and Spanish (the phone's language picks). */

export interface DepotReturnsMessages {
  title: (count: number) => string;
  intro: string;
  /** The agreed day, already written for people, or null when the customer named none. */
  newDay: (day: string | null) => string;
  badge: string;
  handIn: string;
  handingIn: string;
  offline: string;
  refused: (reason: string) => string;
}

export const depotReturnsEn: DepotReturnsMessages = {
  title: (count) => `Bring back to the depot (${count})`,
  intro: "Off today's route: the customer agreed another day with dispatch. Keep these parcels in the van and hand them in at the depot.",
  newDay: (day) => (day ? `New day: ${day}` : "New day: dispatch will agree it with the customer"),
  badge: "Bring back",
  handIn: "Handed in at the depot",
  handingIn: "Sending…",
  offline: "No connection: tap again when you have signal.",
  refused: (reason) => `Not accepted by the server: ${reason}`,
};

export const depotReturnsEs: DepotReturnsMessages = {
  title: (count) => `Devolver al almacén (${count})`,
  intro: "Fuera de la ruta de hoy: el cliente acordó otro día con el equipo de reparto. Deja estos paquetes en el vehículo y entrégalos en el almacén.",
  newDay: (day) => (day ? `Nuevo día: ${day}` : "Nuevo día: el equipo de reparto lo acordará con el cliente"),
  badge: "Devolver",
  handIn: "Entregado en el almacén",
  handingIn: "Enviando…",
  offline: "Sin conexión: vuelve a tocar cuando tengas cobertura.",
  refused: (reason) => `El servidor no lo aceptó: ${reason}`,
};
