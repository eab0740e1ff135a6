"use client";
import { useEffect, useMemo, useRef, useState, type FocusEvent, type PointerEvent } from "react";
import type { LatLng } from "@/lib/domain/geo";
import { fitView, isInView, offsetFromCenter, tilesFor, tileUrl as fillTileUrl, type MapView, type Size } from "@/lib/domain/web-mercator";
import { ARROW_PATH, DESTINATION_ICON_SIZE, DESTINATION_ZOOM, DRIVER_ICON_SIZE, FIT_OPTIONS, KEEP_IN_VIEW_INSET, PIN_PATH } from "./map-view-options";
import { useDriverMotion, type DriverFix } from "./use-driver-motion";
import "./static-map.css";

/**
 * The size the server draws for (it cannot measure): a phone's map. The browser measures the
 * real one after the first render and adds tiles around these, re-fitting only when the two
 * points do not fit.
 */
const FIRST_SIZE: Size = { width: 360, height: 300 };
/** Tiles from the next zoom drawn at half size: sharp on the high-density screens of phones (as Leaflet's `detectRetina`). */
const ZOOM_OFFSET = 1;
/** Leaflet's limits with that offset (tiles exist up to 19). */
const MIN_ZOOM = 1;
const MAX_ZOOM = 18;

export interface StaticMapLabels {
  driver: string;
  destination: string;
  tilesUnavailable: string;
  zoomIn: string;
  zoomOut: string;
}

export interface StaticMapProps {
  destination: LatLng;
  driver: DriverFix | null;
  tileUrl: string;
  tileAttribution: string;
  labels: StaticMapLabels;
  /** The person touched, focused or zoomed the map: time for the real one. */
  onUse: () => void;
  /** Every view shown, so the real map can start from the last one. */
  onViewChange: (view: MapView) => void;
}

/** Attribution is configuration written for Leaflet, which reads it as HTML: here its text only. */
const attributionText = (attribution: string) =>
  attribution
    .replace(/<[^>]*>/g, "")
    .replace(/&copy;/g, "©")
    .replace(/&amp;/g, "&");

const at = (x: number, y: number) => ({ left: `calc(50% + ${x.toFixed(1)}px)`, top: `calc(50% + ${y.toFixed(1)}px)` });

/**
 * The tracking map's first form: plain elements the server renders, so the page's largest image
 * (a map tile) is in the first HTML and nothing waits for Leaflet. Tiles around the stop and the
 * driver as <img>, the two markers (the same DOM and CSS as Leaflet's, test ids and data-lat
 * included), the straight line between them in SVG, the attribution, zoom buttons, and the note
 * when no tile loads. The driver glides from fix to fix as on Leaflet's map; the view re-fits
 * when the driver leaves its middle. Touching, focusing or zooming it asks for Leaflet
 * (`onUse`), which then takes over at the view last shown.
 */
export function StaticMap({ destination, driver, tileUrl, tileAttribution, labels, onUse, onViewChange }: StaticMapProps) {
  const canvasRef = useRef<HTMLDivElement>(null);
  const motion = useDriverMotion(driver);
  const [size, setSize] = useState<Size | null>(null);
  const [view, setView] = useState<MapView>(() => (driver ? fitView([driver, destination], FIRST_SIZE, FIT_OPTIONS) : { center: destination, zoom: DESTINATION_ZOOM }));
  const shownSize = size ?? FIRST_SIZE;

  useEffect(() => {
    onViewChange(view);
  }, [view, onViewChange]);

  // The real size, now and when the page's layout changes it.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const measure = () => {
      const { width, height } = canvas.getBoundingClientRect();
      if (width > 0 && height > 0) setSize((current) => (current?.width === width && current.height === height ? current : { width, height }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(canvas);
    return () => observer.disconnect();
  }, []);

  // The driver where the map shows it: once a glide ends (or on a jump) and when the size is
  // known, a driver outside the map's middle (or a stop outside the map) re-fits both, as
  // Leaflet's map does.
  const restingLat = motion && !motion.isGliding ? motion.position.lat : null;
  const restingLng = motion && !motion.isGliding ? motion.position.lng : null;
  const { lat: destLat, lng: destLng } = destination;
  useEffect(() => {
    if (restingLat === null || restingLng === null || !size) return;
    const resting = { lat: restingLat, lng: restingLng };
    const stop = { lat: destLat, lng: destLng };
    setView((current) => (isInView(resting, current, size, KEEP_IN_VIEW_INSET) && isInView(stop, current, size) ? current : fitView([resting, stop], size, FIT_OPTIONS)));
  }, [restingLat, restingLng, destLat, destLng, size]);

  // Tiles: decoration, and their absence is said (none loaded, some failed). The first HTML's
  // images may have finished before the page's script ran, so those are read from the elements.
  const [tileStates, setTileStates] = useState<ReadonlyMap<string, boolean>>(new Map());
  const markTile = (src: string, isLoaded: boolean) => setTileStates((current) => (current.get(src) === isLoaded ? current : new Map(current).set(src, isLoaded)));
  useEffect(() => {
    const images = canvasRef.current?.querySelectorAll<HTMLImageElement>("img.static-map__tile") ?? [];
    const done = [...images].filter((image) => image.complete);
    if (done.length === 0) return;
    setTileStates((current) => {
      const next = new Map(current);
      for (const image of done) next.set(image.src, image.naturalWidth > 0);
      return next;
    });
  }, []);
  const isBackgroundMissing = !tileUrl || (tileStates.size > 0 && ![...tileStates.values()].some(Boolean));

  const shownTiles = useMemo(() => (tileUrl ? tilesFor(view, shownSize, ZOOM_OFFSET) : []), [tileUrl, view, shownSize]);

  const zoomBy = (delta: number) => {
    setView((current) => ({ ...current, zoom: Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, current.zoom + delta)) }));
    onUse();
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button === 0) onUse();
  };
  // Keyboard focus on the map itself (a zoom button focused is not yet a use).
  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    if (event.target === event.currentTarget) onUse();
  };

  const stopOffset = offsetFromCenter(destination, view);
  const driverOffset = motion ? offsetFromCenter(motion.position, view) : null;
  return (
    <div ref={canvasRef} className="static-map" tabIndex={0} onPointerDown={onPointerDown} onFocus={onFocus} data-zoom={view.zoom}>
      <div className="static-map__tiles">
        {shownTiles.map((tile) => (
          // eslint-disable-next-line @next/next/no-img-element -- map tiles straight from the tile server, as Leaflet loads them (next/image would fetch and re-encode every tile through this server)
          <img
            key={tile.key}
            className="static-map__tile"
            src={fillTileUrl(tileUrl, tile)}
            alt=""
            width={tile.size}
            height={tile.size}
            draggable={false}
            style={at(tile.left, tile.top)}
            onLoad={(event) => markTile(event.currentTarget.src, true)}
            onError={(event) => markTile(event.currentTarget.src, false)}
          />
        ))}
      </div>
      {driverOffset && (
        <svg className="static-map__overlay" aria-hidden="true">
          <path
            data-testid="driver-line"
            d={`M${driverOffset.x.toFixed(1)} ${driverOffset.y.toFixed(1)}L${stopOffset.x.toFixed(1)} ${stopOffset.y.toFixed(1)}`}
            stroke="#0b5cad"
            strokeWidth={3}
            strokeOpacity={0.7}
            strokeDasharray="6 8"
            strokeLinecap="round"
            fill="none"
          />
        </svg>
      )}
      <div
        className="map-marker static-map__marker"
        data-testid="destination-marker"
        role="img"
        aria-label={labels.destination}
        style={{ ...at(stopOffset.x - DESTINATION_ICON_SIZE / 2, stopOffset.y - DESTINATION_ICON_SIZE), width: DESTINATION_ICON_SIZE, height: DESTINATION_ICON_SIZE }}
      >
        <span className="map-pin map-pin--destination">
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d={PIN_PATH} />
          </svg>
        </span>
      </div>
      {motion && driverOffset && (
        <div
          className="map-marker static-map__marker static-map__marker--driver"
          data-testid="driver-marker"
          role="img"
          aria-label={labels.driver}
          data-lat={motion.position.lat.toFixed(6)}
          data-lng={motion.position.lng.toFixed(6)}
          data-heading={motion.heading === null ? undefined : String(Math.round(motion.heading))}
          style={{ ...at(driverOffset.x - DRIVER_ICON_SIZE / 2, driverOffset.y - DRIVER_ICON_SIZE / 2), width: DRIVER_ICON_SIZE, height: DRIVER_ICON_SIZE }}
        >
          <span className={`map-pin map-pin--driver${motion.heading === null ? "" : " map-pin--has-heading"}`}>
            <svg viewBox="0 0 24 24" aria-hidden="true" style={motion.heading === null ? undefined : { transform: `rotate(${motion.rotation}deg)` }}>
              <circle className="map-pin__dot" cx="12" cy="12" r="4" />
              <path className="map-pin__arrow" d={ARROW_PATH} />
            </svg>
          </span>
        </div>
      )}
      <div className="static-map__zoom">
        <button type="button" className="static-map__zoom-button" data-control="zoom-in" aria-label={labels.zoomIn} title={labels.zoomIn} disabled={view.zoom >= MAX_ZOOM} onClick={() => zoomBy(1)}>
          <span aria-hidden="true">+</span>
        </button>
        <button
          type="button"
          className="static-map__zoom-button"
          data-control="zoom-out"
          aria-label={labels.zoomOut}
          title={labels.zoomOut}
          disabled={view.zoom <= MIN_ZOOM}
          onClick={() => zoomBy(-1)}
        >
          <span aria-hidden="true">−</span>
        </button>
      </div>
      {isBackgroundMissing && (
        <div className="ui-map-notice static-map__notice" role="status" data-testid="map-tiles-unavailable">
          {labels.tilesUnavailable}
        </div>
      )}
      {tileUrl && tileAttribution && <div className="static-map__attribution">{attributionText(tileAttribution)}</div>}
    </div>
  );
}
