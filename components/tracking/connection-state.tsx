"use client";
import { formatFreshness } from "@/lib/i18n/format";
import { useMessages } from "@/lib/i18n/locale-provider";
import type { TConnectionStatus } from "@/lib/realtime/tracking-client";
import { useIsHydrated } from "../use-is-hydrated";
import { useNow } from "../use-now";

export function ConnectionState({ connection }: { connection: TConnectionStatus }) {
  const messages = useMessages().connection;
  const isHydrated = useIsHydrated();
  const now = useNow(1000);
  const { state, lastUpdateAt } = connection;
  const freshness =
    isHydrated && now !== null && lastUpdateAt !== null ? formatFreshness(now - lastUpdateAt, messages) : null;

  return (
    <p className={`connection connection--${state}`} data-testid="connection-state" data-state={state}>
      <span className="connection__dot" aria-hidden="true" />
      <span>{messages[state]}</span>
      {freshness && <span className="connection__freshness"> · {freshness}</span>}
    </p>
  );
}
