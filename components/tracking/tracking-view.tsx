"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { formatTimeWindow } from "@/lib/i18n/format";
import { useMessages } from "@/lib/i18n/locale-provider";
import type { TOrderView } from "@/lib/schemas/order-view";
import { useOrderTracking } from "@/lib/realtime/use-order-tracking";
import { useIsHydrated } from "../use-is-hydrated";
import { ConnectionState } from "./connection-state";
import { StatusTimeline, useStatusHistory } from "./status-timeline";
import { TrackingMap } from "./tracking-map";

export interface TrackingViewProps {
  token: string;
  initialView: TOrderView;
  tileUrl: string;
  tileAttribution: string;
}

/** The customer's live tracking page: server-rendered from `initialView`, then kept live over the socket. */
export function TrackingView({ token, initialView, tileUrl, tileAttribution }: TrackingViewProps) {
  const messages = useMessages().tracking;
  const router = useRouter();
  const isHydrated = useIsHydrated();
  const { view, connection, isRevoked } = useOrderTracking(token, initialView);
  const history = useStatusHistory(view);

  // A token revoked while the page is open: the server now renders the "link no longer valid" 404.
  useEffect(() => {
    if (isRevoked) router.refresh();
  }, [isRevoked, router]);

  const statusText = messages.status[view.status];
  const stopsText = view.stopsAway === null ? messages.noStops[view.status] : messages.stopsAway(view.stopsAway);

  return (
    <div className="tracking">
      <section className="card tracking__summary">
        <p className="tracking__status" data-testid="order-status" data-status={view.status}>
          {statusText}
        </p>
        <p className="tracking__stops" data-testid="stops-away">
          {stopsText}
        </p>
        <dl className="tracking__facts">
          <div>
            <dt>{messages.eta}</dt>
            <dd data-testid="eta">
              {view.eta === null ? (
                messages.etaUnknown
              ) : (
                // The window needs the browser's time zone, so it appears once hydrated.
                <time dateTime={view.eta.at}>{isHydrated ? formatTimeWindow(view.eta.earliest, view.eta.latest) : ""}</time>
              )}
            </dd>
          </div>
          <div>
            <dt>{messages.deliverTo}</dt>
            <dd>{view.destination.address}</dd>
          </div>
        </dl>
        <ConnectionState connection={connection} />
        {/* Announces changes only: the first status is already read with the page. */}
        <p className="visually-hidden" role="status" aria-live="polite">
          {history.length > 1 ? messages.statusAnnouncement(statusText) : ""}
        </p>
      </section>

      <TrackingMap
        destination={view.destination}
        driver={view.driver}
        tileUrl={tileUrl}
        tileAttribution={tileAttribution}
        labels={{ map: messages.map, driver: messages.driver, destination: messages.destination }}
      />

      <StatusTimeline history={history} />
    </div>
  );
}
