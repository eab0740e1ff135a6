"use client";
import { sharingState, secondsAgo, type SharingInput } from "@/lib/driver/position-sharing";
import { useMessages } from "@/lib/i18n/locale-provider";
import { useNow } from "../use-now";
import { Button } from "../ui/button";

/**
 * The one line that says whether anybody can follow the driver, and since when: "Sharing your
 * position · last sent 12 s ago" only while fixes are found and acknowledged; otherwise what is
 * wrong and what to do (location blocked: how to allow it on an iPhone and on Android).
 */
export function PositionSharingLine({ input, onRetry }: { input: Omit<SharingInput, "now">; onRetry(): void }) {
  const t = useMessages().driver;
  const now = useNow(1_000);
  const state = sharingState({ ...input, now: now ?? Date.now() });
  const ago = (at: number | null) => (at === null || now === null ? null : t.ago(secondsAgo(at, now)));
  const text = (() => {
    switch (state.kind) {
      case "off":
        return state.hasOpenStops ? t.sharing.paused : t.sharing.off;
      case "denied":
        return t.sharing.denied;
      case "unsupported":
        return t.sharing.unsupported;
      case "unavailable":
        return t.sharing.unavailable(ago(state.lastReadingAt));
      case "locating":
        return t.sharing.locating;
      case "not_sent":
        return t.sharing.notSent(ago(state.lastSentAt));
      case "sharing":
        return t.sharing.sharing(ago(state.lastSentAt) ?? "");
    }
  })();
  const isGood = state.kind === "sharing";
  const isNeutral = state.kind === "locating" || (state.kind === "off" && !state.hasOpenStops);
  return (
    <div className={`driver-sharing driver-sharing--${isGood ? "good" : isNeutral ? "neutral" : "bad"}`} data-testid="sharing-state" data-state={state.kind}>
      <p role={isGood || isNeutral ? undefined : "alert"}>{text}</p>
      {state.kind === "denied" ? (
        <>
          <ul className="driver-sharing__help" data-testid="location-help">
            <li>{t.sharing.deniedHelp.ios}</li>
            <li>{t.sharing.deniedHelp.android}</li>
          </ul>
          <Button onClick={onRetry} data-testid="gps-retry">
            {t.sharing.retry}
          </Button>
        </>
      ) : null}
      {state.kind === "unavailable" ? (
        <Button onClick={onRetry} data-testid="gps-retry">
          {t.sharing.retry}
        </Button>
      ) : null}
    </div>
  );
}
