"use client";
import "leaflet/dist/leaflet.css";
import { useEffect, useMemo, useRef, useState, type RefObject } from "react";
import type { CircleMarker, Layer, LayerGroup, Map as LeafletMap, Polyline } from "leaflet";
import type { Leaflet } from "@/components/map/create-leaflet-map";
import { useLeafletMap } from "@/components/map/use-leaflet-map";
import { textLabel } from "@/components/map/text-label";
import { classifyDriver, type DriverState } from "@/lib/domain/driver-state";
import { isFinished } from "@/lib/domain/order-status";
import { gridCluster } from "@/lib/domain/grid-cluster";
import type { TFleetDriver } from "@/lib/schemas/admin";
import type { TDriverDetail } from "@/lib/schemas/admin-responses";
import { useAdminMessages } from "@/lib/admin/use-admin-messages";
import type { AdminMessages } from "@/lib/i18n/admin-messages";

export const STATE_COLOURS: Record<DriverState, string> = {
  moving: "#137333",
  stopped: "#0b5cad",
  silent: "#b3261e",
  off_shift: "#7a8794",
  not_started: "#7a8794",
};

/** While live updates are paused no driver is shown as moving or silent: their last state is unknown. */
export const PAUSED_COLOUR = "#a3adb8";

/** At this zoom and closer every driver is drawn; farther out, nearby drivers merge into clusters. */
const CLUSTER_BELOW_ZOOM = 14;
const CLUSTER_CELL_PX = 60;

export interface FleetMapProps {
  drivers: ReadonlyMap<string, TFleetDriver>;
  revision: number;
  silentAfterMs: number;
  selectedId: string | null;
  /** The selected driver's open stops in visiting order (as their panel shows them), drawn numbered and joined by a line. */
  selectedRoute?: readonly RouteStop[] | null;
  onSelect(driverId: string): void;
  tileUrl: string;
  tileAttribution: string;
  /** Live updates are paused: every driver drawn grey, states not claimed. */
  isPaused?: boolean;
}

/**
 * Every driver on one Leaflet map, drawn on a canvas (one <canvas>, not a DOM node per driver)
 * so a thousand drivers stay cheap. Redrawn once per fleet revision (the fleet hook applies
 * positions once a second) and on zoom/pan.
 */
export function FleetMap({ drivers, revision, silentAfterMs, selectedId, selectedRoute, onSelect, tileUrl, tileAttribution, isPaused = false }: FleetMapProps) {
  const t = useAdminMessages();
  const containerRef = useRef<HTMLDivElement>(null);
  const wordsRef = useRef(t);
  wordsRef.current = t;
  const [viewRevision, setViewRevision] = useState(0);
  const base = useLeafletMap(containerRef, {
    tileUrl,
    tileAttribution,
    tilesUnavailableText: t.fleet.tilesUnavailable,
    preferCanvas: true,
    onCreated: (map: LeafletMap) => {
      map.setView([40.4168, -3.7038], 12);
      map.on("zoomend moveend", () => setViewRevision((value) => value + 1));
    },
  });
  // One layer group per map holds every driver mark drawn; nothing is drawn outside it.
  const leaflet = useMemo(() => (base ? { ...base, layer: base.L.layerGroup().addTo(base.map) as LayerGroup } : null), [base]);
  const markersRef = useRef(new Map<string, CircleMarker>());
  const hasFittedRef = useRef(false);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  useEffect(() => {
    const markers = markersRef.current;
    return () => markers.clear();
  }, [leaflet]);

  useEffect(() => {
    if (!leaflet) return;
    const { L, map, layer } = leaflet;
    const now = Date.now();
    const placed = [...drivers.values()].filter((driver) => driver.lat !== null && driver.lng !== null);
    if (!hasFittedRef.current && placed.length) {
      hasFittedRef.current = true;
      map.fitBounds(L.latLngBounds(placed.map((driver) => [driver.lat!, driver.lng!])), { padding: [30, 30], maxZoom: 15 });
    }
    const markers = markersRef.current;
    const container = containerRef.current;
    const report = () => {
      // What is on the map, for tests and for anyone inspecting it: never more marks than drivers.
      container?.setAttribute("data-drawn", String(layer.getLayers().length));
      container?.setAttribute("data-placed", String(placed.length));
      container?.setAttribute("data-zoom", String(map.getZoom()));
      container?.setAttribute("data-paused", String(isPaused));
    };
    if (map.getZoom() < CLUSTER_BELOW_ZOOM) {
      layer.clearLayers();
      markers.clear();
      const points = placed.map((driver) => {
        const point = map.latLngToLayerPoint([driver.lat!, driver.lng!]);
        return { x: point.x, y: point.y, item: driver };
      });
      for (const cluster of gridCluster(points, CLUSTER_CELL_PX)) {
        const position = map.layerPointToLatLng([cluster.x, cluster.y]);
        if (cluster.items.length === 1) {
          const driver = cluster.items[0]!;
          layer.addLayer(driverMarker(L, driver, now, silentAfterMs, driver.id === selectedId, isPaused, wordsRef.current).on("click", () => onSelectRef.current(driver.id)));
          continue;
        }
        const states = cluster.items.map((driver) => classifyDriver(driver, now, silentAfterMs));
        const silent = isPaused ? 0 : states.filter((state) => state === "silent").length;
        const size = Math.min(56, 26 + Math.log2(cluster.items.length) * 4);
        const icon = L.divIcon({
          className: "fleet-cluster",
          html: `<span class="fleet-cluster__bubble${silent ? " fleet-cluster__bubble--alert" : ""}" style="width:${size}px;height:${size}px">${cluster.items.length}</span>`,
          iconSize: [size, size],
        });
        layer.addLayer(L.marker(position, { icon, keyboard: false }).on("click", () => map.setView(position, Math.min(map.getZoom() + 2, CLUSTER_BELOW_ZOOM))));
      }
      report();
      return;
    }
    // Close in: one persistent canvas circle per driver, moved in place.
    const seen = new Set<string>();
    for (const driver of placed) {
      seen.add(driver.id);
      const state = classifyDriver(driver, now, silentAfterMs);
      const existing = markers.get(driver.id);
      if (existing) {
        existing.setLatLng([driver.lat!, driver.lng!]);
        existing.setStyle(markerStyle(state, driver.id === selectedId, isPaused));
        existing.setTooltipContent(textLabel(markerLabel(driver, state, isPaused, wordsRef.current)));
      } else {
        const marker = driverMarker(L, driver, now, silentAfterMs, driver.id === selectedId, isPaused, wordsRef.current).on("click", () => onSelectRef.current(driver.id));
        markers.set(driver.id, marker);
        layer.addLayer(marker);
      }
    }
    for (const [id, marker] of markers) {
      if (seen.has(id)) continue;
      layer.removeLayer(marker);
      markers.delete(id);
    }
    // Whatever a farther zoom drew (clusters, and single drivers drawn as untracked circles) goes:
    // only the tracked marker of each driver stays. Keeping every CircleMarker left ghosts.
    const tracked = new Set<Layer>(markers.values());
    const stale: Layer[] = [];
    layer.eachLayer((item) => {
      if (!tracked.has(item)) stale.push(item);
    });
    for (const item of stale) layer.removeLayer(item);
    report();
  }, [leaflet, drivers, revision, viewRevision, silentAfterMs, selectedId, isPaused]);

  const selected = selectedId ? drivers.get(selectedId) : undefined;
  useSelectedRoute(leaflet, containerRef, selectedId, selectedRoute ?? null, selected?.lat ?? null, selected?.lng ?? null, t);

  return (
    <div className={`fleet-map${isPaused ? " fleet-map--paused" : ""}`} role="region" aria-label={t.fleet.mapLabel}>
      <div ref={containerRef} className="fleet-map__canvas" data-testid="fleet-map" />
    </div>
  );
}

function markerStyle(state: DriverState, isSelected: boolean, isPaused: boolean) {
  return {
    radius: isSelected ? 9 : 6,
    color: isSelected ? "#14202b" : "#ffffff",
    weight: isSelected ? 3 : 1.5,
    fillColor: isPaused ? PAUSED_COLOUR : STATE_COLOURS[state],
    fillOpacity: isPaused ? 0.6 : 0.95,
  };
}

function markerLabel(driver: TFleetDriver, state: DriverState, isPaused: boolean, t: AdminMessages): string {
  return `${driver.name} · ${isPaused ? t.fleet.unknownState : t.fleet.states[state]}`;
}

function driverMarker(L: Leaflet, driver: TFleetDriver, now: number, silentAfterMs: number, isSelected: boolean, isPaused: boolean, t: AdminMessages): CircleMarker {
  const state = classifyDriver(driver, now, silentAfterMs);
  return L.circleMarker([driver.lat!, driver.lng!], markerStyle(state, isSelected, isPaused)).bindTooltip(textLabel(markerLabel(driver, state, isPaused, t)));
}

type RouteStop = Pick<TDriverDetail["route"][number], "orderId" | "customerName" | "address" | "lat" | "lng" | "status">;

/**
 * The selected driver's route on the fleet map: a numbered marker per open stop in visiting order
 * and a line from the driver through them, in a layer of its own above the drivers. Markers are
 * DOM nodes built with textContent (no HTML from data); the line is vector, so it needs no tiles.
 * Redrawn when the route or its statuses change; the driver's moves only move the line's start.
 * The map fits the route once per selected driver.
 */
function useSelectedRoute(
  leaflet: { L: Leaflet; map: LeafletMap } | null,
  containerRef: RefObject<HTMLDivElement | null>,
  driverId: string | null,
  route: readonly RouteStop[] | null,
  driverLat: number | null,
  driverLng: number | null,
  t: AdminMessages,
): void {
  const lineRef = useRef<Polyline | null>(null);
  const fittedRef = useRef<string | null>(null);
  const routeKey = route ? route.map((stop) => `${stop.orderId}:${stop.status}:${stop.lat}:${stop.lng}`).join(" ") : "";
  const routeRef = useRef(route);
  routeRef.current = route;
  const driverRef = useRef<[number, number] | null>(null);
  driverRef.current = driverLat !== null && driverLng !== null ? [driverLat, driverLng] : null;

  useEffect(() => {
    const container = containerRef.current;
    const stops = (routeRef.current ?? []).filter((stop) => !isFinished(stop.status));
    if (!leaflet || !driverId || stops.length === 0) {
      container?.removeAttribute("data-route-driver");
      container?.removeAttribute("data-route-order");
      return;
    }
    const { L, map } = leaflet;
    const group = L.layerGroup().addTo(map);
    const points = stops.map((stop) => [stop.lat, stop.lng] as [number, number]);
    const line = L.polyline(driverRef.current ? [driverRef.current, ...points] : points, { color: "#0b5cad", weight: 3, opacity: 0.8, dashArray: "6 6", interactive: false });
    group.addLayer(line);
    lineRef.current = line;
    stops.forEach((stop, index) => {
      const label = document.createElement("span");
      label.className = `fleet-stop fleet-stop--${stop.status}`;
      label.textContent = String(index + 1);
      label.setAttribute("data-testid", "route-stop-marker");
      label.setAttribute("data-order-id", stop.orderId);
      const icon = L.divIcon({ html: label, className: "fleet-stop__icon", iconSize: [26, 26], iconAnchor: [13, 13] });
      group.addLayer(
        L.marker([stop.lat, stop.lng], { icon, keyboard: false, zIndexOffset: 1000 }).bindTooltip(textLabel(`${index + 1}. ${stop.customerName}, ${stop.address} · ${t.status[stop.status]}`)),
      );
    });
    container?.setAttribute("data-route-driver", driverId);
    container?.setAttribute("data-route-order", stops.map((stop) => stop.orderId).join(" "));
    if (fittedRef.current !== driverId) {
      fittedRef.current = driverId;
      map.fitBounds(L.latLngBounds(driverRef.current ? [driverRef.current, ...points] : points), { padding: [40, 40], maxZoom: 15 });
    }
    return () => {
      group.remove();
      lineRef.current = null;
    };
    // `t` changes with the language only; the route is redrawn then.
  }, [leaflet, containerRef, driverId, routeKey, t]);

  // The driver moves: only the line's first point follows.
  useEffect(() => {
    const line = lineRef.current;
    const stops = (routeRef.current ?? []).filter((stop) => !isFinished(stop.status));
    if (!line || driverLat === null || driverLng === null || stops.length === 0) return;
    line.setLatLngs([[driverLat, driverLng], ...stops.map((stop) => [stop.lat, stop.lng] as [number, number])]);
  }, [driverLat, driverLng, routeKey]);
}
