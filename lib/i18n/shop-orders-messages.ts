/** The dashboard's "needs a location" panel (shop orders without coordinates), English and Spanish. */
import type { Locale } from "./locales";

export interface ShopOrdersMessages {
  title: (count: number) => string;
  intro: string;
  from: (source: string, shop: string | null) => string;
  received: (time: string) => string;
  place: string;
  lat: string;
  lng: string;
  mapHint: string;
  create: string;
  creating: string;
  cancel: string;
  created: (orderNumber: string | null) => string;
}

const en: ShopOrdersMessages = {
  title: (count) => `Shop orders that need a location (${count})`,
  intro: "The shop sent no coordinates and the address search found none. Click the map or type them to create the order.",
  from: (source, shop) => (shop ? `${source} · ${shop}` : source),
  received: (time) => `received ${time}`,
  place: "Set location",
  lat: "Latitude",
  lng: "Longitude",
  mapHint: "Click the map to place it",
  create: "Create order",
  creating: "Creating…",
  cancel: "Cancel",
  created: (orderNumber) => (orderNumber ? `Order ${orderNumber} created.` : "Order created."),
};

const es: ShopOrdersMessages = {
  title: (count) => `Pedidos de tienda sin ubicación (${count})`,
  intro: "La tienda no envió coordenadas y la búsqueda de direcciones no encontró ninguna. Haz clic en el mapa o escríbelas para crear el pedido.",
  from: (source, shop) => (shop ? `${source} · ${shop}` : source),
  received: (time) => `recibido ${time}`,
  place: "Fijar ubicación",
  lat: "Latitud",
  lng: "Longitud",
  mapHint: "Haz clic en el mapa para situarlo",
  create: "Crear pedido",
  creating: "Creando…",
  cancel: "Cancelar",
  created: (orderNumber) => (orderNumber ? `Pedido ${orderNumber} creado.` : "Pedido creado."),
};

export const shopOrdersMessages: Record<Locale, ShopOrdersMessages> = { en, es };
