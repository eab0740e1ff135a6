"use client";
import { describeEta } from "@/lib/domain/eta-display";
import { formatTime } from "@/lib/i18n/format";
import { useMessages } from "@/lib/i18n/locale-provider";
import type { TOrderView } from "@/lib/schemas/order-view";
import { useIsHydrated } from "../use-is-hydrated";
import { useNow } from "../use-now";

/**
 * The ETA as far as it is true now: a window while it is fresh and ahead, a countdown near the
 * end (ticking with the clock between updates), "running late" with the new window once the
 * estimate is later than promised (`promisedBy`, ms epoch) or has passed, "any minute now" inside
 * the window, and "waiting for the driver's position" when the tracker has had nothing new for a
 * while. Never a past time presented as the future.
 */
export function EtaLine({ view, promisedBy }: { view: TOrderView; promisedBy: number | null }) {
  const messages = useMessages().tracking;
  const isHydrated = useIsHydrated();
  const now = useNow(1000);
  // Times need the browser's clock and time zone: before hydration, hold the line empty.
  if (!isHydrated || now === null) return <dd data-testid="eta" data-eta={view.eta?.at} data-eta-state="pending" />;
  const shown = describeEta({ status: view.status, eta: view.eta, updatedAt: view.updatedAt, nowMs: now, promisedBy });
  const attributes = { "data-testid": "eta", "data-eta": view.eta?.at, "data-eta-state": shown.kind };
  switch (shown.kind) {
    case "window":
      return (
        <dd {...attributes}>
          <time className="tracking__eta-time" dateTime={shown.at}>
            {formatTime(shown.at)}
          </time>
          <span className="tracking__eta-window">{messages.etaWindow(formatTime(shown.earliest), formatTime(shown.latest))}</span>
        </dd>
      );
    case "countdown":
      return (
        <dd {...attributes} data-running-late={shown.isRunningLate} className={shown.isRunningLate ? "tracking__eta--late" : undefined}>
          <span className="tracking__eta-time" data-minutes={shown.minutes}>
            {messages.etaCountdown(shown.minutes)}
          </span>
          {shown.isRunningLate && <span className="tracking__eta-late">{messages.etaLate}</span>}
          <span className="tracking__eta-window">{messages.etaWindow(formatTime(shown.earliest), formatTime(shown.latest))}</span>
        </dd>
      );
    case "running_late":
      return (
        <dd {...attributes} data-running-late className="tracking__eta--late">
          <span className="tracking__eta-time">{messages.etaLate}</span>
          <span className="tracking__eta-window">{messages.etaLateWindow(formatTime(shown.earliest), formatTime(shown.latest))}</span>
        </dd>
      );
    case "any_minute":
      return (
        <dd {...attributes}>
          <span className="tracking__eta-time">{messages.etaAnyMinute}</span>
          <span className="tracking__eta-window">{messages.etaBy(formatTime(shown.latest))}</span>
        </dd>
      );
    case "stale":
      return (
        <dd {...attributes} className="tracking__eta--stale">
          <span className="tracking__eta-time">{messages.etaStale}</span>
          <span className="tracking__eta-window">{messages.etaStaleDetail(formatTime(shown.latest), shown.minutesOld)}</span>
        </dd>
      );
    case "late":
      return (
        <dd {...attributes} className="tracking__eta--late">
          <span className="tracking__eta-time">{messages.etaLate}</span>
          <span className="tracking__eta-window">{messages.etaLateDetail(shown.isWaitingForPosition)}</span>
        </dd>
      );
    case "waiting_for_position":
      return <dd {...attributes}>{messages.etaWaiting}</dd>;
    case "here":
      return <dd {...attributes}>{messages.etaHere}</dd>;
    case "not_yet":
      return <dd {...attributes}>{messages.etaNotYet}</dd>;
    case "none":
      return <dd {...attributes} />;
  }
}
