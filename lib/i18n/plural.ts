/** Plural forms by the language's own rules (Intl.PluralRules): "1 order", "2 orders". Pure. */
import type { Locale } from "./locales";

const rules = new Map<Locale, Intl.PluralRules>();
const numbers = new Map<Locale, Intl.NumberFormat>();

function rulesOf(locale: Locale): Intl.PluralRules {
  let found = rules.get(locale);
  if (!found) {
    found = new Intl.PluralRules(locale);
    rules.set(locale, found);
  }
  return found;
}

/**
 * The number as the language writes it. Whole numbers under 1,000 are their digits in both
 * languages, and they are what pages show while loading: a page's first Intl.NumberFormat costs
 * the browser tens of milliseconds (locale data), which it then spends on nothing.
 */
function formatCount(locale: Locale, count: number): string {
  if (Number.isInteger(count) && Math.abs(count) < 1000) return String(count);
  let found = numbers.get(locale);
  if (!found) {
    found = new Intl.NumberFormat(locale);
    numbers.set(locale, found);
  }
  return found.format(count);
}

/** `forms.one` when the language calls `count` singular, else `forms.other`; "#" becomes the number. */
export function plural(locale: Locale, count: number, forms: { one: string; other: string }): string {
  const form = rulesOf(locale).select(count) === "one" ? forms.one : forms.other;
  return form.replaceAll("#", formatCount(locale, count));
}
