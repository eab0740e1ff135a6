/**
 * When a webhook delivery failed, how long JetStream should wait before redelivering the event:
 * exponential backoff (base · 2^(attempt−1)), capped, so a receiver that is down for a while is
 * not hammered, and one that blips is retried quickly. Pure: no framework imports.
 */
export interface RetryPolicy {
  /** Delay after the first failed attempt. */
  baseDelayMs: number;
  /** No delay is longer than this. */
  maxDelayMs: number;
  /** After this many attempts the event is given up for that webhook (logged, then acknowledged). */
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 2_000, maxDelayMs: 10 * 60_000, maxAttempts: 10 };

/** The delay before attempt `failedAttempt + 1`; `failedAttempt` counts from 1. */
export function retryDelayMs(failedAttempt: number, policy: RetryPolicy): number {
  const exponent = Math.max(0, Math.floor(failedAttempt) - 1);
  // 2^exponent overflows to Infinity long after the cap applies; min() keeps it finite.
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(exponent, 40));
}

export function isLastAttempt(attempt: number, policy: RetryPolicy): boolean {
  return attempt >= policy.maxAttempts;
}

/** A 2xx answer is a delivery; anything else (or no answer) is retried. */
export function isDelivered(statusCode: number | null): boolean {
  return statusCode !== null && statusCode >= 200 && statusCode < 300;
}
