"use client";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { isFinished } from "@/lib/domain/order-status";
import { customerStage } from "@/lib/domain/customer-stage";
import { promisedByMs } from "@/lib/domain/eta-display";
import { formatTime, isToday } from "@/lib/i18n/format";
import { useMessages } from "@/lib/i18n/locale-provider";
import { fetchCustomerOrder } from "@/lib/realtime/customer-api";
import type { TCustomerOrder } from "@/lib/schemas/customer";
import type { TNotificationOptions } from "@/lib/schemas/notifications";
import { useOrderTracking } from "@/lib/realtime/use-order-tracking";
import { Card } from "../ui/card";
import { useIsHydrated } from "../use-is-hydrated";
import { ConnectionState } from "./connection-state";
import { DeliveryChoice } from "./delivery-choice";
import { DeliveryFeedback } from "./delivery-feedback";
import { DeliveryInstructions } from "./delivery-instructions";
import { DeliveryOutcome } from "./delivery-outcome";
import { DriverLastSeen } from "./driver-last-seen";
import { EtaLine } from "./eta-line";
import { NotifyCard } from "./notify-card";
import { StatusTimeline } from "./status-timeline";
import { TrackingMap } from "./tracking-map";

export interface TrackingViewProps {
  token: string;
  initial: TCustomerOrder;
  tileUrl: string;
  tileAttribution: string;
  silentAfterMs: number;
  /** What the "Notify me" card may offer (VAPID key; email when SMTP is configured). */
  notifications: TNotificationOptions;
}

/** The customer's live tracking page: server-rendered from `initial`, then kept live over the socket. */
export function TrackingView({ token, initial, tileUrl, tileAttribution, silentAfterMs, notifications }: TrackingViewProps) {
  const messages = useMessages().tracking;
  const router = useRouter();
  const isHydrated = useIsHydrated();
  const { view, entries, connection, isRevoked } = useOrderTracking(token, initial.view, initial.timeline);
  const [details, setDetails] = useState(initial);
  const [firstStatus] = useState(initial.view.status);
  // The first window this customer was shown (recorded by the server, else the first this page
  // saw) and the due time are the promise; a later estimate is "running late".
  const [firstLatest, setFirstLatest] = useState(initial.promise.firstLatest ?? initial.view.eta?.latest ?? null);
  if (firstLatest === null && view.eta !== null) setFirstLatest(view.eta.latest);
  const promisedBy = promisedByMs({ dueAt: initial.promise.dueAt, firstLatest });

  // A token revoked while the page is open: the server now renders the "link no longer valid" 404.
  useEffect(() => {
    if (isRevoked) router.refresh();
  }, [isRevoked, router]);

  // The page's details (when, the proof, the choice) read again; a later answer for an older
  // render is dropped by the effect's cleanup.
  const refetchDetails = useCallback(() => {
    let isCancelled = false;
    void fetchCustomerOrder(token).then((result) => {
      if (!isCancelled && result.ok) setDetails(result.data);
    });
    return () => {
      isCancelled = true;
    };
  }, [token]);

  // Finished while the page is open: fetch when, and the proof the driver left.
  const isDone = view.status === "delivered" || view.status === "failed";
  const hasDetails = details.finishedAt !== null;
  useEffect(() => (isDone && !hasDetails ? refetchDetails() : undefined), [isDone, hasDetails, refetchDetails]);

  // Dispatch accepted a reschedule while the page is open (a timeline line): read the choice again.
  const lastRescheduledSeq = entries.reduce((last, entry) => (entry.kind === "rescheduled" ? Math.max(last, entry.seq) : last), 0);
  const [initialRescheduledSeq] = useState(lastRescheduledSeq);
  useEffect(() => (lastRescheduledSeq > initialRescheduledSeq ? refetchDetails() : undefined), [lastRescheduledSeq, initialRescheduledSeq, refetchDetails]);

  const stage = customerStage(view.status, entries);
  const statusText = messages.status[stage];
  const finishEntry = [...entries].reverse().find((entry) => entry.kind === "delivered" || entry.kind === "failed" || entry.kind === "cancelled");
  const finishedAt = details.finishedAt ?? finishEntry?.at ?? (isFinished(view.status) ? view.statusAt : null);
  const subline = isFinished(view.status) ? (
    finishedAt && (
      <time dateTime={finishedAt} data-testid="finished-at">
        {isHydrated ? messages.finishedOn(formatTime(finishedAt), isToday(finishedAt)) : ""}
      </time>
    )
  ) : view.stopsAway === null ? (
    messages.noStops[view.status]
  ) : (
    messages.stopsAway(view.stopsAway)
  );

  return (
    <div className="tracking">
      <Card className="tracking__summary" aria-label={messages.pageTitle}>
        <div>
          <p className={`tracking__status tracking__status--${view.status}`} data-testid="order-status" data-status={view.status} data-stage={stage}>
            {statusText}
          </p>
          <p className="tracking__stops" data-testid="stops-away">
            {subline}
          </p>
        </div>
        <dl className="tracking__facts">
          {!isFinished(view.status) && (
            <div>
              <dt>{messages.eta}</dt>
              <EtaLine view={view} promisedBy={promisedBy} />
            </div>
          )}
          <div>
            <dt>{view.status === "delivered" ? messages.deliveredTo : messages.deliverTo}</dt>
            <dd>{view.destination.address}</dd>
          </div>
        </dl>
        {view.status === "cancelled" && <p>{messages.cancelledNote}</p>}
        {!isFinished(view.status) && <DriverLastSeen driver={view.driver} silentAfterMs={silentAfterMs} />}
        <ConnectionState connection={connection} view={view} />
        {/* Announces changes only: the first status is already read with the page. */}
        <p className="visually-hidden" role="status" aria-live="polite">
          {view.status !== firstStatus ? messages.statusAnnouncement(statusText) : ""}
        </p>
      </Card>

      {(view.status === "delivered" || view.status === "failed") && (
        <DeliveryOutcome status={view.status} proof={details.proof} note={finishEntry?.note ?? null} reason={finishEntry?.reason ?? null} deliveredTo={finishEntry?.deliveredTo ?? null} />
      )}
      {view.status === "delivered" && <DeliveryFeedback token={token} initial={details.feedback} />}

      <TrackingMap
        destination={view.destination}
        driver={view.driver}
        tileUrl={tileUrl}
        tileAttribution={tileAttribution}
        labels={{ map: messages.map, driver: messages.driver, destination: messages.destination, tilesUnavailable: messages.tilesUnavailable }}
      />

      <StatusTimeline entries={entries} />

      {!isFinished(view.status) && (
        <DeliveryChoice key={`${details.choice?.chosenAt ?? "none"}:${details.choice?.rescheduleState ?? ""}`} token={token} initial={details.choice} />
      )}
      {!isFinished(view.status) && <NotifyCard token={token} options={notifications} />}

      {!isFinished(view.status) && <DeliveryInstructions token={token} initial={details.instructions} />}
    </div>
  );
}
