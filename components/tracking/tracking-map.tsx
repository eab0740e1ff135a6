"use client";
import "leaflet/dist/leaflet.css";
import { useEffect, useRef } from "react";
import type { LatLngExpression, Marker, Polyline } from "leaflet";
import type { Leaflet } from "@/components/map/create-leaflet-map";
import { useLeafletMap } from "@/components/map/use-leaflet-map";
import type { LatLng } from "@/lib/domain/geo";
import { glideDurationMs, headingFor, positionAt, shortestRotation, type Fix, type Glide } from "@/lib/domain/marker-motion";
import type { MapView } from "@/lib/domain/web-mercator";
import { ARROW_PATH, DESTINATION_ICON_SIZE, DESTINATION_ZOOM, DRIVER_ICON_SIZE, FIT_OPTIONS, KEEP_IN_VIEW_INSET, PIN_PATH } from "./map-view-options";

export interface MapPoint {
  lat: number;
  lng: number;
}

export interface TrackingMapProps {
  destination: MapPoint;
  /** Null hides the driver: the server sends a position only while the customer may see it. */
  driver: (MapPoint & { at: string; heading: number | null }) | null;
  tileUrl: string;
  tileAttribution: string;
  labels: { driver: string; destination: string; tilesUnavailable: string; zoomIn: string; zoomOut: string };
  /** The view to open at (the first map's, last shown), read once Leaflet is loaded; else fit the driver and the stop. */
  getInitialView?: () => MapView | null;
  /** Leaflet's map is up with its markers: the element it lives in. */
  onReady?: (container: HTMLElement) => void;
  /** False while the first map is still the one shown: Leaflet is laid out but invisible. */
  isShown?: boolean;
}
const SVG_NS = "http://www.w3.org/2000/svg";

/** Icons are built as DOM nodes, never as HTML strings: nothing from data is ever parsed as markup. */
function svgNode(tag: string, attributes: Record<string, string>): SVGElement {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

function markerIcon(L: Leaflet, kind: "driver" | "destination") {
  const pin = document.createElement("span");
  pin.className = `map-pin map-pin--${kind}`;
  const svg = svgNode("svg", { viewBox: "0 0 24 24", "aria-hidden": "true" });
  if (kind === "driver") {
    svg.append(svgNode("circle", { class: "map-pin__dot", cx: "12", cy: "12", r: "4" }), svgNode("path", { class: "map-pin__arrow", d: ARROW_PATH }));
  } else {
    svg.append(svgNode("path", { d: PIN_PATH }));
  }
  pin.append(svg);
  const size = kind === "driver" ? DRIVER_ICON_SIZE : DESTINATION_ICON_SIZE;
  return L.divIcon({
    className: "map-marker",
    html: pin,
    iconSize: [size, size],
    // The destination pin points at its bottom; the driver disc is centred.
    iconAnchor: kind === "driver" ? [size / 2, size / 2] : [size / 2, size],
  });
}

/** The marker's own element carries the test id, so it exists exactly while the marker is on the map. */
function describeMarker(marker: Marker, testId: string, label: string): void {
  const element = marker.getElement();
  if (!element) return;
  element.setAttribute("data-testid", testId);
  element.setAttribute("role", "img");
  element.setAttribute("aria-label", label);
}

/**
 * Without a heading the driver is a dot; with one, an arrow pointing where they go. `rotation`
 * is the unbounded angle last applied, so a turn across north animates the short way round.
 */
function setHeading(marker: Marker, heading: number | null, rotation: number): number {
  const element = marker.getElement();
  const pin = element?.querySelector<HTMLElement>(".map-pin");
  const svg = pin?.querySelector<SVGElement>("svg");
  if (!element || !pin || !svg) return rotation;
  pin.classList.toggle("map-pin--has-heading", heading !== null);
  if (heading === null) {
    element.removeAttribute("data-heading");
    return rotation;
  }
  const turned = shortestRotation(rotation, heading);
  svg.style.transform = `rotate(${turned}deg)`;
  element.setAttribute("data-heading", String(Math.round(heading)));
  return turned;
}

/** The position shown, on the element too: what the customer sees is what a test can read. */
function showDriverAt(marker: Marker, line: Polyline | null, position: LatLng, destination: LatLng): void {
  marker.setLatLng(position);
  line?.setLatLngs([position, destination]);
  const element = marker.getElement();
  element?.setAttribute("data-lat", position.lat.toFixed(6));
  element?.setAttribute("data-lng", position.lng.toFixed(6));
}

const prefersReducedMotion = () => window.matchMedia("(prefers-reduced-motion: reduce)").matches;

/**
 * Leaflet's tracking map: loaded when the person uses the first map (`static-map.tsx`), it opens
 * at that map's view and then moves the driver the same way.
 */
export function TrackingMap({ destination, driver, tileUrl, tileAttribution, labels, getInitialView, onReady, isShown = true }: TrackingMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const getInitialViewRef = useRef(getInitialView);
  getInitialViewRef.current = getInitialView;
  /** The view handed over, until the driver's marker is placed in it (later markers fit as before). */
  const initialViewRef = useRef<MapView | null | undefined>(undefined);
  const leaflet = useLeafletMap(containerRef, { tileUrl, tileAttribution, tilesUnavailableText: labels.tilesUnavailable, zoomInTitle: labels.zoomIn, zoomOutTitle: labels.zoomOut });
  const destinationRef = useRef<Marker | null>(null);
  const driverRef = useRef<Marker | null>(null);
  const lineRef = useRef<Polyline | null>(null);
  const glideRef = useRef<number | null>(null);
  /** The last fix the server sent, to time the next glide and to point the icon between them. */
  const lastFixRef = useRef<Fix | null>(null);
  const headingRef = useRef<number | null>(null);
  const rotationRef = useRef(0);

  // A new map (or none) starts without markers.
  useEffect(() => {
    return () => {
      if (glideRef.current !== null) cancelAnimationFrame(glideRef.current);
      glideRef.current = null;
      destinationRef.current = null;
      driverRef.current = null;
      lineRef.current = null;
      lastFixRef.current = null;
    };
  }, [leaflet]);

  const { lat: destLat, lng: destLng } = destination;
  useEffect(() => {
    if (!leaflet) return;
    const { L, map } = leaflet;
    const position: LatLngExpression = [destLat, destLng];
    // Before adding markers: Leaflet only puts layers in the DOM once the map has a view.
    if (initialViewRef.current === undefined) {
      initialViewRef.current = getInitialViewRef.current?.() ?? null;
      const opening = initialViewRef.current;
      if (opening) map.setView([opening.center.lat, opening.center.lng], opening.zoom, { animate: false });
    }
    if (!initialViewRef.current && !driverRef.current) map.setView(position, DESTINATION_ZOOM);
    if (destinationRef.current) {
      destinationRef.current.setLatLng(position);
    } else {
      destinationRef.current = L.marker(position, {
        icon: markerIcon(L, "destination"),
        keyboard: false,
        zIndexOffset: -100,
      }).addTo(map);
    }
    describeMarker(destinationRef.current, "destination-marker", labels.destination);
  }, [leaflet, destLat, destLng, labels.destination]);

  const driverLat = driver?.lat;
  const driverLng = driver?.lng;
  const driverAt = driver?.at;
  const fixHeading = driver?.heading ?? null;
  useEffect(() => {
    if (!leaflet) return;
    const { L, map } = leaflet;
    const stopGlide = () => {
      if (glideRef.current !== null) cancelAnimationFrame(glideRef.current);
      glideRef.current = null;
    };

    // No position from the server: nothing of the driver is drawn, neither marker nor line.
    if (driverLat === undefined || driverLng === undefined || driverAt === undefined) {
      stopGlide();
      driverRef.current?.remove();
      driverRef.current = null;
      lineRef.current?.remove();
      lineRef.current = null;
      lastFixRef.current = null;
      headingRef.current = null;
      return;
    }

    const fix: Fix = { lat: driverLat, lng: driverLng, atMs: Date.parse(driverAt), heading: fixHeading };
    const previous = lastFixRef.current;
    const isNewFix = previous === null || previous.atMs !== fix.atMs || previous.lat !== fix.lat || previous.lng !== fix.lng || previous.heading !== fix.heading;
    lastFixRef.current = fix;
    if (isNewFix) headingRef.current = headingFor(previous, fix, headingRef.current);
    const destinationPoint = { lat: destLat, lng: destLng };
    const fitBoth = () => map.fitBounds(L.latLngBounds([L.latLng(fix.lat, fix.lng), L.latLng(destLat, destLng)]), FIT_OPTIONS);

    // A straight line from the driver to this customer's door only: no route, no other stops.
    if (!lineRef.current) {
      lineRef.current = L.polyline(
        [
          [fix.lat, fix.lng],
          [destLat, destLng],
        ],
        { color: "#0b5cad", weight: 3, opacity: 0.7, dashArray: "6 8", interactive: false },
      ).addTo(map);
      lineRef.current.getElement()?.setAttribute("data-testid", "driver-line");
    }
    const line = lineRef.current;

    const existing = driverRef.current;
    if (!existing) {
      const marker = L.marker([fix.lat, fix.lng], { icon: markerIcon(L, "driver"), keyboard: false }).addTo(map);
      driverRef.current = marker;
      describeMarker(marker, "driver-marker", labels.driver);
      rotationRef.current = setHeading(marker, headingRef.current, rotationRef.current);
      showDriverAt(marker, line, fix, destinationPoint);
      // Opened at the first map's view: it already shows both.
      if (initialViewRef.current) initialViewRef.current = null;
      else fitBoth();
      return;
    }

    describeMarker(existing, "driver-marker", labels.driver);
    rotationRef.current = setHeading(existing, headingRef.current, rotationRef.current);
    const keepInView = () => {
      if (!map.getBounds().pad(-KEEP_IN_VIEW_INSET).contains([fix.lat, fix.lng])) fitBoth();
    };
    if (!isNewFix) {
      // Same fix (the destination or a label changed): the glide under way carries on.
      if (glideRef.current === null) showDriverAt(existing, line, fix, destinationPoint);
      return;
    }

    stopGlide();
    // From where the marker is shown now, even mid-glide, so a new fix never makes it jump back.
    const shown = existing.getLatLng();
    const from = { lat: shown.lat, lng: shown.lng };
    if (prefersReducedMotion() || (from.lat === fix.lat && from.lng === fix.lng)) {
      showDriverAt(existing, line, fix, destinationPoint);
      keepInView();
      return;
    }
    // Over about the time the fixes were apart: the marker arrives as the next fix is due.
    const glide: Glide = { from, to: fix, startedAtMs: performance.now(), durationMs: glideDurationMs(previous, fix) };
    const step = () => {
      const { position: at, isDone } = positionAt(glide, performance.now());
      showDriverAt(existing, line, at, destinationPoint);
      if (isDone) {
        glideRef.current = null;
        keepInView();
      } else {
        glideRef.current = requestAnimationFrame(step);
      }
    };
    glideRef.current = requestAnimationFrame(step);
  }, [leaflet, driverLat, driverLng, driverAt, fixHeading, destLat, destLng, labels.driver]);

  // Last: the markers above are in place when the map is handed over.
  const onReadyRef = useRef(onReady);
  onReadyRef.current = onReady;
  useEffect(() => {
    const container = containerRef.current;
    if (leaflet && container) onReadyRef.current?.(container);
  }, [leaflet]);

  return <div ref={containerRef} className="tracking-map__leaflet" data-ready={isShown ? "true" : "false"} />;
}
