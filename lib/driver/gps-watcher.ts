/**
 * Wraps `navigator.geolocation.watchPosition`: every reading is shown (accuracy), and the
 * sampling policy decides which become fixes. A phone standing still may report nothing for
 * minutes, so a position is asked for when none came for a while: "sharing" must be earned by
 * fresh fixes, not assumed. A refused permission that is granted later (in the browser's site
 * settings) restarts the watch by itself.
 */
import type { GpsProblem } from "./position-sharing";
import { shouldKeep, type Reading } from "./sampling-policy";

export interface GpsReading extends Reading {
  heading?: number;
}

export interface GpsWatcherHandlers {
  onReading(reading: GpsReading): void;
  onFix(reading: GpsReading): void;
  /** The one thing wrong with the GPS now, or null once positions come again. */
  onProblem(problem: GpsProblem | null): void;
}

/** Without a reading for this long, ask for one (the sampling policy's heartbeat is one a minute). */
const ASK_AFTER_MS = 30_000;

export function watchGps(handlers: GpsWatcherHandlers): () => void {
  if (!("geolocation" in navigator)) {
    handlers.onProblem("unsupported");
    return () => undefined;
  }
  let lastKept: GpsReading | null = null;
  let lastReadingAt = Date.now();
  let watchId: number | null = null;
  let isStopped = false;

  const onPosition = (position: GeolocationPosition) => {
    const { coords } = position;
    const reading: GpsReading = {
      lat: coords.latitude,
      lng: coords.longitude,
      // The time the phone read it: a cached position answered again is not news.
      at: position.timestamp || Date.now(),
      accuracy: Number.isFinite(coords.accuracy) ? coords.accuracy : undefined,
      speed: coords.speed ?? undefined,
      heading: coords.heading ?? undefined,
    };
    lastReadingAt = Date.now();
    handlers.onProblem(null);
    handlers.onReading(reading);
    if (shouldKeep(reading, lastKept).keep) {
      lastKept = reading;
      handlers.onFix(reading);
    }
  };
  const onError = (error: GeolocationPositionError) => handlers.onProblem(error.code === error.PERMISSION_DENIED ? "denied" : "unavailable");
  const options: PositionOptions = { enableHighAccuracy: true, maximumAge: 0, timeout: 30_000 };

  const start = () => {
    if (watchId !== null) navigator.geolocation.clearWatch(watchId);
    watchId = navigator.geolocation.watchPosition(onPosition, onError, options);
  };
  start();

  const ask = setInterval(() => {
    if (Date.now() - lastReadingAt >= ASK_AFTER_MS) navigator.geolocation.getCurrentPosition(onPosition, onError, options);
  }, ASK_AFTER_MS / 3);

  // Location allowed again in the site settings: watch again without a reload.
  let permission: PermissionStatus | null = null;
  const onPermissionChange = () => {
    if (permission?.state === "granted") start();
    if (permission?.state === "denied") handlers.onProblem("denied");
  };
  navigator.permissions
    ?.query({ name: "geolocation" })
    .then((status) => {
      if (isStopped) return;
      permission = status;
      status.addEventListener("change", onPermissionChange);
    })
    .catch(() => undefined);

  return () => {
    isStopped = true;
    clearInterval(ask);
    permission?.removeEventListener("change", onPermissionChange);
    if (watchId !== null) navigator.geolocation.clearWatch(watchId);
  };
}
