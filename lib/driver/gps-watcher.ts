/**
 * Wraps `navigator.geolocation.watchPosition`: every reading is shown (accuracy), and the
 * sampling policy decides which become fixes.
 */
import { shouldKeep, type Reading } from "./sampling-policy";

export interface GpsReading extends Reading {
  heading?: number;
}

export interface GpsWatcherHandlers {
  onReading(reading: GpsReading): void;
  onFix(reading: GpsReading): void;
  /** "no_gps", "denied" (the app words these), or the browser's own message. */
  onError(message: string): void;
}

export function watchGps(handlers: GpsWatcherHandlers): () => void {
  if (!("geolocation" in navigator)) {
    handlers.onError("no_gps");
    return () => undefined;
  }
  let lastKept: GpsReading | null = null;
  const id = navigator.geolocation.watchPosition(
    (position) => {
      const { coords } = position;
      const reading: GpsReading = {
        lat: coords.latitude,
        lng: coords.longitude,
        // Some browsers give a timestamp of the cached position; never older than "now - 1 min" matters here.
        at: position.timestamp || Date.now(),
        accuracy: Number.isFinite(coords.accuracy) ? coords.accuracy : undefined,
        speed: coords.speed ?? undefined,
        heading: coords.heading ?? undefined,
      };
      handlers.onReading(reading);
      if (shouldKeep(reading, lastKept).keep) {
        lastKept = reading;
        handlers.onFix(reading);
      }
    },
    (error) => handlers.onError(error.code === error.PERMISSION_DENIED ? "denied" : error.message),
    { enableHighAccuracy: true, maximumAge: 0, timeout: 30_000 },
  );
  return () => navigator.geolocation.clearWatch(id);
}
