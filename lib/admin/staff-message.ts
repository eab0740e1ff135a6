/**
 * What the dashboard shows when something failed: a sentence a dispatcher reads, never a raw
 * code (`order_in_progress`), a bare "HTTP 500" or the browser's "Failed to fetch". Pure: the
 * API's messages are kept (they say what happened) and only made to read as sentences.
 */

/** Sentences for codes that arrive without a message of their own. */
const CODE_SENTENCES: Readonly<Record<string, string>> = {
  unauthorized: "Your session has ended. Sign in again.",
  forbidden: "Your role does not allow this.",
  csrf_failed: "The page is out of date. Reload it and try again.",
  not_found: "It no longer exists: someone may have removed it.",
  order_in_progress: "The driver already has this parcel.",
  order_finished: "This order is already finished.",
  order_cancelled: "This order is cancelled.",
  too_many_attempts: "Too many attempts. Wait a minute and try again.",
  backbone_unavailable: "The server is busy. Try again in a moment.",
  database_unavailable: "The server is busy. Try again in a moment.",
  payload_too_large: "This is too large to send.",
};

const NETWORK_FAILURE = /^(failed to fetch|networkerror|load failed|network request failed)/i;
const RAW_CODE = /^[a-z0-9]+(_[a-z0-9]+)+$/;

export interface FailureFacts {
  message: string;
  /** The API's error code, when the server answered. */
  code?: string;
  /** The HTTP status, when the server answered. */
  status?: number;
}

/** One failure as a sentence: capitalised, ending in a full stop, in words. */
export function toStaffSentence({ message, code, status }: FailureFacts): string {
  const text = message.trim();
  if (status === undefined && NETWORK_FAILURE.test(text)) return "Could not reach the server. Check the connection and try again.";
  // A lapsed session reads as one (the API speaks of bearer tokens); a refused sign-in keeps its words.
  if (status === 401 && (!text || RAW_CODE.test(text) || /bearer|sign in|session/i.test(text))) return CODE_SENTENCES.unauthorized!;
  if (!text || text === code || RAW_CODE.test(text)) {
    const known = CODE_SENTENCES[code ?? text];
    if (known) return known;
    if (RAW_CODE.test(text)) return sentence(text.replaceAll("_", " "));
  }
  if (!text || /^HTTP \d{3}$/.test(text)) {
    return status !== undefined && status >= 500 ? `The server could not do this right now (error ${status}). Try again in a moment.` : "Something went wrong. Try again.";
  }
  return sentence(text);
}

/** First letter up, a full stop at the end unless the text already ends a sentence. */
function sentence(text: string): string {
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?…)]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
