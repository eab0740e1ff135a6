"use client";
import type { LiveIndicator } from "@/lib/domain/customer-message";
import { formatFreshness } from "@/lib/i18n/format";
import { useMessages } from "@/lib/i18n/locale-provider";
import type { TConnectionStatus } from "@/lib/realtime/tracking-client";

/**
 * The live indicator as lib/domain/customer-message.ts decided it: "Live" only while the socket
 * is open and the news from the driver is recent (with its age), "no news from the driver"
 * when it is not, nothing to follow today once the day moved, a final status once finished.
 * `data-state` is the socket's state; `data-fresh` whether the news is recent; `data-indicator`
 * what the line says.
 */
export function ConnectionState({ connection, live }: { connection: TConnectionStatus; live: LiveIndicator }) {
  const messages = useMessages().connection;
  const label =
    live.kind === "stale" ? messages.waitingForDriver : live.kind === "final" ? messages.final : live.kind === "paused" ? (live.isToday ? messages.pausedToday : messages.paused) : messages[live.kind];
  const freshness = live.kind === "live" && live.ageMs !== null ? formatFreshness(live.ageMs, messages) : null;
  return (
    <p className={`connection connection--${live.kind}`} data-testid="connection-state" data-state={connection.state} data-fresh={String(live.kind !== "stale")} data-indicator={live.kind}>
      <span className="connection__dot" aria-hidden="true" />
      <span>{label}</span>
      {freshness && <span className="connection__freshness"> · {freshness}</span>}
    </p>
  );
}
