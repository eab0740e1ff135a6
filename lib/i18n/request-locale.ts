import "server-only";
import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, isLocale } from "./locale-choice";
import { parseAcceptLanguage, resolveLocale, type Locale } from "./locales";

/**
 * The request's language: a choice the person made on the page (the dashboard's switch keeps it
 * in a cookie scoped to its path, so only that page's requests carry it), else Accept-Language,
 * from which the browser also derives navigator.languages.
 */
export async function getRequestLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  const requestHeaders = await headers();
  return resolveLocale(parseAcceptLanguage(requestHeaders.get("accept-language")));
}
