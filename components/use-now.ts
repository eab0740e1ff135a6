"use client";
import { useEffect, useState } from "react";

/** The current time, refreshed every `intervalMs`; null until mounted (the server has no "now" to match). */
export function useNow(intervalMs: number): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    tick();
    const timer = setInterval(tick, intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
