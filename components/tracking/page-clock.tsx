"use client";
import { createContext, useContext, type ReactNode } from "react";
import { dayOf, formatTime, formatTimeWindow, isToday, type FixedClock } from "@/lib/i18n/format";
import { useIsHydrated } from "../use-is-hydrated";
import { useNow } from "../use-now";

const PageClockContext = createContext<FixedClock | null>(null);

/**
 * The server's clock for the first render: the tracking page's HTML carries the ETA window and the
 * timeline's times (in the server's zone and the request's language), and the browser's first
 * render repeats that text exactly; once hydrated, times are the browser's own.
 */
export function PageClockProvider({ clock, children }: { clock: FixedClock; children: ReactNode }) {
  return <PageClockContext.Provider value={clock}>{children}</PageClockContext.Provider>;
}

export interface PageClock {
  /** ms epoch: the render's time before hydration, the browser's (every `intervalMs`) after. */
  nowMs: number;
  /** YYYY-MM-DD of `nowMs` where the reader is. */
  today: string;
  isHydrated: boolean;
  time: (value: string | number) => string;
  window: (earliest: string, latest: string) => string;
  isToday: (value: string | number) => boolean;
}

export function usePageClock(intervalMs = 1000): PageClock {
  const fixed = useContext(PageClockContext);
  const isHydrated = useIsHydrated();
  const now = useNow(intervalMs);
  // Without a provider (another page, a test), the browser's clock once mounted.
  const clock = isHydrated && now !== null ? undefined : (fixed ?? undefined);
  const nowMs = clock ? clock.nowMs : (now ?? fixed?.nowMs ?? 0);
  return {
    nowMs,
    today: dayOf(nowMs, clock),
    isHydrated,
    time: (value) => formatTime(value, clock),
    window: (earliest, latest) => formatTimeWindow(earliest, latest, clock),
    isToday: (value) => isToday(value, clock),
  };
}
