"use client";
import { useEffect, useRef, useState, type RefObject } from "react";
import type { Map as LeafletMap } from "leaflet";
import { createLeafletMap, type BaseMapOptions, type Leaflet } from "./create-leaflet-map";

/**
 * The one Leaflet set-up of every map (tracking, fleet, order picker, driver track): creates the
 * map once the container exists (and `isReady`), hands it over, and removes it on unmount.
 * `onCreated` runs once per map, before it is returned (set a view, listen to events).
 */
export function useLeafletMap(
  containerRef: RefObject<HTMLElement | null>,
  options: BaseMapOptions & { isReady?: boolean; onCreated?: (map: LeafletMap, L: Leaflet) => void },
): { L: Leaflet; map: LeafletMap } | null {
  const [leaflet, setLeaflet] = useState<{ L: Leaflet; map: LeafletMap } | null>(null);
  const { tileUrl, tileAttribution, preferCanvas, tilesUnavailableText, zoomInTitle, zoomOutTitle, isReady = true } = options;
  const onCreated = options.onCreated;
  const onTilesRef = useRef(options.onTilesAvailability);
  onTilesRef.current = options.onTilesAvailability;
  useEffect(() => {
    const container = containerRef.current;
    if (!container || !isReady) return;
    let isCancelled = false;
    let map: LeafletMap | null = null;
    const onTilesAvailability = (isAvailable: boolean) => onTilesRef.current?.(isAvailable);
    void createLeafletMap(container, { tileUrl, tileAttribution, preferCanvas, tilesUnavailableText, zoomInTitle, zoomOutTitle, onTilesAvailability }).then(({ L, map: created }) => {
      if (isCancelled) return void created.remove();
      map = created;
      onCreated?.(created, L);
      setLeaflet({ L, map: created });
    });
    return () => {
      isCancelled = true;
      map?.remove();
      setLeaflet(null);
    };
    // onCreated is read once per map on purpose: it sets the map up, it does not follow props.
  }, [containerRef, tileUrl, tileAttribution, preferCanvas, tilesUnavailableText, zoomInTitle, zoomOutTitle, isReady]);
  return leaflet;
}
