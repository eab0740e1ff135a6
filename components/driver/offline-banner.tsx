"use client";
import type { Connection } from "@/lib/driver/position-sharing";
import { useMessages } from "@/lib/i18n/locale-provider";

/** Across the top while the server cannot be reached: what is waiting, and that it is kept. */
export function OfflineBanner({ connection, queued }: { connection: Connection; queued: number }) {
  const t = useMessages().driver.banner;
  if (connection === "online") return null;
  return (
    <div className="driver-banner" role="alert" data-testid="offline-banner" data-state={connection}>
      {connection === "offline" ? t.offline(queued) : t.unreachable(queued)}
    </div>
  );
}
