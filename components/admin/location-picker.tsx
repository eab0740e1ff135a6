"use client";
import "leaflet/dist/leaflet.css";
import { useEffect, useRef } from "react";
import type { CircleMarker } from "leaflet";
import { useLeafletMap } from "@/components/map/use-leaflet-map";

/** Six decimals is ~10 cm: more would be noise, fewer would move the pin. */
const round = (value: number) => Math.round(value * 1e6) / 1e6;

/**
 * A small map to set an order's coordinates with a click. The typed latitude/longitude stay the
 * source of truth: the pin follows them, and a click just fills them in.
 */
export function LocationPicker(props: {
  lat: string;
  lng: string;
  onPick(lat: string, lng: string): void;
  tileUrl: string;
  tileAttribution: string;
  label: string;
  tilesUnavailableText: string;
  onTilesAvailability?(isAvailable: boolean): void;
}) {
  const { lat, lng, tileUrl, tileAttribution } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const markerRef = useRef<CircleMarker | null>(null);
  const onPickRef = useRef(props.onPick);
  onPickRef.current = props.onPick;
  const leaflet = useLeafletMap(containerRef, {
    tileUrl,
    tileAttribution,
    tilesUnavailableText: props.tilesUnavailableText,
    onTilesAvailability: props.onTilesAvailability,
    onCreated: (map) => {
      map.setView([40.4168, -3.7038], 12);
      map.on("click", (event) => {
        const wrapped = event.latlng.wrap();
        onPickRef.current(String(round(wrapped.lat)), String(round(wrapped.lng)));
      });
    },
  });
  useEffect(() => () => void (markerRef.current = null), [leaflet]);

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

  return <div ref={containerRef} className="admin-picker" data-testid="location-picker" role="application" aria-label={props.label} />;
}
