"use client";
/**
 * The driver app's state in one hook: session, today's route (with taps not yet confirmed by
 * the server shown as pending), the outbox, GPS and the wake lock. Components only render it
 * and call its actions. The day is loaded again every DAY_REFRESH_MS and when the app comes
 * back to the foreground: changes made elsewhere (a customer's delivery choice or instructions,
 * dispatch reordering or taking a stop away) reach the phone without a tap.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { DriverStatus } from "../domain/order-status";
import type { TDriverDay, TDriverStatusRequest } from "../schemas/driver";
import { DriverSync, type SyncSnapshot } from "./driver-sync";
import { watchGps, type GpsReading } from "./gps-watcher";
import { clearSession, fetchDay, readCachedDay, readToken, saveCachedDay, saveToken, takeTokenFromUrl } from "./session";
import { holdWakeLock } from "./wake-lock";
import type { DriverSignInError } from "../i18n/driver-messages";

const SHIFT_KEY = "lastmile.driver.on-shift";
const DAY_REFRESH_MS = 15_000;

export type DriverAppState =
  | { phase: "loading" }
  | { phase: "signed-out"; error: DriverSignInError | null }
  | { phase: "signed-in"; token: string; day: TDriverDay; isStale: boolean };

export interface DriverApp {
  state: DriverAppState;
  sync: SyncSnapshot | null;
  /** Taps queued but not yet confirmed, by order. */
  pending: Readonly<Record<string, DriverStatus>>;
  reading: GpsReading | null;
  gpsError: string | null;
  isOnShift: boolean;
  hasWakeLock: boolean;
  signIn(token: string): Promise<void>;
  signOut(): Promise<void>;
  setOnShift(isOnShift: boolean): void;
  tap(orderId: string, body: TDriverStatusRequest): Promise<void>;
}

export function useDriverApp(): DriverApp {
  const [state, setState] = useState<DriverAppState>({ phase: "loading" });
  const [sync, setSync] = useState<SyncSnapshot | null>(null);
  const [pending, setPending] = useState<Record<string, DriverStatus>>({});
  const [reading, setReading] = useState<GpsReading | null>(null);
  const [gpsError, setGpsError] = useState<string | null>(null);
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

  /** Fetches the day; true when its answer is shown (an answer overtaken by a newer request is dropped). */
  const refreshDay = useCallback(async (): Promise<boolean> => {
    if (!token) return false;
    const request = ++dayLoadRef.current;
    const result = await fetchDay(token);
    if (!result.ok) return false;
    if (request !== dayLoadRef.current) return false;
    saveCachedDay(result.day);
    setState({ phase: "signed-in", token, day: result.day, isStale: false });
    return true;
  }, [token]);

  // Changes made elsewhere: polled like dispatch's messages; offline, the last day stays.
  useEffect(() => {
    if (!token) return;
    const timer = setInterval(() => void refreshDay(), DAY_REFRESH_MS);
    const onVisible = () => {
      if (document.visibilityState === "visible") void refreshDay();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
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
    setPending({});
    setState({ phase: "signed-out", error: null });
  }, [driverId]);

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
      onStatusSent: (orderId, status) => {
        // The tap stays on screen until a fresh day from the server replaces it: a failed
        // refresh must not fall back to the day loaded before the tap.
        void (async () => {
          for (let attempt = 0; !isCancelled; attempt++) {
            if (await refreshDay()) break;
            await new Promise((resolve) => setTimeout(resolve, Math.min(1_000 * 2 ** attempt, 15_000)));
          }
          if (isCancelled) return;
          setPending((current) => {
            if (current[orderId] !== status) return current;
            const next = { ...current };
            delete next[orderId];
            return next;
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
    setGpsError(null);
    const stopGps = watchGps({
      onReading: setReading,
      onFix: (fix) => void syncRef.current?.recordFix(fix),
      onError: setGpsError,
    });
    const releaseWakeLock = holdWakeLock(setHasWakeLock);
    return () => {
      stopGps();
      releaseWakeLock();
    };
  }, [isOnShift, token, hasSync]);

  const setOnShift = useCallback((value: boolean) => {
    localStorage.setItem(SHIFT_KEY, value ? "1" : "0");
    setIsOnShiftState(value);
  }, []);

  const tap = useCallback(async (orderId: string, body: TDriverStatusRequest) => {
    const current = syncRef.current;
    if (!current) return;
    setPending((previous) => ({ ...previous, [orderId]: body.status }));
    await current.recordStatus(orderId, body);
  }, []);

  const signIn = useCallback(async (candidate: string) => {
    setState({ phase: "loading" });
    await load(candidate.trim(), true);
  }, [load]);

  return { state, sync, pending, reading, gpsError, isOnShift, hasWakeLock, signIn, signOut, setOnShift, tap };
}
