"use client";
import { useRouter } from "next/navigation";
import { Suspense, useCallback, useEffect, useState, type ReactNode } from "react";
import { isMovedToNewDay } from "@/lib/domain/customer-message";
import type { TrackingVisibility } from "@/lib/domain/driver-visibility";
import { isFinished } from "@/lib/domain/order-status";
import { promisedByMs } from "@/lib/domain/eta-display";
import { fetchCustomerOrder } from "@/lib/realtime/customer-api";
import type { TCustomerOrder } from "@/lib/schemas/customer";
import type { TDeliveryChoice } from "@/lib/schemas/delivery-choice";
import type { TNotificationOptions } from "@/lib/schemas/notifications";
import { useOrderTracking } from "@/lib/realtime/use-order-tracking";
import { DeliveryChoice } from "./delivery-choice";
import { DeliveryFeedback } from "./delivery-feedback";
import { DeliveryOutcome } from "./delivery-outcome";
import { MapArea } from "./map-area";
import { NotifyCard } from "./notify-card";
import { StatusTimeline } from "./status-timeline";
import { toReschedule, TrackingSummary } from "./tracking-summary";

export interface TrackingViewProps {
  token: string;
  initial: TCustomerOrder;
  tileUrl: string;
  tileAttribution: string;
  silentAfterMs: number;
  /** What the "Notify me" card may offer (VAPID key; email when SMTP is configured). */
  notifications: TNotificationOptions;
  /** Who sent it and how to reach someone: rendered on the server, it never changes on the page. */
  senderCard: ReactNode;
  /** The operator's limits: the map area says when the driver will appear. */
  visibility: TrackingVisibility;
}

/** The customer's live tracking page: server-rendered from `initial`, then kept live over the socket. */
export function TrackingView({ token, initial, tileUrl, tileAttribution, silentAfterMs, notifications, senderCard, visibility }: TrackingViewProps) {
  const router = useRouter();

  const { view, entries, connection, isRevoked } = useOrderTracking(token, initial.view, initial.timeline);
  const [details, setDetails] = useState(initial);
  // The first window this customer was shown (recorded by the server, else the first this page
  // saw) and the due time are the promise; a later estimate is "running late". A new day agreed
  // with the sender is a new promise: its window, and the first estimate shown after it.
  const promiseKey = details.choice?.acceptedAt ?? "";
  const [firstSeen, setFirstSeen] = useState({ key: promiseKey, latest: initial.promise.firstLatest ?? initial.view.eta?.latest ?? null });
  if (firstSeen.key !== promiseKey) setFirstSeen({ key: promiseKey, latest: details.promise.firstLatest });
  else if (firstSeen.latest === null && view.eta !== null) setFirstSeen({ key: promiseKey, latest: view.eta.latest });
  const firstLatest = firstSeen.key === promiseKey ? firstSeen.latest : details.promise.firstLatest;
  const promisedBy = promisedByMs({ dueAt: details.promise.dueAt, firstLatest });

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

  const finishEntry = [...entries].reverse().find((entry) => entry.kind === "delivered" || entry.kind === "failed" || entry.kind === "cancelled");
  const finishedAt = details.finishedAt ?? finishEntry?.at ?? (isFinished(view.status) ? view.statusAt : null);
  // The customer's own choice, as saved here or read again from the server.
  const onChoiceSaved = useCallback((choice: TDeliveryChoice) => setDetails((current) => ({ ...current, choice })), []);
  const onNoteSaved = useCallback((instructions: string | null) => setDetails((current) => ({ ...current, instructions })), []);

  // Most sections are Suspense boundaries: React hydrates the page boundary by boundary in short
  // slices and yields between them, where the whole page in one piece is one long task on a slow
  // phone. Nothing in them suspends.
  return (
    <div className="tracking">
      <Suspense>
        <TrackingSummary view={view} entries={entries} choice={details.choice} connection={connection} promisedBy={promisedBy} finishedAt={finishedAt} silentAfterMs={silentAfterMs} />
      </Suspense>

      {(view.status === "delivered" || view.status === "failed") && (
        <Suspense>
          <DeliveryOutcome status={view.status} proof={details.proof} note={finishEntry?.note ?? null} reason={finishEntry?.reason ?? null} deliveredTo={finishEntry?.deliveredTo ?? null} />
        </Suspense>
      )}
      {view.status === "delivered" && (
        <Suspense>
          <DeliveryFeedback token={token} initial={details.feedback} />
        </Suspense>
      )}

      {senderCard}

      {/* Not deferred: a zoom before the map hydrates would be undone by its first measure, which re-fits the view. */}
      <MapArea
        view={view}
        isMovedToNewDay={isMovedToNewDay({ status: view.status, statusAt: view.statusAt, reschedule: toReschedule(details.choice) })}
        visibility={visibility}
        tileUrl={tileUrl}
        tileAttribution={tileAttribution}
      />

      <Suspense>
        <StatusTimeline entries={entries} />
      </Suspense>

      {/* Before delivery: where to leave it and the one note; after a failed one: another day. Read
          again when dispatch accepts a new day (and when the order is reopened). */}
      {(!isFinished(view.status) || view.status === "failed") && (
        <Suspense>
          <DeliveryChoice
            key={`${details.choice?.acceptedAt ?? "open"}:${view.status === "failed" ? "failed" : "open"}`}
            token={token}
            mode={view.status === "failed" ? "failed" : "open"}
            initial={details.choice}
            initialNote={details.instructions}
            onChoiceSaved={onChoiceSaved}
            onNoteSaved={onNoteSaved}
          />
        </Suspense>
      )}
      {!isFinished(view.status) && (
        <Suspense>
          <NotifyCard token={token} options={notifications} />
        </Suspense>
      )}
    </div>
  );
}
