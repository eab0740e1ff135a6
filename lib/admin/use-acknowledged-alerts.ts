"use client";
import { useCallback, useSyncExternalStore } from "react";

/**
 * Alerts a staff member has acknowledged, kept in this browser (localStorage) by alert key: an
 * alert's key changes when its cause changes (a new failure, a new silence), so a new problem
 * is never hidden by an old acknowledgement. Bounded: only the newest 500 keys are kept.
 */
const STORAGE_KEY = "lastmile.admin.acknowledged-alerts";
const MAX_KEYS = 500;
const listeners = new Set<() => void>();
let cache: string | null = null;

function read(): string {
  if (cache === null) cache = typeof localStorage === "undefined" ? "[]" : (localStorage.getItem(STORAGE_KEY) ?? "[]");
  return cache;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function parse(raw: string): string[] {
  try {
    const value = JSON.parse(raw) as unknown;
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}

export function useAcknowledgedAlerts(): { acknowledged: ReadonlySet<string>; acknowledge(key: string): void; restore(key: string): void } {
  const raw = useSyncExternalStore(subscribe, read, () => "[]");
  const write = useCallback((keys: string[]) => {
    cache = JSON.stringify(keys.slice(-MAX_KEYS));
    localStorage.setItem(STORAGE_KEY, cache);
    for (const listener of listeners) listener();
  }, []);
  const keys = parse(raw);
  return {
    acknowledged: new Set(keys),
    acknowledge: (key) => write([...parse(read()).filter((item) => item !== key), key]),
    restore: (key) => write(parse(read()).filter((item) => item !== key)),
  };
}
