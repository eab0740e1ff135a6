/**
 * The bridge between Next.js pages and the running Lastmile server.
 *
 * Next.js bundles app/ separately from server/, so a page importing server modules would get
 * its own copies (a second Prisma client, no NATS connection). Instead server/index.ts
 * registers the live services here once, on globalThis, and pages read them.
 */
import type { Brand } from "../lib/domain/brand";
import type { TrackingVisibility } from "../lib/domain/driver-visibility";
import type { TCustomerOrder } from "../lib/schemas/customer";
import type { TNotificationOptions } from "../lib/schemas/notifications";
import type { TOrderView } from "../lib/schemas/order-view";

export interface PublicMapConfig {
  /** Leaflet tile URL template; the map must still work when tiles cannot load. */
  tileUrl: string;
  tileAttribution: string;
}

export interface PageServices {
  /** The current view of the order behind a tracking token, or null for an unknown or revoked token. */
  getOrderViewByToken(token: string): Promise<TOrderView | null>;
  /** Everything the tracking page shows (view, timeline, instructions, rating, proof), or null for an unknown token. */
  getCustomerOrderByToken(token: string): Promise<TCustomerOrder | null>;
  /** DRIVER_SILENT_AFTER_SECONDS in ms: a visible driver without a fix for longer reads "last seen N min ago". */
  silentAfterMs: number;
  map: PublicMapConfig;
  /** GEOCODER_URL is set: the dashboard's new-order form offers an address search. */
  isGeocoderConfigured: boolean;
  /** What the tracking page's "Notify me" card may offer: the VAPID public key, and email when SMTP is set. */
  notifications: TNotificationOptions;
  /** BRAND_NAME, BRAND_LOGO_URL, BRAND_COLOR (defaults: Lastmile, the built-in mark, the apps' blue). */
  brand: Brand;
  /** SUPPORT_PHONE / SUPPORT_EMAIL: the contact line of orders without a sender phone or email. */
  support: { phone: string | null; email: string | null };
  /** TRACKING_VISIBLE_STOPS / _MINUTES: the tracking page says when the driver will appear. */
  visibility: TrackingVisibility;
}

const KEY = Symbol.for("lastmile.page-services");
type GlobalWithServices = typeof globalThis & { [KEY]?: PageServices };

export function registerPageServices(services: PageServices): void {
  (globalThis as GlobalWithServices)[KEY] = services;
}

export function getPageServices(): PageServices {
  const services = (globalThis as GlobalWithServices)[KEY];
  if (!services) throw new Error("Lastmile services are not registered: start the app with `npm start` (server/index.ts).");
  return services;
}
