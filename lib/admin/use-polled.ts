"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { errorMessage } from "./admin-api";

/**
 * Loads `load()` now and every `intervalMs`, and again whenever `key` changes; `reload()`
 * after a write shows its effect at once. Answers to an outdated key are dropped.
 */
export function usePolled<T>(load: () => Promise<T>, intervalMs: number, key: string): { data: T | null; error: string | null; reload(): void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  const keyRef = useRef(key);
  keyRef.current = key;

  const reload = useCallback(() => {
    const asked = keyRef.current;
    loadRef.current().then(
      (value) => {
        if (asked !== keyRef.current) return;
        setData(value);
        setError(null);
      },
      (failure: unknown) => {
        if (asked === keyRef.current) setError(errorMessage(failure));
      },
    );
  }, []);

  useEffect(() => {
    reload();
    const timer = setInterval(reload, intervalMs);
    return () => clearInterval(timer);
  }, [key, intervalMs, reload]);

  return { data, error, reload };
}
