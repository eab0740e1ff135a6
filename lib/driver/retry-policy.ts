/**
 * When the phone sends its queue again after a failure. Pure. The server's Retry-After wins
 * (it knows when its backbone will be back); otherwise exponential backoff with jitter so a
 * fleet coming back online together does not hammer the server in step.
 */
export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 1_000, maxMs: 60_000 };

/** `Retry-After` as seconds or an HTTP date → ms from `now`; null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}

/**
 * Delay before attempt `failures + 1`. `random` is injectable for tests (0..1).
 */
export function retryDelayMs(failures: number, retryAfterMs: number | null, policy: RetryPolicy = DEFAULT_RETRY, random: () => number = Math.random): number {
  if (retryAfterMs !== null) return Math.min(Math.max(retryAfterMs, policy.baseMs / 2), policy.maxMs);
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  // "Equal jitter": at least half the backoff, up to all of it.
  return Math.round(exponential / 2 + (exponential / 2) * random());
}

/** What the queue does with a response to a queued request. */
export type SendOutcome = "done" | "retry" | "drop" | "signed-out";

/** 2xx done; 401 the token is gone; 408/425/429/5xx and network errors retry; any other 4xx would fail forever, so drop. */
export function outcomeOf(status: number | "network-error"): SendOutcome {
  if (status === "network-error") return "retry";
  if (status >= 200 && status < 300) return "done";
  if (status === 401) return "signed-out";
  if (status === 408 || status === 425 || status === 429 || status >= 500) return "retry";
  return "drop";
}
