"use client";
import { describeLastSeen } from "@/lib/domain/silence";
import { useMessages } from "@/lib/i18n/locale-provider";
import type { TDriverPosition } from "@/lib/schemas/order-view";
import { useNow } from "../use-now";

/**
 * "Driver last seen 7 min ago" once the shown position is older than the allowed silence.
 * Only ever about a position the server already let this customer see (the privacy rule).
 */
export function DriverLastSeen({ driver, silentAfterMs }: { driver: TDriverPosition | null; silentAfterMs: number }) {
  const messages = useMessages().tracking;
  const now = useNow(15_000);
  if (!driver || now === null) return null;
  const lastSeen = describeLastSeen(Date.parse(driver.at), now, silentAfterMs);
  if (!lastSeen.isSilent) return null;
  return (
    <p className="tracking__last-seen" data-testid="driver-last-seen">
      {messages.lastSeen(lastSeen.minutesAgo)}
    </p>
  );
}
