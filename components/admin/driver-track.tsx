"use client";
import { useAdminMessages } from "@/lib/admin/use-admin-messages";
import { isOrderStatus } from "@/lib/domain/order-status";
import { formatTime } from "@/lib/i18n/format";
import { ZDriverTrack } from "@/lib/schemas/driver-track";
import "leaflet/dist/leaflet.css";
import { useEffect, useRef, useState } from "react";
import type { Marker } from "leaflet";
import { textLabel } from "@/components/map/text-label";
import { useLeafletMap } from "@/components/map/use-leaflet-map";
import { adminFetch, errorMessage } from "@/lib/admin/admin-api";
import type { TDriverTrack } from "@/lib/schemas/driver-track";

const time = (ms: number) => formatTime(ms);
const minutes = (ms: number) => `${Math.max(0, Math.round(ms / 60_000))} min`;

function startOfToday(now: number): number {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

/**
 * Today's track replayed: the polyline of the driver's fixes since local midnight, the stops,
 * and a slider that moves a marker along the track fix by fix.
 */
export function DriverTrack({ driverId, tileUrl, tileAttribution }: { driverId: string; tileUrl: string; tileAttribution: string }) {
  const t = useAdminMessages();
  const w = t.track;
  const [track, setTrack] = useState<TDriverTrack | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [index, setIndex] = useState(0);
  const [revision, setRevision] = useState(0);
  const containerRef = useRef<HTMLDivElement>(null);
  const markerRef = useRef<Marker | null>(null);
  const hasFixes = Boolean(track && track.fixes.length > 0);
  // The map exists while there is a track to draw (its container is rendered only then).
  const leaflet = useLeafletMap(containerRef, { tileUrl, tileAttribution, tilesUnavailableText: t.fleet.tilesUnavailable, isReady: hasFixes });

  useEffect(() => {
    let isCurrent = true;
    const now = Date.now();
    const query = new URLSearchParams({ from: String(startOfToday(now)), to: String(now) });
    adminFetch(ZDriverTrack, "GET", `/api/admin/drivers/${encodeURIComponent(driverId)}/track?${query}`).then(
      (answer) => {
        if (!isCurrent) return;
        setTrack(answer);
        setIndex(Math.max(0, answer.fixes.length - 1));
        setError(null);
      },
      (failure: unknown) => isCurrent && setError(errorMessage(failure)),
    );
    return () => {
      isCurrent = false;
    };
  }, [driverId, revision]);

  // Draw the track once per answer, on the map the hook keeps.
  useEffect(() => {
    if (!leaflet || !track || track.fixes.length === 0) return;
    const { L, map } = leaflet;
    const layers = L.layerGroup().addTo(map);
    const line = L.polyline(
      track.fixes.map((fix) => [fix.lat, fix.lng] as [number, number]),
      { color: "#0b5cad", weight: 4, opacity: 0.8 },
    ).addTo(layers);
    for (const stop of track.stops) {
      L.circleMarker([stop.lat, stop.lng], { radius: 6, color: "#14202b", weight: 2, fillColor: stop.outcome === "failed" ? "#b3261e" : stop.outcome ? "#137333" : "#ffffff", fillOpacity: 1 })
        .bindTooltip(textLabel(`${stop.customerName} · ${stop.status}`))
        .addTo(layers);
    }
    map.fitBounds(line.getBounds(), { padding: [20, 20], maxZoom: 17 });
    const icon = L.divIcon({ className: "track-marker", html: '<span class="track-marker__dot" data-testid="track-marker"></span>', iconSize: [16, 16] });
    const last = track.fixes.at(-1)!;
    markerRef.current = L.marker([last.lat, last.lng], { icon, keyboard: false, interactive: false }).addTo(layers);
    return () => {
      markerRef.current = null;
      layers.remove();
    };
  }, [leaflet, track]);

  const fix = track?.fixes[index] ?? null;
  useEffect(() => {
    if (fix) markerRef.current?.setLatLng([fix.lat, fix.lng]);
  }, [fix, leaflet]);

  return (
    <section className="admin-track" aria-label={w.title} data-testid="driver-track">
      <header className="admin-driver__head">
        <h3>{w.title}</h3>
        <button type="button" onClick={() => setRevision((value) => value + 1)} data-testid="track-reload">
          {w.reload}
        </button>
      </header>
      {error && <p className="admin-error">{error}</p>}
      {!track && !error && <p aria-busy="true">{w.loading}</p>}
      {track && track.fixes.length === 0 && <p data-testid="track-empty">{w.empty}</p>}
      {track && track.fixes.length > 0 && (
        <>
          <div ref={containerRef} className="admin-track__map" data-testid="track-map" />
          <input type="range" min={0} max={track.fixes.length - 1} step={1} value={index} onChange={(event) => setIndex(Number(event.target.value))} aria-label={w.replay} data-testid="track-slider" />
          <p className="admin-track__now" data-testid="track-position" data-index={index}>
            {fix && `${time(fix.at)} · ${fix.lat.toFixed(5)}, ${fix.lng.toFixed(5)}${fix.speed !== null ? ` · ${Math.round(fix.speed * 3.6)} km/h` : ""}`}
          </p>
          <p className="admin-track__meta">
            {w.fixes(track.totalFixes, track.isDownsampled ? track.fixes.length : null)}
            {track.isTruncated ? w.truncated : ""}
          </p>
        </>
      )}
      {track && track.stops.length > 0 && (
        <table className="admin-table" data-testid="track-stops">
          <thead>
            <tr>
              <th>{w.columns.stop}</th>
              <th>{w.columns.arrived}</th>
              <th>{w.columns.finished}</th>
              <th>{w.columns.dwell}</th>
            </tr>
          </thead>
          <tbody>
            {track.stops.map((stop) => (
              <tr key={stop.orderId} data-testid="track-stop" data-order-id={stop.orderId}>
                <td>
                  {stop.customerName} <small>{isOrderStatus(stop.status) ? t.status[stop.status] : stop.status}</small>
                </td>
                <td>{stop.arrivedAt !== null ? time(stop.arrivedAt) : t.none}</td>
                <td>{stop.finishedAt !== null ? `${stop.outcome ? w.outcome[stop.outcome] : ""} ${time(stop.finishedAt)}` : t.none}</td>
                <td data-testid="track-stop-dwell">{stop.dwellMs !== null ? minutes(stop.dwellMs) : t.none}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
