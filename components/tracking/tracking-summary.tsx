"use client";
import { useState } from "react";
import { describeForCustomer, type CustomerHeadline, type CustomerMessage, type CustomerReschedule } from "@/lib/domain/customer-message";
import { ETA_STALE_AFTER_MS } from "@/lib/domain/eta-display";
import { isFinished } from "@/lib/domain/order-status";
import { useMessages } from "@/lib/i18n/locale-provider";
import type { Messages } from "@/lib/i18n/messages";
import type { TConnectionStatus } from "@/lib/realtime/tracking-client";
import type { TDeliveryChoice } from "@/lib/schemas/delivery-choice";
import type { TOrderView } from "@/lib/schemas/order-view";
import type { TTimelineEntry } from "@/lib/schemas/timeline";
import { Card } from "../ui/card";
import { ConnectionState } from "./connection-state";
import { DriverLastSeen } from "./driver-last-seen";
import { EtaLine } from "./eta-line";
import { usePageClock, type PageClock } from "./page-clock";
import "./tracking-summary.css";

/** The customer's request for another day, as the message function reads it. */
export function toReschedule(choice: TDeliveryChoice | null): CustomerReschedule | null {
  if (!choice || choice.kind !== "reschedule" || choice.rescheduleState === null) return null;
  return { state: choice.rescheduleState, preferredDate: choice.preferredDate, windowStart: choice.windowStart, windowEnd: choice.windowEnd, acceptedAt: choice.acceptedAt };
}

function headlineText(headline: CustomerHeadline, messages: Messages["tracking"], clock: PageClock): string {
  switch (headline.kind) {
    case "status":
      return messages.status[headline.stage];
    case "at_door":
      return messages.status.arrived;
    case "was_at_door":
      return messages.wasAtDoor(clock.time(headline.at));
    case "moved": {
      const day = headline.day ? messages.choice.formatDay(headline.day) : null;
      const window = headline.windowStart && headline.windowEnd ? messages.choice.window(headline.windowStart, headline.windowEnd) : null;
      return messages.movedTo(day, window, headline.isToday);
    }
  }
}

export interface TrackingSummaryProps {
  view: TOrderView;
  entries: readonly TTimelineEntry[];
  choice: TDeliveryChoice | null;
  connection: TConnectionStatus;
  /** What the customer was promised (ms epoch), or null. */
  promisedBy: number | null;
  /** When the order finished (delivered or failed), when known. */
  finishedAt: string | null;
  /** The operator's silence threshold: the page never calls news stale sooner than ETA_STALE_AFTER_MS. */
  silentAfterMs: number;
}

/**
 * The top of the tracking page: headline, the line under it, the ETA, the live indicator and
 * "last seen", all from ONE decision (lib/domain/customer-message.ts), re-taken every second
 * with the page's clock, so no part can contradict another.
 */
export function TrackingSummary({ view, entries, choice, connection, promisedBy, finishedAt, silentAfterMs }: TrackingSummaryProps) {
  const messages = useMessages().tracking;
  // The server's clock for the first HTML (so it carries the ETA), the browser's once hydrated.
  const clock = usePageClock(1000);
  const { nowMs } = clock;
  const message: CustomerMessage = describeForCustomer({
    status: view.status,
    timeline: entries,
    stopsAway: view.stopsAway,
    eta: view.eta,
    updatedAt: view.updatedAt,
    statusAt: view.statusAt,
    driverFixAt: view.driver?.at ?? null,
    promisedBy,
    reschedule: toReschedule(choice),
    socket: connection.state,
    nowMs,
    today: clock.today,
    staleAfterMs: Math.max(silentAfterMs, ETA_STALE_AFTER_MS),
  });
  const statusText = headlineText(message.headline, messages, clock);
  const { subline } = message;
  const stage = message.headline.kind === "status" ? message.headline.stage : message.headline.kind;

  return (
    <Card className="tracking__summary" aria-label={messages.pageTitle}>
      <div>
        <p
          className={`tracking__status tracking__status--${view.status} tracking__status--${message.headline.kind}`}
          data-testid="order-status"
          data-status={view.status}
          data-stage={stage}
          suppressHydrationWarning
        >
          {statusText}
        </p>
        <p className="tracking__stops" data-testid="stops-away" data-kind={subline.kind} suppressHydrationWarning>
          {subline.kind === "finished"
            ? finishedAt && (
                <time dateTime={finishedAt} data-testid="finished-at" suppressHydrationWarning>
                  {messages.finishedOn(clock.time(finishedAt), clock.isToday(finishedAt))}
                </time>
              )
            : subline.kind === "stops_away"
              ? messages.stopsAway(subline.count)
              : subline.kind === "no_stops"
                ? messages.noStops[subline.status]
                : subline.kind === "at_door"
                  ? messages.atDoorSince(clock.time(subline.since))
                  : subline.kind === "no_news"
                    ? messages.noNewsFor(subline.minutes)
                    : subline.kind === "back_to_depot"
                      ? messages.backToDepot
                      : messages.newDay(subline.hasDay, subline.isToday)}
        </p>
      </div>
      {message.notice && (
        <p className="tracking__notice" data-testid="reschedule-notice" role="note">
          {messages.requestNotice(message.notice.isAfterFailure)}
        </p>
      )}
      <dl className="tracking__facts">
        {!isFinished(view.status) && (
          <div>
            <dt>{messages.eta}</dt>
            <EtaLine shown={message.eta} isRunningLate={message.isRunningLate} etaAt={view.eta?.at} clock={clock} />
          </div>
        )}
        <div>
          <dt>{view.status === "delivered" ? messages.deliveredTo : messages.deliverTo}</dt>
          <dd>{view.destination.address}</dd>
        </div>
      </dl>
      {view.status === "cancelled" && <p>{messages.cancelledNote}</p>}
      <DriverLastSeen minutesAgo={message.lastSeenMinutes} />
      <ConnectionState connection={connection} live={message.live} />
      {/* Announces changes only: the first headline is already read with the page. */}
      <AnnounceChange text={statusText} />
    </Card>
  );
}

/** A polite live region that stays empty for the first headline and announces each later one. */
function AnnounceChange({ text }: { text: string }) {
  const messages = useMessages().tracking;
  const [first] = useState(text);
  return (
    <p className="visually-hidden" role="status" aria-live="polite">
      {text !== first ? messages.statusAnnouncement(text) : ""}
    </p>
  );
}
