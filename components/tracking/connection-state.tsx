"use client";
import { isViewFresh } from "@/lib/domain/eta-display";
import { isFinished } from "@/lib/domain/order-status";
import { formatFreshness } from "@/lib/i18n/format";
import { useMessages } from "@/lib/i18n/locale-provider";
import type { TConnectionStatus } from "@/lib/realtime/tracking-client";
import type { TOrderView } from "@/lib/schemas/order-view";
import { useIsHydrated } from "../use-is-hydrated";
import { useNow } from "../use-now";

/**
 * "Live" only when it is true: the socket is open and, while the driver carries the order, the
 * tracker's view is recent. The age shown is the data's (when the tracker last computed it), not
 * the socket's last message. A finished order says nothing more will change.
 * `data-state` is the socket's state; `data-fresh` whether the data is recent.
 */
export function ConnectionState({ connection, view }: { connection: TConnectionStatus; view: TOrderView }) {
  const messages = useMessages().connection;
  const isHydrated = useIsHydrated();
  const now = useNow(1000);
  const { state } = connection;
  const isDone = isFinished(view.status);
  const isFresh = !isHydrated || now === null || isViewFresh(view.status, view.updatedAt, now);
  const showsAge = isHydrated && now !== null && state === "live" && view.status === "picked_up";
  const freshness = showsAge ? formatFreshness(now - Date.parse(view.updatedAt), messages) : null;

  const label = isDone && state === "live" ? messages.final : state === "live" && !isFresh ? messages.waitingForDriver : messages[state];
  const modifier = isDone && state === "live" ? "final" : state === "live" && !isFresh ? "stale" : state;
  return (
    <p className={`connection connection--${modifier}`} data-testid="connection-state" data-state={state} data-fresh={String(isFresh)}>
      <span className="connection__dot" aria-hidden="true" />
      <span>{label}</span>
      {freshness && !isDone && <span className="connection__freshness"> · {freshness}</span>}
    </p>
  );
}
