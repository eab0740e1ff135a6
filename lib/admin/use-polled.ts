"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { errorMessage } from "./admin-api";

/**
 * Loads `load()` now and every `intervalMs`, and again whenever `key` changes; `reload()`
 * after a write shows its effect at once, and resolves once it is shown. Only the newest request's
 * answer is shown: a poll that left before a write and answers after it would show the old state.
 */
export function usePolled<T>(load: () => Promise<T>, intervalMs: number, key: string): { data: T | null; error: string | null; reload(): Promise<void> } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  const keyRef = useRef(key);
  keyRef.current = key;

  const newestRequest = useRef(0);

  const reload = useCallback(() => {
    const asked = keyRef.current;
    const request = ++newestRequest.current;
    const isCurrent = () => asked === keyRef.current && request === newestRequest.current;
    return loadRef.current().then(
      (value) => {
        if (!isCurrent()) return;
        setData(value);
        setError(null);
      },
      (failure: unknown) => {
        if (isCurrent()) setError(errorMessage(failure));
      },
    );
  }, []);

  useEffect(() => {
    void reload();
    const timer = setInterval(() => void reload(), intervalMs);
    return () => clearInterval(timer);
  }, [key, intervalMs, reload]);

  return { data, error, reload };
}
