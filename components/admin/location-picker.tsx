"use client";
import "leaflet/dist/leaflet.css";
import { useEffect, useRef, useState } from "react";
import type { CircleMarker, Map as LeafletMap } from "leaflet";
import { createLeafletMap, type Leaflet } from "@/components/map/create-leaflet-map";

/** Six decimals is ~10 cm: more would be noise, fewer would move the pin. */
const round = (value: number) => Math.round(value * 1e6) / 1e6;

/**
 * A small map to set an order's coordinates with a click. The typed latitude/longitude stay the
 * source of truth: the pin follows them, and a click just fills them in.
 */
export function LocationPicker(props: { lat: string; lng: string; onPick(lat: string, lng: string): void; tileUrl: string; tileAttribution: string }) {
  const { lat, lng, tileUrl, tileAttribution } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const [leaflet, setLeaflet] = useState<{ L: Leaflet; map: LeafletMap } | null>(null);
  const markerRef = useRef<CircleMarker | null>(null);
  const onPickRef = useRef(props.onPick);
  onPickRef.current = props.onPick;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let isCancelled = false;
    let map: LeafletMap | null = null;
    void createLeafletMap(container, { tileUrl, tileAttribution }).then(({ L, map: created }) => {
      if (isCancelled) return void created.remove();
      map = created;
      map.setView([40.4168, -3.7038], 12);
      map.on("click", (event) => {
        const wrapped = event.latlng.wrap();
        onPickRef.current(String(round(wrapped.lat)), String(round(wrapped.lng)));
      });
      setLeaflet({ L, map });
    });
    return () => {
      isCancelled = true;
      map?.remove();
      markerRef.current = null;
    };
  }, [tileUrl, tileAttribution]);

  useEffect(() => {
    if (!leaflet) return;
    const { L, map } = leaflet;
    const latitude = lat.trim() === "" ? Number.NaN : Number(lat);
    const longitude = lng.trim() === "" ? Number.NaN : Number(lng);
    const isValid = Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180;
    if (!isValid) {
      markerRef.current?.remove();
      markerRef.current = null;
      return;
    }
    if (markerRef.current) markerRef.current.setLatLng([latitude, longitude]);
    else markerRef.current = L.circleMarker([latitude, longitude], { radius: 7, color: "#fff", weight: 2, fillColor: "#b3261e", fillOpacity: 1 }).addTo(map);
    if (!map.getBounds().contains([latitude, longitude])) map.panTo([latitude, longitude]);
  }, [leaflet, lat, lng]);

  return <div ref={containerRef} className="admin-picker" data-testid="location-picker" role="application" aria-label="Map: click to place the order" />;
}
