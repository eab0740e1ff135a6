"use client";
import type { GpsReading } from "@/lib/driver/gps-watcher";
import type { SyncSnapshot } from "@/lib/driver/driver-sync";
import type { Connection } from "@/lib/driver/position-sharing";
import type { DriverRefusalCode } from "@/lib/i18n/driver-messages";
import { formatTime } from "@/lib/i18n/format";
import { useMessages } from "@/lib/i18n/locale-provider";
import { Card } from "../ui/card";

const isKnownRefusal = (code: string | null): code is DriverRefusalCode => code === "stop_at_door" || code === "invalid_transition";

/** The details behind the position line: the connection as the app sees it, what is waiting, the last fix. */
export function StatusBar({
  sync,
  reading,
  isOnShift,
  hasWakeLock,
  connection,
}: {
  sync: SyncSnapshot | null;
  reading: GpsReading | null;
  isOnShift: boolean;
  hasWakeLock: boolean;
  connection: Connection;
}) {
  const t = useMessages().driver.bar;
  const dropped = sync?.dropped ?? null;
  return (
    <Card className="driver-status" aria-label={t.label}>
      <dl>
        <div>
          <dt>{t.network}</dt>
          <dd data-testid="network-state" data-state={connection}>
            {t.connection[connection]}
          </dd>
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
      {dropped ? (
        <p className="driver-error" role="alert" data-testid="dropped-message">
          {t.notAccepted(isKnownRefusal(dropped.code) ? t.refusals[dropped.code] : dropped.message)}
        </p>
      ) : null}
    </Card>
  );
}
