/**
 * The tracking map's view rules, shared by the first map (plain elements, `static-map.tsx`) and
 * Leaflet's (`tracking-map.tsx`), so Leaflet takes over showing what the first map showed.
 */
import type { FitOptions } from "@/lib/domain/web-mercator";

/** Only the stop to show: this close. */
export const DESTINATION_ZOOM = 15;
/** More room on top (the destination pin stands above its point) and at the bottom (the map notices). */
export const FIT_OPTIONS: FitOptions = { paddingTopLeft: [40, 64], paddingBottomRight: [40, 72], maxZoom: 16 };
/** The driver leaving the map's middle (this share of its size in from every side) re-fits both points. */
export const KEEP_IN_VIEW_INSET = 0.1;
/** The markers' sizes (CSS px); the destination pin points at its bottom, the driver disc is centred. */
export const DRIVER_ICON_SIZE = 36;
export const DESTINATION_ICON_SIZE = 32;
/** The destination pin's outline (a 24-unit viewBox). */
export const PIN_PATH = "M12 2a7 7 0 0 0-7 7c0 5.2 7 13 7 13s7-7.8 7-13a7 7 0 0 0-7-7Zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5Z";
export const ARROW_PATH = "M12 4 17 16 12 13.5 7 16Z";
