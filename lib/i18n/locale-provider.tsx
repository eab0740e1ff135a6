"use client";
import { createContext, useContext, useEffect, useSyncExternalStore, type ReactNode } from "react";
import { readLocaleChoice, subscribeToLocaleChoice } from "./locale-choice";
import { resolveLocale, type Locale } from "./locales";
import { getMessages, type Messages } from "./messages";

const LocaleContext = createContext<Locale | null>(null);

function subscribeToLanguage(onChange: () => void): () => void {
  window.addEventListener("languagechange", onChange);
  return () => window.removeEventListener("languagechange", onChange);
}

function getBrowserLocale(): Locale {
  return resolveLocale(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
}

/**
 * Hydrates with the locale the server chose from Accept-Language (so the markup matches), then
 * follows navigator.languages, which normally agrees but is the browser's own word.
 */
export function LocaleProvider({ serverLocale, children }: { serverLocale: Locale; children: ReactNode }) {
  const locale = useSyncExternalStore(subscribeToLanguage, getBrowserLocale, () => serverLocale);
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

/**
 * For a page with a language switch (the dashboard): the language the person chose
 * (lib/i18n/locale-choice.ts), else the browser's. `serverLocale` is what the server rendered
 * with (the choice's cookie, else Accept-Language), so hydration matches.
 */
export function ChosenLocaleProvider({ serverLocale, children }: { serverLocale: Locale; children: ReactNode }) {
  const locale = useSyncExternalStore(
    subscribeToLocaleChoice,
    () => readLocaleChoice() ?? getBrowserLocale(),
    () => serverLocale,
  );
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  const locale = useContext(LocaleContext);
  if (!locale) throw new Error("useLocale() needs a <LocaleProvider> (app/layout.tsx).");
  return locale;
}

export function useMessages(): Messages {
  return getMessages(useLocale());
}
