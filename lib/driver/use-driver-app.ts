"use client";
/**
 * The driver app's state in one hook: session, today's route (with taps not yet confirmed by
 * the server shown as pending), the outbox, GPS and the wake lock. Components only render it
 * and call its actions. The day is loaded again every DAY_REFRESH_MS and when the app comes
 * back to the foreground: changes made elsewhere (a customer's delivery choice or instructions,
 * dispatch reordering or taking a stop away) reach the phone without a tap.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { PendingTap } from "../domain/driver-day";
import type { TDriverDay, TDriverStatusRequest } from "../schemas/driver";
import { DriverSync, type SyncSnapshot } from "./driver-sync";
import { watchGps, type GpsReading } from "./gps-watcher";
import { connectionState, isServerAnswer, type Connection, type GpsProblem, type ServerContact } from "./position-sharing";
import { clearSession, fetchDay, readCachedDay, readToken, saveCachedDay, saveToken, takeTokenFromUrl } from "./session";
import { holdWakeLock } from "./wake-lock";
import type { DriverSignInError } from "../i18n/driver-messages";

const SHIFT_KEY = "lastmile.driver.on-shift";
/** The stop the driver chose to do first, per driver (lib/domain/driver-day.ts `planDay`). */
const chosenKey = (driverId: string) => `lastmile.driver.${driverId}.chosen-stop`;
const DAY_REFRESH_MS = 15_000;

export type DriverAppState = { phase: "loading" } | { phase: "signed-out"; error: DriverSignInError | null } | { phase: "signed-in"; token: string; day: TDriverDay; isStale: boolean };

export interface DriverApp {
  state: DriverAppState;
  sync: SyncSnapshot | null;
  /**
   * Taps the server has not confirmed yet, oldest first: those sent and waiting for a fresh day,
   * then the queue (kept in IndexedDB, so they survive a reload). The stops show them applied.
   */
  pending: readonly PendingTap[];
  reading: GpsReading | null;
  /** ms epoch of the last GPS reading this shift, and when the watch started. */
  lastReadingAt: number | null;
  watchingSince: number | null;
  gpsProblem: GpsProblem | null;
  isOnShift: boolean;
  hasWakeLock: boolean;
  /** The phone's network and the server's answers together: a silent server is not "online". */
  connection: Connection;
  chosenOrderId: string | null;
  /** An "arrived" the server refused because another stop is at the door (the app asks what to do). */
  refusedArrival: string | null;
  clearRefusedArrival(): void;
  signIn(token: string): Promise<void>;
  signOut(): Promise<void>;
  setOnShift(isOnShift: boolean): void;
  /** One tap with its whole body (a delivery with its proof, a failure with its reason). */
  tap(orderId: string, body: TDriverStatusRequest): Promise<void>;
  /** Bare status taps, queued in this order (lib/domain/driver-day.ts `planTap`). */
  send(taps: readonly PendingTap[]): Promise<void>;
  /** The stop to do first (null: back to the route's order). */
  choose(orderId: string | null): void;
  /** Ask for the position again (after location was allowed in the settings). */
  retryGps(): void;
}

export function useDriverApp(): DriverApp {
  const [state, setState] = useState<DriverAppState>({ phase: "loading" });
  const [sync, setSync] = useState<SyncSnapshot | null>(null);
  const [sentTaps, setSentTaps] = useState<PendingTap[]>([]);
  const [reading, setReading] = useState<GpsReading | null>(null);
  const [lastReadingAt, setLastReadingAt] = useState<number | null>(null);
  const [watchingSince, setWatchingSince] = useState<number | null>(null);
  const [gpsProblem, setGpsProblem] = useState<GpsProblem | null>(null);
  const [gpsAttempt, setGpsAttempt] = useState(0);
  const [isBrowserOnline, setIsBrowserOnline] = useState(true);
  const [dayContact, setDayContact] = useState<ServerContact | null>(null);
  const [chosenOrderId, setChosenOrderId] = useState<string | null>(null);
  const [refusedArrival, setRefusedArrival] = useState<string | null>(null);
  const [isOnShift, setIsOnShiftState] = useState(false);
  const [hasWakeLock, setHasWakeLock] = useState(false);
  const syncRef = useRef<DriverSync | null>(null);
  /** Loads of the day overlap (the poll, a confirmed tap): only the last one started may be shown. */
  const dayLoadRef = useRef(0);

  const signedIn = state.phase === "signed-in" ? state : null;
  const token = signedIn?.token ?? null;
  const driverId = signedIn?.day.driver.id ?? null;

  const load = useCallback(async (candidate: string, isNewSignIn: boolean) => {
    const result = await fetchDay(candidate);
    setDayContact({ isOk: result.ok || isServerAnswer(result.status), at: Date.now() });
    if (result.ok) {
      saveToken(candidate);
      saveCachedDay(result.day);
      setState({ phase: "signed-in", token: candidate, day: result.day, isStale: false });
      return;
    }
    if (result.reason === "unauthorized") {
      clearSession();
      setState({ phase: "signed-out", error: result.reason });
      return;
    }
    // Offline (or the server is struggling): open with the last known day when there is one.
    const cached = isNewSignIn ? null : readCachedDay();
    if (cached) setState({ phase: "signed-in", token: candidate, day: cached, isStale: true });
    else setState({ phase: "signed-out", error: result.reason });
  }, []);

  /** Fetches the day; the day when its answer is shown (an answer overtaken by a newer request is dropped). */
  const refreshDay = useCallback(async (): Promise<TDriverDay | null> => {
    if (!token) return null;
    const request = ++dayLoadRef.current;
    const result = await fetchDay(token);
    setDayContact({ isOk: result.ok || isServerAnswer(result.status), at: Date.now() });
    if (!result.ok) return null;
    if (request !== dayLoadRef.current) return null;
    saveCachedDay(result.day);
    setState({ phase: "signed-in", token, day: result.day, isStale: false });
    return result.day;
  }, [token]);

  // Changes made elsewhere: polled like dispatch's messages; offline, the last day stays.
  useEffect(() => {
    if (!token) return;
    const timer = setInterval(() => void refreshDay(), DAY_REFRESH_MS);
    const onVisible = () => {
      if (document.visibilityState === "visible") void refreshDay();
    };
    const onOnline = () => void refreshDay();
    document.addEventListener("visibilitychange", onVisible);
    window.addEventListener("online", onOnline);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
      window.removeEventListener("online", onOnline);
    };
  }, [token, refreshDay]);

  // Start-up: a ?token= link, else the saved session.
  useEffect(() => {
    const fromLink = takeTokenFromUrl();
    const saved = fromLink ?? readToken();
    setIsOnShiftState(localStorage.getItem(SHIFT_KEY) === "1");
    if (saved) void load(saved, fromLink !== null);
    else setState({ phase: "signed-out", error: null });
  }, [load]);

  const signOut = useCallback(async () => {
    syncRef.current?.close();
    syncRef.current = null;
    if (driverId) await DriverSync.forget(driverId);
    clearSession();
    localStorage.removeItem(SHIFT_KEY);
    setIsOnShiftState(false);
    setSync(null);
    setSentTaps([]);
    setState({ phase: "signed-out", error: null });
  }, [driverId]);

  // The browser's own idea of the network; the server's answers complete it (connectionState).
  useEffect(() => {
    const update = () => setIsBrowserOnline(navigator.onLine);
    update();
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);

  // The stop chosen to do first, kept across reloads.
  useEffect(() => {
    setChosenOrderId(driverId ? localStorage.getItem(chosenKey(driverId)) : null);
  }, [driverId]);
  const choose = useCallback(
    (orderId: string | null) => {
      if (!driverId) return;
      if (orderId) localStorage.setItem(chosenKey(driverId), orderId);
      else localStorage.removeItem(chosenKey(driverId));
      setChosenOrderId(orderId);
    },
    [driverId],
  );

  // The outbox lives as long as the session.
  const serverLastSeq = signedIn?.day.lastSeq ?? null;
  useEffect(() => {
    if (!token || !driverId) return;
    let isCancelled = false;
    let started: DriverSync | null = null;
    void DriverSync.start({
      token,
      driverId,
      serverLastSeq,
      onChange: (snapshot) => {
        if (!isCancelled) setSync(snapshot);
      },
      onSignedOut: () => {
        clearSession();
        if (!isCancelled) setState({ phase: "signed-out", error: "replaced" });
      },
      onStatusSent: (orderId, status, refusal) => {
        // The tap stays on screen until a fresh day from the server replaces it: a failed
        // refresh must not fall back to the day loaded before the tap.
        // A refused tap is not shown at all: the day as loaded is still true.
        if (!isCancelled && !refusal) setSentTaps((current) => [...current, { orderId, status }]);
        void (async () => {
          let fresh: TDriverDay | null = null;
          for (let attempt = 0; !isCancelled; attempt++) {
            fresh = await refreshDay();
            if (fresh) break;
            await new Promise((resolve) => setTimeout(resolve, Math.min(1_000 * 2 ** attempt, 15_000)));
          }
          if (isCancelled) return;
          // An arrival refused because another stop is at the door: ask the driver, now that the day shows that door.
          const isDoorTaken = fresh?.stops.some((stop) => stop.status === "arrived" && stop.orderId !== orderId) ?? false;
          if (refusal?.code === "stop_at_door" && status === "arrived" && isDoorTaken) setRefusedArrival(orderId);
          setSentTaps((current) => {
            const index = current.findIndex((tap) => tap.orderId === orderId && tap.status === status);
            return index < 0 ? current : current.filter((_, at) => at !== index);
          });
        })();
      },
    }).then((instance) => {
      if (isCancelled) instance.close();
      else {
        started = instance;
        syncRef.current = instance;
      }
    });
    return () => {
      isCancelled = true;
      started?.close();
      if (syncRef.current === started) syncRef.current = null;
    };
    // serverLastSeq only matters at start; a refresh of the day must not restart the outbox.
  }, [token, driverId, refreshDay]);

  // GPS and the wake lock while on shift.
  const hasSync = sync !== null;
  useEffect(() => {
    if (!isOnShift || !token || !hasSync) return;
    setGpsProblem(null);
    setWatchingSince(Date.now());
    setLastReadingAt(null);
    const stopGps = watchGps({
      onReading: (next) => {
        setReading(next);
        setLastReadingAt(Date.now());
      },
      onFix: (fix) => void syncRef.current?.recordFix(fix),
      onProblem: setGpsProblem,
    });
    const releaseWakeLock = holdWakeLock(setHasWakeLock);
    return () => {
      stopGps();
      releaseWakeLock();
    };
  }, [isOnShift, token, hasSync, gpsAttempt]);

  const setOnShift = useCallback((value: boolean) => {
    localStorage.setItem(SHIFT_KEY, value ? "1" : "0");
    setIsOnShiftState(value);
  }, []);

  // The queue shows the tap at once (DriverSync adds it to `queuedTaps`), across reloads too.
  const tap = useCallback(async (orderId: string, body: TDriverStatusRequest) => {
    await syncRef.current?.recordStatus(orderId, body);
  }, []);
  const send = useCallback(async (taps: readonly PendingTap[]) => {
    for (const { orderId, status } of taps) await syncRef.current?.recordStatus(orderId, { status });
  }, []);
  const retryGps = useCallback(() => setGpsAttempt((attempt) => attempt + 1), []);
  const clearRefusedArrival = useCallback(() => setRefusedArrival(null), []);

  const queuedTaps = sync?.queuedTaps;
  const pending = useMemo(() => [...sentTaps, ...(queuedTaps ?? [])], [sentTaps, queuedTaps]);
  const syncContact = sync?.lastContact ?? null;
  const lastContact = !syncContact || (dayContact && dayContact.at > syncContact.at) ? dayContact : syncContact;
  const connection = connectionState(isBrowserOnline, lastContact);

  const signIn = useCallback(
    async (candidate: string) => {
      setState({ phase: "loading" });
      await load(candidate.trim(), true);
    },
    [load],
  );

  return {
    state,
    sync,
    pending,
    reading,
    lastReadingAt,
    watchingSince,
    gpsProblem,
    isOnShift,
    hasWakeLock,
    connection,
    chosenOrderId,
    refusedArrival,
    clearRefusedArrival,
    signIn,
    signOut,
    setOnShift,
    tap,
    send,
    choose,
    retryGps,
  };
}
