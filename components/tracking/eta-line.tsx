"use client";
import type { CustomerEta } from "@/lib/domain/customer-message";
import { useMessages } from "@/lib/i18n/locale-provider";
import type { PageClock } from "./page-clock";

/**
 * The ETA line as lib/domain/customer-message.ts decided it (`shown`): a window while it is
 * fresh and ahead, a countdown near the end, "running late" whenever the order is later than
 * promised (at the door too), "any minute now", "waiting for the driver's position" when the
 * tracker has had nothing new, "no delivery today" once the day moved. Never a past time
 * presented as the future. `etaAt` is the raw estimate, kept as an attribute for tests.
 */
export function EtaLine({ shown, isRunningLate, etaAt, clock }: { shown: CustomerEta; isRunningLate: boolean; etaAt: string | undefined; clock: PageClock }) {
  const messages = useMessages().tracking;
  const formatTime = clock.time;
  const attributes = { "data-testid": "eta", "data-eta": etaAt, "data-eta-state": shown.kind, ...(isRunningLate ? { "data-running-late": "true" } : {}) };
  // Running late is said whatever else the line says (the late kinds say it themselves).
  const late = isRunningLate ? <span className="tracking__eta-late">{messages.etaLate}</span> : null;
  const lateClass = isRunningLate ? "tracking__eta--late" : undefined;
  switch (shown.kind) {
    case "pending":
      // No clock to read the estimate against (kept for callers without one).
      return <dd suppressHydrationWarning {...attributes} />;
    case "window":
      return (
        <dd suppressHydrationWarning {...attributes}>
          <time className="tracking__eta-time" dateTime={shown.at} suppressHydrationWarning>
            {formatTime(shown.at)}
          </time>
          <span className="tracking__eta-window" suppressHydrationWarning>
            {messages.etaWindow(formatTime(shown.earliest), formatTime(shown.latest))}
          </span>
        </dd>
      );
    case "countdown":
      return (
        <dd suppressHydrationWarning {...attributes} className={lateClass}>
          <span className="tracking__eta-time" data-minutes={shown.minutes}>
            {messages.etaCountdown(shown.minutes)}
          </span>
          {late}
          <span className="tracking__eta-window" suppressHydrationWarning>
            {messages.etaWindow(formatTime(shown.earliest), formatTime(shown.latest))}
          </span>
        </dd>
      );
    case "running_late":
      return (
        <dd suppressHydrationWarning {...attributes} className="tracking__eta--late">
          <span className="tracking__eta-time">{messages.etaLate}</span>
          <span className="tracking__eta-window" suppressHydrationWarning>
            {messages.etaLateWindow(formatTime(shown.earliest), formatTime(shown.latest))}
          </span>
        </dd>
      );
    case "any_minute":
      return (
        <dd suppressHydrationWarning {...attributes} className={lateClass}>
          <span className="tracking__eta-time">{messages.etaAnyMinute}</span>
          {late}
          <span className="tracking__eta-window" suppressHydrationWarning>
            {messages.etaBy(formatTime(shown.latest))}
          </span>
        </dd>
      );
    case "stale":
      return (
        <dd suppressHydrationWarning {...attributes} className="tracking__eta--stale">
          <span className="tracking__eta-time">{messages.etaStale}</span>
          {late}
          <span className="tracking__eta-window" suppressHydrationWarning>
            {messages.etaStaleDetail(formatTime(shown.latest), shown.minutesOld)}
          </span>
        </dd>
      );
    case "late":
      return (
        <dd suppressHydrationWarning {...attributes} className="tracking__eta--late">
          <span className="tracking__eta-time">{messages.etaLate}</span>
          <span className="tracking__eta-window" suppressHydrationWarning>
            {messages.etaLateDetail(shown.isWaitingForPosition)}
          </span>
        </dd>
      );
    case "waiting_for_position":
      return (
        <dd suppressHydrationWarning {...attributes} className={lateClass}>
          {messages.etaWaiting}
          {late}
        </dd>
      );
    case "here":
      return (
        <dd suppressHydrationWarning {...attributes} className={lateClass}>
          <span className="tracking__eta-time">{messages.etaHere}</span>
          {late}
        </dd>
      );
    case "here_stale":
      return (
        <dd suppressHydrationWarning {...attributes} className="tracking__eta--stale">
          <span className="tracking__eta-time">{messages.etaHereStale}</span>
          {late}
        </dd>
      );
    case "not_yet":
      return (
        <dd suppressHydrationWarning {...attributes} className={lateClass}>
          {messages.etaNotYet}
          {late}
        </dd>
      );
    case "agreed_window":
      return (
        <dd suppressHydrationWarning {...attributes}>
          <span className="tracking__eta-time">{messages.etaAgreedWindow(shown.windowStart, shown.windowEnd)}</span>
        </dd>
      );
    case "not_today":
      return (
        <dd suppressHydrationWarning {...attributes}>
          {messages.etaNotToday}
        </dd>
      );
    case "none":
      return <dd suppressHydrationWarning {...attributes} />;
  }
}
