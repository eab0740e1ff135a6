/**
 * A token bucket per key: `capacity` requests at once, refilled at `refillPerSecond`. Used
 * wherever a secret can be guessed or a write repeated (see server/platform/http/rate-limits.ts for the
 * policies). Pure: time is passed in; memory is bounded (the least recently used keys are
 * forgotten first, so a flood of fresh keys only forgets, it never grows the map).
 */
export interface RateLimitPolicy {
  /** Requests allowed in a burst. */
  capacity: number;
  /** Tokens regained per second. */
  refillPerSecond: number;
}

export type RateDecision = { isAllowed: true } | { isAllowed: false; retryAfterMs: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Bound on the keys kept per limiter. */
const MAX_KEYS = 50_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly policy: RateLimitPolicy,
    private readonly maxKeys = MAX_KEYS,
  ) {}

  /** Takes one token for `key` if there is one. */
  take(key: string, now: number): RateDecision {
    const bucket = this.refilled(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.touch(key, bucket);
      return { isAllowed: true };
    }
    this.touch(key, bucket);
    return { isAllowed: false, retryAfterMs: Math.ceil(((1 - bucket.tokens) / this.policy.refillPerSecond) * 1000) };
  }

  /** Whether `key` has a token left, without taking it (for limits that count failures only). */
  peek(key: string, now: number): RateDecision {
    const bucket = this.buckets.get(key);
    if (!bucket) return { isAllowed: true };
    const tokens = Math.min(this.policy.capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.policy.refillPerSecond);
    return tokens >= 1 ? { isAllowed: true } : { isAllowed: false, retryAfterMs: Math.ceil(((1 - tokens) / this.policy.refillPerSecond) * 1000) };
  }

  /** Gives back a token taken for an attempt that turned out not to count (never above capacity). */
  refund(key: string, now: number): void {
    const bucket = this.buckets.get(key);
    if (!bucket) return;
    this.refilled(key, now).tokens = Math.min(this.policy.capacity, bucket.tokens + 1);
    if (bucket.tokens >= this.policy.capacity) this.buckets.delete(key);
  }

  /** Drops `key`'s bucket: for keys that cannot come back (a closed socket's id). */
  forget(key: string): void {
    this.buckets.delete(key);
  }

  get size(): number {
    return this.buckets.size;
  }

  private refilled(key: string, now: number): Bucket {
    const bucket = this.buckets.get(key);
    if (!bucket) return { tokens: this.policy.capacity, updatedAt: now };
    const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(this.policy.capacity, bucket.tokens + elapsed * this.policy.refillPerSecond);
    bucket.updatedAt = now;
    return bucket;
  }

  private touch(key: string, bucket: Bucket): void {
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    while (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) break;
      this.buckets.delete(oldest);
    }
  }
}
