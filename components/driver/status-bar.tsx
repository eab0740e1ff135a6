"use client";
import type { GpsReading } from "@/lib/driver/gps-watcher";
import type { SyncSnapshot } from "@/lib/driver/driver-sync";
import { formatTime } from "@/lib/i18n/format";
import { useMessages } from "@/lib/i18n/locale-provider";
import { Card } from "../ui/card";

/** What the driver needs to trust the app: is my position going out, and is anything waiting. */
export function StatusBar({ sync, reading, gpsError, isOnShift, hasWakeLock, isOnline }: { sync: SyncSnapshot | null; reading: GpsReading | null; gpsError: string | null; isOnShift: boolean; hasWakeLock: boolean; isOnline: boolean }) {
  const t = useMessages().driver.bar;
  const gpsErrorText = gpsError === "no_gps" || gpsError === "denied" ? t.gpsErrors[gpsError] : gpsError;
  return (
    <Card className="driver-status" aria-label={t.label}>
      <dl>
        <div>
          <dt>{t.network}</dt>
          <dd data-testid="network-state">{isOnline ? t.online : t.offline}</dd>
        </div>
        <div>
          <dt>{t.queued}</dt>
          <dd data-testid="queue-length">{sync?.queued ?? 0}</dd>
        </div>
        <div>
          <dt>{t.lastFix}</dt>
          <dd data-testid="last-fix-sent">{sync?.lastSentSeq != null && sync.lastSentAt != null ? t.lastFixValue(sync.lastSentSeq, formatTime(sync.lastSentAt)) : "—"}</dd>
        </div>
        <div>
          <dt>{t.accuracy}</dt>
          <dd data-testid="gps-accuracy">{!isOnShift ? t.accuracyOff : reading?.accuracy !== undefined ? `±${Math.round(reading.accuracy)} m` : t.accuracyWaiting}</dd>
        </div>
      </dl>
      {sync?.retryAt ? <p className="driver-note">{t.retryAt(formatTime(sync.retryAt))}</p> : null}
      {isOnShift && hasWakeLock ? <p className="driver-note">{t.wakeLock}</p> : null}
      {gpsErrorText ? (
        <p className="driver-error" role="alert">
          {gpsErrorText}
        </p>
      ) : null}
      {sync?.dropped ? (
        <p className="driver-error" role="alert" data-testid="dropped-message">
          {t.notAccepted(sync.dropped)}
        </p>
      ) : null}
    </Card>
  );
}
