/** Which language to show. Pure: shared by the server (Accept-Language) and the browser (navigator.languages). */
export const LOCALES = ["en", "es"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/** The first supported language among the user's preferences ("es-MX" counts as "es"). */
export function resolveLocale(preferences: readonly string[]): Locale {
  for (const tag of preferences) {
    const language = tag.trim().toLowerCase().split("-")[0] ?? "";
    if (isLocale(language)) return language;
  }
  return DEFAULT_LOCALE;
}

/** Language tags of an Accept-Language header, most preferred first. */
export function parseAcceptLanguage(header: string | null): string[] {
  if (!header) return [];
  return (
    header
      .split(",")
      .map((part, index) => {
        const [tag = "", ...params] = part.trim().split(";");
        const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
        const weight = q ? Number(q.slice(2)) : 1;
        return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
      })
      .filter((entry) => entry.tag !== "" && entry.tag !== "*" && entry.weight > 0)
      // Stable by original position for equal weights.
      .sort((a, b) => b.weight - a.weight || a.index - b.index)
      .map((entry) => entry.tag)
  );
}
