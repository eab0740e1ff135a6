"use client";

import type * as LeafletModule from "leaflet";
import type { Map as LeafletMap } from "leaflet";

export type Leaflet = typeof LeafletModule;

export interface BaseMapOptions {
  tileUrl: string;
  tileAttribution: string;
  /** Canvas rendering for maps with many markers (the fleet map). */
  preferCanvas?: boolean;
  /** Said on the map when no background tile loads (no network, a blocked tile server). */
  tilesUnavailableText?: string;
  /** The zoom buttons' names in the page's language ("Zoom in"/"Zoom out" when not given). */
  zoomInTitle?: string;
  zoomOutTitle?: string;
  /** Told when the background goes missing (false) or comes back (true): a form warns that a click is approximate. */
  onTilesAvailability?: (isAvailable: boolean) => void;
}

export const DEFAULT_TILES_UNAVAILABLE_TEXT = "Map background unavailable";

/**
 * Loads Leaflet (it touches window on import, so only in the browser) and creates a map with the
 * configured tiles. Tiles are decoration: without them (no network) the map says so in a corner
 * and the markers and lines still work on a neutral background.
 */
export async function createLeafletMap(container: HTMLElement, options: BaseMapOptions): Promise<{ L: Leaflet; map: LeafletMap }> {
  const L = await import("leaflet");
  const map = L.map(container, { zoomControl: false, attributionControl: true, preferCanvas: options.preferCanvas ?? false });
  L.control.zoom({ zoomInTitle: options.zoomInTitle ?? "Zoom in", zoomOutTitle: options.zoomOutTitle ?? "Zoom out" }).addTo(map);
  map.attributionControl.setPrefix(false);

  let notice: LeafletModule.Control | null = null;
  const showNotice = () => {
    if (notice) return;
    options.onTilesAvailability?.(false);
    notice = new L.Control({ position: "bottomleft" });
    notice.onAdd = () => {
      const element = L.DomUtil.create("div", "ui-map-notice");
      element.textContent = options.tilesUnavailableText ?? DEFAULT_TILES_UNAVAILABLE_TEXT;
      element.setAttribute("role", "status");
      element.setAttribute("data-testid", "map-tiles-unavailable");
      return element;
    };
    notice.addTo(map);
  };
  const hideNotice = () => {
    if (notice) options.onTilesAvailability?.(true);
    notice?.remove();
    notice = null;
  };

  if (!options.tileUrl) {
    showNotice();
  } else {
    let loaded = 0;
    // On a high-density screen (most phones) four tiles of the next zoom in place of one: sharp
    // enough for the screen (Lighthouse's image-size-responsive) instead of a blurred 256 px image.
    const tiles = L.tileLayer(options.tileUrl, { attribution: options.tileAttribution, maxZoom: 19, detectRetina: true }).addTo(map);
    tiles.on("tileload", () => {
      loaded++;
      hideNotice();
    });
    // Some tiles failing is normal at the edges; none loaded at all means there is no background.
    tiles.on("tileerror", () => {
      if (loaded === 0) showNotice();
    });
  }
  return { L, map };
}
