"use client";
import { useMessages } from "@/lib/i18n/locale-provider";

/**
 * "Driver last seen 7 min ago" beside a shown position gone stale (lib/domain/customer-message.ts
 * decides when: never beside "Live"). Only ever about a position the server let this customer see.
 */
export function DriverLastSeen({ minutesAgo }: { minutesAgo: number | null }) {
  const messages = useMessages().tracking;
  if (minutesAgo === null) return null;
  return (
    <p className="tracking__last-seen" data-testid="driver-last-seen">
      {messages.lastSeen(minutesAgo)}
    </p>
  );
}
