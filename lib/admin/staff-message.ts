/**
 * What the dashboard shows when something failed: a sentence a dispatcher reads in their own
 * language, never a raw code (`order_in_progress`), a bare "HTTP 500" or the browser's "Failed
 * to fetch". Pure. The server sends a code and an English message: known codes are said in the
 * reader's language (lib/i18n/admin-messages.ts `errors.codes`); in English the API's own message
 * is kept when it says more (it names the order, the driver), made to read as a sentence.
 */
import { getAdminMessages } from "../i18n/admin-messages";
import type { Locale } from "../i18n/locales";

const NETWORK_FAILURE = /^(failed to fetch|networkerror|load failed|network request failed)/i;
const RAW_CODE = /^[a-z0-9]+(_[a-z0-9]+)+$/;

export interface FailureFacts {
  message: string;
  /** The API's error code, when the server answered. */
  code?: string;
  /** The HTTP status, when the server answered. */
  status?: number;
}

/** One failure as a sentence: capitalised, ending in a full stop, in words, in `locale`. */
export function toStaffSentence({ message, code, status }: FailureFacts, locale: Locale = "en"): string {
  const words = getAdminMessages(locale).errors;
  const text = message.trim();
  if (status === undefined && NETWORK_FAILURE.test(text)) return words.network;
  // A lapsed session reads as one (the API speaks of bearer tokens); a refused sign-in keeps its words.
  if (status === 401 && (!text || RAW_CODE.test(text) || /bearer|sign in|session/i.test(text))) return words.codes.unauthorized!;
  const known = words.codes[code ?? ""] ?? (RAW_CODE.test(text) ? words.codes[text] : undefined);
  const isBare = !text || /^HTTP \d{3}$/.test(text);
  const isCode = text === code || RAW_CODE.test(text);
  const byStatus = status !== undefined && status >= 500 ? words.server(status) : words.generic;
  if (locale !== "en") return known ?? byStatus;
  if (!isBare && !isCode) return sentence(text);
  if (known) return known;
  return isCode && text ? sentence(text.replaceAll("_", " ")) : byStatus;
}

/** First letter up, a full stop at the end unless the text already ends a sentence. */
export function sentence(text: string): string {
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?…)]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
