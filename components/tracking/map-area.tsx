"use client";
import dynamic from "next/dynamic";
import { useCallback, useEffect, useRef, useState } from "react";
import type { TrackingVisibility } from "@/lib/domain/driver-visibility";
import { mapFormFor, type MapForm } from "@/lib/domain/map-form";
import type { MapView } from "@/lib/domain/web-mercator";
import { useMessages } from "@/lib/i18n/locale-provider";
import type { Messages } from "@/lib/i18n/messages";
import type { TOrderView } from "@/lib/schemas/order-view";
import { Card } from "../ui/card";
import { usePageClock } from "./page-clock";
import { StaticMap, type StaticMapLabels } from "./static-map";
import "./branding.css";

/**
 * Leaflet (~45 KB compressed) is fetched only when the person uses the map (touches, focuses or
 * zooms it): the first map is drawn without it (`static-map.tsx`), so a plain visit downloads no
 * Leaflet and the map's tiles are in the first HTML. The page's JavaScript budget is 200 KB
 * (e2e/tracking/script-budget.spec.ts).
 */
const TrackingMap = dynamic(() => import("./tracking-map").then((module) => module.TrackingMap), { ssr: false });

interface LiveMapProps {
  destination: TOrderView["destination"];
  driver: TOrderView["driver"];
  tileUrl: string;
  tileAttribution: string;
  label: string;
  labels: StaticMapLabels;
}

/**
 * The full map: the first map (plain elements) until the person uses it, then Leaflet, laid out
 * invisibly over it, opens at the view last shown and replaces it once its markers are in. Focus
 * inside the first map moves to the same place in Leaflet's.
 */
function LiveMap({ destination, driver, tileUrl, tileAttribution, label, labels }: LiveMapProps) {
  const [isLeafletWanted, setIsLeafletWanted] = useState(false);
  const [isLeafletShown, setIsLeafletShown] = useState(false);
  const viewRef = useRef<MapView | null>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const onUse = useCallback(() => setIsLeafletWanted(true), []);
  const onViewChange = useCallback((view: MapView) => {
    viewRef.current = view;
  }, []);
  const getInitialView = useCallback(() => viewRef.current, []);
  /** Where the focus goes once Leaflet is visible (a hidden element cannot take it). */
  const focusNextRef = useRef<HTMLElement | null>(null);
  const onReady = useCallback((container: HTMLElement) => {
    const focused = document.activeElement;
    if (focused instanceof HTMLElement && frameRef.current?.contains(focused) && !container.contains(focused)) {
      // A zoom button of the first map: the same button of Leaflet's; else the map itself.
      const control = focused.dataset.control;
      focusNextRef.current = (control ? container.querySelector<HTMLElement>(`.leaflet-control-${control}`) : null) ?? container;
    }
    setIsLeafletShown(true);
  }, []);
  useEffect(() => {
    if (!isLeafletShown) return;
    focusNextRef.current?.focus();
    focusNextRef.current = null;
  }, [isLeafletShown]);
  return (
    <div className="tracking-map" aria-label={label} role="region" data-testid="tracking-map" data-form="map" data-map={isLeafletShown ? "leaflet" : "first"}>
      <div ref={frameRef} className="tracking-map__canvas">
        {!isLeafletShown && <StaticMap destination={destination} driver={driver} tileUrl={tileUrl} tileAttribution={tileAttribution} labels={labels} onUse={onUse} onViewChange={onViewChange} />}
        {isLeafletWanted && (
          <TrackingMap
            destination={destination}
            driver={driver}
            tileUrl={tileUrl}
            tileAttribution={tileAttribution}
            labels={labels}
            getInitialView={getInitialView}
            onReady={onReady}
            isShown={isLeafletShown}
          />
        )}
      </div>
    </div>
  );
}

export interface MapAreaProps {
  view: TOrderView;
  isMovedToNewDay: boolean;
  visibility: TrackingVisibility;
  tileUrl: string;
  tileAttribution: string;
}

function cardText(form: Exclude<MapForm, { kind: "map" }>, messages: Messages["tracking"]["mapCard"]): string {
  switch (form.kind) {
    case "finished":
      return messages.finished[form.status];
    case "waiting_for_position":
      return messages.waitingForPosition;
    case "moved":
    case "too_far":
      return messages.appearsWhen(form.visibility);
  }
}

/**
 * The map area: the full map while the driver is shown, else a compact card that says why not
 * and when the driver will appear, with the destination. `tracking-map` (DESIGN.md) is on either;
 * `data-form` says which.
 */
export function MapArea({ view, isMovedToNewDay, visibility, tileUrl, tileAttribution }: MapAreaProps) {
  const messages = useMessages().tracking;
  // Minutes away by the ETA, for a minutes limit: read against the page's clock.
  const { nowMs } = usePageClock(15_000);
  const minutesAway = view.eta ? Math.max(0, (Date.parse(view.eta.at) - nowMs) / 60_000) : null;
  const form = mapFormFor({ status: view.status, isDriverShown: view.driver !== null, stopsAway: view.stopsAway, minutesAway, isMovedToNewDay, visibility });
  if (form.kind === "map") {
    return (
      <LiveMap
        destination={view.destination}
        driver={view.driver}
        tileUrl={tileUrl}
        tileAttribution={tileAttribution}
        label={messages.map}
        labels={{ driver: messages.driver, destination: messages.destination, tilesUnavailable: messages.tilesUnavailable, zoomIn: messages.zoomIn, zoomOut: messages.zoomOut }}
      />
    );
  }
  return (
    <Card className="map-card" data-testid="tracking-map" data-form="compact" data-reason={form.kind} aria-label={messages.map}>
      <svg className="map-card__pin" viewBox="0 0 24 24" aria-hidden="true">
        <path fill="currentColor" d="M12 2a7 7 0 0 0-7 7c0 5.2 7 13 7 13s7-7.8 7-13a7 7 0 0 0-7-7Zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5Z" />
      </svg>
      <div>
        <p className="map-card__text" data-testid="map-card-text">
          {cardText(form, messages.mapCard)}
        </p>
        <p className="map-card__address">
          {messages.destination}: <span data-testid="map-card-address">{view.destination.address}</span>
        </p>
      </div>
    </Card>
  );
}
