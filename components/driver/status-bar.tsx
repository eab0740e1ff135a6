"use client";
import type { GpsReading } from "@/lib/driver/gps-watcher";
import type { SyncSnapshot } from "@/lib/driver/driver-sync";

function timeOf(ms: number | null): string {
  return ms === null ? "—" : new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

/** What the driver needs to trust the app: is my position going out, and is anything waiting. */
export function StatusBar({ sync, reading, gpsError, isOnShift, hasWakeLock, isOnline }: { sync: SyncSnapshot | null; reading: GpsReading | null; gpsError: string | null; isOnShift: boolean; hasWakeLock: boolean; isOnline: boolean }) {
  return (
    <section className="driver-status card" aria-label="Connection and GPS">
      <dl>
        <div>
          <dt>Network</dt>
          <dd data-testid="network-state">{isOnline ? "online" : "offline"}</dd>
        </div>
        <div>
          <dt>Waiting to send</dt>
          <dd data-testid="queue-length">{sync?.queued ?? 0}</dd>
        </div>
        <div>
          <dt>Last fix sent</dt>
          <dd data-testid="last-fix-sent">{sync?.lastSentSeq != null ? `#${sync.lastSentSeq} at ${timeOf(sync.lastSentAt)}` : "—"}</dd>
        </div>
        <div>
          <dt>GPS accuracy</dt>
          <dd data-testid="gps-accuracy">{!isOnShift ? "off" : reading?.accuracy !== undefined ? `±${Math.round(reading.accuracy)} m` : "waiting…"}</dd>
        </div>
      </dl>
      {sync?.retryAt ? <p className="driver-note">Will retry at {timeOf(sync.retryAt)}.</p> : null}
      {isOnShift && hasWakeLock ? <p className="driver-note">Screen kept on while on shift.</p> : null}
      {gpsError ? (
        <p className="driver-error" role="alert">
          {gpsError}
        </p>
      ) : null}
      {sync?.dropped ? (
        <p className="driver-error" role="alert" data-testid="dropped-message">
          Not accepted by the server: {sync.dropped}
        </p>
      ) : null}
    </section>
  );
}
