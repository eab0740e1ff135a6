/** Plural forms by the language's own rules (Intl.PluralRules): "1 order", "2 orders". Pure. */
import type { Locale } from "./locales";

const rules = new Map<Locale, Intl.PluralRules>();

function rulesOf(locale: Locale): Intl.PluralRules {
  let found = rules.get(locale);
  if (!found) {
    found = new Intl.PluralRules(locale);
    rules.set(locale, found);
  }
  return found;
}

/** `forms.one` when the language calls `count` singular, else `forms.other`; "#" becomes the number. */
export function plural(locale: Locale, count: number, forms: { one: string; other: string }): string {
  const form = rulesOf(locale).select(count) === "one" ? forms.one : forms.other;
  return form.replaceAll("#", new Intl.NumberFormat(locale).format(count));
}
