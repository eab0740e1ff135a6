/**
 * What the driver is told about their position: "sharing" only while the phone obtains fixes
 * AND the server acknowledges them, with how recent; otherwise the one thing that is wrong
 * (location refused, no GPS position, the shift paused, nothing reaching the server). And
 * whether the server can be reached at all: the browser's `navigator.onLine` only knows about
 * the phone's own network, so a server that does not answer is not "online". Pure.
 */

export type Connection = "online" | "offline" | "unreachable";

/** What the GPS watcher reported last: refused by the person, no position, or no GPS in this browser. */
export type GpsProblem = "denied" | "unavailable" | "unsupported";

export type SharingState =
  /** Off shift: nobody can follow; `hasOpenStops` makes it a pause in the middle of the day. */
  | { kind: "off"; hasOpenStops: boolean }
  | { kind: "denied" }
  | { kind: "unsupported" }
  /** On shift, but the phone has no position (none yet, or none for a while). */
  | { kind: "unavailable"; lastReadingAt: number | null }
  /** On shift, waiting for the first position. */
  | { kind: "locating" }
  /** Positions are found but not reaching the server (offline, server down, or not sent yet). */
  | { kind: "not_sent"; lastSentAt: number | null; connection: Connection }
  | { kind: "sharing"; lastSentAt: number };

/**
 * A parked phone sends a heartbeat once a minute (sampling-policy.ts): a fix acknowledged within
 * two minutes is recent, an older one means nothing is getting through.
 */
export const SENT_RECENTLY_MS = 120_000;
/** No reading for this long: the GPS has lost the position (the watcher asks for one every 30 s). */
export const READING_RECENT_MS = 120_000;
/** How long the first position may take before "Finding your position" becomes "No GPS position". */
export const FIRST_FIX_GRACE_MS = 30_000;

export interface SharingInput {
  isOnShift: boolean;
  hasOpenStops: boolean;
  gpsProblem: GpsProblem | null;
  /** ms epoch of the last reading the phone obtained (kept as a fix or not), null when none this shift. */
  lastReadingAt: number | null;
  /** ms epoch when the server last acknowledged a fix, null when none this session. */
  lastSentAt: number | null;
  /** ms epoch the shift (or the GPS watch) started. */
  watchingSince: number | null;
  connection: Connection;
  now: number;
}

export function sharingState(input: SharingInput): SharingState {
  if (!input.isOnShift) return { kind: "off", hasOpenStops: input.hasOpenStops };
  if (input.gpsProblem === "denied") return { kind: "denied" };
  if (input.gpsProblem === "unsupported") return { kind: "unsupported" };
  const hasRecentReading = input.lastReadingAt !== null && input.now - input.lastReadingAt <= READING_RECENT_MS;
  if (!hasRecentReading) {
    const isStillLooking = input.lastReadingAt === null && input.gpsProblem === null && (input.watchingSince === null || input.now - input.watchingSince < FIRST_FIX_GRACE_MS);
    return isStillLooking ? { kind: "locating" } : { kind: "unavailable", lastReadingAt: input.lastReadingAt };
  }
  const hasRecentSend = input.lastSentAt !== null && input.now - input.lastSentAt <= SENT_RECENTLY_MS;
  if (input.connection !== "online" || !hasRecentSend) return { kind: "not_sent", lastSentAt: input.lastSentAt, connection: input.connection };
  return { kind: "sharing", lastSentAt: input.lastSentAt! };
}

/** The last answer (or silence) from the server: a request that got no answer, or a 5xx, means unreachable. */
export interface ServerContact {
  isOk: boolean;
  at: number;
}

export function connectionState(isBrowserOnline: boolean, lastContact: ServerContact | null): Connection {
  if (!isBrowserOnline) return "offline";
  if (lastContact && !lastContact.isOk) return "unreachable";
  return "online";
}

/** Whether an answer (or its absence) shows the server up: any answer but a 5xx or 408/429 does. */
export function isServerAnswer(status: number | "network-error"): boolean {
  if (status === "network-error") return false;
  return status < 500 && status !== 408 && status !== 429;
}

/** Seconds (rounded down) since `at`, never negative: "last sent 12 s ago". */
export function secondsAgo(at: number, now: number): number {
  return Math.max(0, Math.floor((now - at) / 1000));
}
