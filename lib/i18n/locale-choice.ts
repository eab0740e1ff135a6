/**
 * A language the person chose on a page (the dashboard's switch), kept in localStorage for the
 * browser and in a cookie scoped to the page's path, so the server renders the same language
 * before any script runs. Without a choice, the browser's language decides.
 */
import { LOCALES, type Locale } from "./locales";

export const LOCALE_COOKIE = "lastmile-locale";
const STORAGE_KEY = "lastmile.locale";
const CHANGE_EVENT = "lastmile:locale-choice";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The stored choice, or null when the person never chose (or storage is unavailable). */
export function readLocaleChoice(): Locale | null {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : null;
  } catch {
    return null;
  }
}

/** Keeps the choice for this browser and this path (a year), and tells every listener. */
export function writeLocaleChoice(locale: Locale, path: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode: the cookie still carries it.
  }
  document.cookie = `${LOCALE_COOKIE}=${locale}; Path=${path}; Max-Age=31536000; SameSite=Lax`;
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

export function subscribeToLocaleChoice(onChange: () => void): () => void {
  window.addEventListener(CHANGE_EVENT, onChange);
  window.addEventListener("storage", onChange);
  window.addEventListener("languagechange", onChange);
  return () => {
    window.removeEventListener(CHANGE_EVENT, onChange);
    window.removeEventListener("storage", onChange);
    window.removeEventListener("languagechange", onChange);
  };
}
