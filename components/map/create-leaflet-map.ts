"use client";

import type * as LeafletModule from "leaflet";
import type { Map as LeafletMap } from "leaflet";

export type Leaflet = typeof LeafletModule;

export interface BaseMapOptions {
  tileUrl: string;
  tileAttribution: string;
  /** Canvas rendering for maps with many markers (the fleet map). */
  preferCanvas?: boolean;
}

/**
 * Loads Leaflet (it touches window on import, so only in the browser) and creates a map with the
 * configured tiles. Tiles are decoration: without them (no network) the neutral background and
 * the markers still work.
 */
export async function createLeafletMap(container: HTMLElement, options: BaseMapOptions): Promise<{ L: Leaflet; map: LeafletMap }> {
  const L = await import("leaflet");
  const map = L.map(container, { zoomControl: true, attributionControl: true, preferCanvas: options.preferCanvas ?? false });
  map.attributionControl.setPrefix(false);
  if (options.tileUrl) L.tileLayer(options.tileUrl, { attribution: options.tileAttribution, maxZoom: 19 }).addTo(map);
  return { L, map };
}
