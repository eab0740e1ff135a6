"use client";
import "leaflet/dist/leaflet.css";
import { useEffect, useRef } from "react";
import type { LatLngExpression, Marker, Polyline } from "leaflet";
import type { Leaflet } from "@/components/map/create-leaflet-map";
import { useLeafletMap } from "@/components/map/use-leaflet-map";

export interface MapPoint {
  lat: number;
  lng: number;
}

export interface TrackingMapProps {
  destination: MapPoint;
  /** Null hides the driver: the server sends a position only while the customer may see it. */
  driver: (MapPoint & { heading: number | null }) | null;
  tileUrl: string;
  tileAttribution: string;
  labels: { map: string; driver: string; destination: string; tilesUnavailable: string };
}

const GLIDE_MS = 1000;
const DESTINATION_ZOOM = 15;
/** More room on top (the destination pin stands above its point) and at the bottom (the map notices). */
const FIT_OPTIONS = { paddingTopLeft: [40, 64] as [number, number], paddingBottomRight: [40, 72] as [number, number], maxZoom: 16 };

function markerIcon(L: Leaflet, kind: "driver" | "destination") {
  const html =
    kind === "driver"
      ? `<span class="map-pin map-pin--driver"><svg viewBox="0 0 24 24" aria-hidden="true"><circle class="map-pin__dot" cx="12" cy="12" r="4"/><path class="map-pin__arrow" d="M12 4 17 16 12 13.5 7 16Z"/></svg></span>`
      : `<span class="map-pin map-pin--destination"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 2a7 7 0 0 0-7 7c0 5.2 7 13 7 13s7-7.8 7-13a7 7 0 0 0-7-7Zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5Z"/></svg></span>`;
  const size = kind === "driver" ? 36 : 32;
  return L.divIcon({
    className: "map-marker",
    html,
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

/** Without a heading the driver is a dot; with one, an arrow pointing where they go. */
function setHeading(marker: Marker, heading: number | null): void {
  const pin = marker.getElement()?.querySelector<HTMLElement>(".map-pin");
  const svg = pin?.querySelector<SVGElement>("svg");
  if (!pin || !svg) return;
  pin.classList.toggle("map-pin--has-heading", heading !== null);
  svg.style.transform = heading === null ? "" : `rotate(${heading}deg)`;
}

const prefersReducedMotion = () => window.matchMedia("(prefers-reduced-motion: reduce)").matches;

export function TrackingMap({ destination, driver, tileUrl, tileAttribution, labels }: TrackingMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const leaflet = useLeafletMap(containerRef, { tileUrl, tileAttribution, tilesUnavailableText: labels.tilesUnavailable });
  const destinationRef = useRef<Marker | null>(null);
  const driverRef = useRef<Marker | null>(null);
  const lineRef = useRef<Polyline | null>(null);
  const glideRef = useRef<number | null>(null);

  // A new map (or none) starts without markers.
  useEffect(() => {
    return () => {
      if (glideRef.current !== null) cancelAnimationFrame(glideRef.current);
      destinationRef.current = null;
      driverRef.current = null;
      lineRef.current = null;
    };
  }, [leaflet]);

  const { lat: destLat, lng: destLng } = destination;
  useEffect(() => {
    if (!leaflet) return;
    const { L, map } = leaflet;
    const position: LatLngExpression = [destLat, destLng];
    // Before adding markers: Leaflet only puts layers in the DOM once the map has a view.
    if (!driverRef.current) map.setView(position, DESTINATION_ZOOM);
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
  const heading = driver?.heading ?? null;
  useEffect(() => {
    if (!leaflet) return;
    const { L, map } = leaflet;
    if (glideRef.current !== null) cancelAnimationFrame(glideRef.current);
    glideRef.current = null;

    if (driverLat === undefined || driverLng === undefined) {
      driverRef.current?.remove();
      driverRef.current = null;
      lineRef.current?.remove();
      lineRef.current = null;
      return;
    }

    const target = L.latLng(driverLat, driverLng);
    // The straight line from the driver to this customer's door: what matters, tiles or not.
    const line = [target, L.latLng(destLat, destLng)];
    if (lineRef.current) lineRef.current.setLatLngs(line);
    else {
      lineRef.current = L.polyline(line, { color: "#0b5cad", weight: 3, opacity: 0.7, dashArray: "6 8", interactive: false }).addTo(map);
      lineRef.current.getElement()?.setAttribute("data-testid", "driver-line");
    }
    const existing = driverRef.current;
    if (!existing) {
      const marker = L.marker(target, { icon: markerIcon(L, "driver"), keyboard: false }).addTo(map);
      driverRef.current = marker;
      describeMarker(marker, "driver-marker", labels.driver);
      setHeading(marker, heading);
      map.fitBounds(L.latLngBounds([target, L.latLng(destLat, destLng)]), FIT_OPTIONS);
      return;
    }

    describeMarker(existing, "driver-marker", labels.driver);
    setHeading(existing, heading);
    const keepInView = () => {
      if (!map.getBounds().pad(-0.1).contains(target)) {
        map.fitBounds(L.latLngBounds([target, L.latLng(destLat, destLng)]), FIT_OPTIONS);
      }
    };
    // Start from where the marker is now, even mid-glide, so a new fix never makes it jump back.
    const from = existing.getLatLng();
    if (prefersReducedMotion() || from.equals(target)) {
      existing.setLatLng(target);
      keepInView();
      return;
    }
    const startedAt = performance.now();
    const step = (now: number) => {
      const t = Math.min(1, (now - startedAt) / GLIDE_MS);
      const eased = t * (2 - t);
      const position = L.latLng(from.lat + (target.lat - from.lat) * eased, from.lng + (target.lng - from.lng) * eased);
      existing.setLatLng(position);
      lineRef.current?.setLatLngs([position, L.latLng(destLat, destLng)]);
      if (t < 1) {
        glideRef.current = requestAnimationFrame(step);
      } else {
        glideRef.current = null;
        keepInView();
      }
    };
    glideRef.current = requestAnimationFrame(step);
  }, [leaflet, driverLat, driverLng, heading, destLat, destLng, labels.driver]);

  return (
    <div className="tracking-map" aria-label={labels.map} role="region">
      <div ref={containerRef} className="tracking-map__canvas" data-testid="tracking-map" />
    </div>
  );
}
