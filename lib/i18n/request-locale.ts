import "server-only";
import { headers } from "next/headers";
import { parseAcceptLanguage, resolveLocale, type Locale } from "./locales";

/** The request's language from Accept-Language; the browser derives navigator.languages from the same setting. */
export async function getRequestLocale(): Promise<Locale> {
  const requestHeaders = await headers();
  return resolveLocale(parseAcceptLanguage(requestHeaders.get("accept-language")));
}
