"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { isFinished } from "@/lib/domain/order-status";
import { formatTime } from "@/lib/i18n/format";
import { useMessages } from "@/lib/i18n/locale-provider";
import { fetchCustomerOrder } from "@/lib/realtime/customer-api";
import type { TCustomerOrder } from "@/lib/schemas/customer";
import { useOrderTracking } from "@/lib/realtime/use-order-tracking";
import { useIsHydrated } from "../use-is-hydrated";
import { ConnectionState } from "./connection-state";
import { DeliveryFeedback } from "./delivery-feedback";
import { DeliveryInstructions } from "./delivery-instructions";
import { DeliveryOutcome } from "./delivery-outcome";
import { DriverLastSeen } from "./driver-last-seen";
import { StatusTimeline } from "./status-timeline";
import { TrackingMap } from "./tracking-map";

export interface TrackingViewProps {
  token: string;
  initial: TCustomerOrder;
  tileUrl: string;
  tileAttribution: string;
  silentAfterMs: number;
}

/** The customer's live tracking page: server-rendered from `initial`, then kept live over the socket. */
export function TrackingView({ token, initial, tileUrl, tileAttribution, silentAfterMs }: TrackingViewProps) {
  const messages = useMessages().tracking;
  const router = useRouter();
  const isHydrated = useIsHydrated();
  const { view, entries, connection, isRevoked } = useOrderTracking(token, initial.view, initial.timeline);
  const [details, setDetails] = useState(initial);
  const [firstStatus] = useState(initial.view.status);

  // A token revoked while the page is open: the server now renders the "link no longer valid" 404.
  useEffect(() => {
    if (isRevoked) router.refresh();
  }, [isRevoked, router]);

  // Finished while the page is open: fetch when, and the proof the driver left.
  const isDone = view.status === "delivered" || view.status === "failed";
  const hasDetails = details.finishedAt !== null;
  useEffect(() => {
    if (!isDone || hasDetails) return;
    let isCancelled = false;
    void fetchCustomerOrder(token).then((result) => {
      if (!isCancelled && result.ok) setDetails(result.data);
    });
    return () => {
      isCancelled = true;
    };
  }, [isDone, hasDetails, token]);

  const statusText = messages.status[view.status];
  const stopsText = view.stopsAway === null ? messages.noStops[view.status] : messages.stopsAway(view.stopsAway);
  const finishEntry = [...entries].reverse().find((entry) => entry.kind === "delivered" || entry.kind === "failed");
  const finishedAt = details.finishedAt ?? finishEntry?.at ?? null;

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
            <dd data-testid="eta" data-eta={view.eta?.at}>
              {view.eta === null ? (
                messages.etaUnknown
              ) : (
                // Times need the browser's time zone, so they appear once hydrated.
                <>
                  <time className="tracking__eta-time" dateTime={view.eta.at}>
                    {isHydrated ? formatTime(view.eta.at) : ""}
                  </time>
                  <span className="tracking__eta-window">
                    {isHydrated ? messages.etaWindow(formatTime(view.eta.earliest), formatTime(view.eta.latest)) : ""}
                  </span>
                </>
              )}
            </dd>
          </div>
          <div>
            <dt>{messages.deliverTo}</dt>
            <dd>{view.destination.address}</dd>
          </div>
        </dl>
        <DriverLastSeen driver={view.driver} silentAfterMs={silentAfterMs} />
        <ConnectionState connection={connection} />
        {/* Announces changes only: the first status is already read with the page. */}
        <p className="visually-hidden" role="status" aria-live="polite">
          {view.status !== firstStatus ? messages.statusAnnouncement(statusText) : ""}
        </p>
      </section>

      {isDone && finishedAt && (
        <DeliveryOutcome status={view.status as "delivered" | "failed"} at={finishedAt} proof={details.proof} note={finishEntry?.note ?? null} />
      )}
      {view.status === "delivered" && <DeliveryFeedback token={token} initial={details.feedback} />}

      <TrackingMap
        destination={view.destination}
        driver={view.driver}
        tileUrl={tileUrl}
        tileAttribution={tileAttribution}
        labels={{ map: messages.map, driver: messages.driver, destination: messages.destination }}
      />

      <StatusTimeline entries={entries} />

      {!isFinished(view.status) && <DeliveryInstructions token={token} initial={details.instructions} />}
    </div>
  );
}
