/**
 * Every rate limit of the API and the live channel, in one place: where a secret can be guessed
 * (tracker ids, bearer tokens, tracking tokens, sign-in) or a write repeated (customer writes).
 * Over a limit the answer is 429 with Retry-After. Keys are the caller's address (TRUST_PROXY
 * hops, see client-ip.ts) or the secret itself. In memory, per process: behind a balancer each
 * instance counts on its own, so the effective limit is N times these.
 */
import type { IncomingMessage } from "node:http";
import { RateLimiter, type RateDecision, type RateLimitPolicy } from "../../../lib/domain/rate-limit";
import { ApiError } from "./api-error";
import { clientIp } from "./client-ip";

export const RATE_LIMIT_POLICIES = {
  /** Tracker-app reports per address: a depot's NAT may carry a whole fleet (~10/s sustained). */
  osmandPerIp: { capacity: 120, refillPerSecond: 10 },
  /** Reports per tracker id: a phone flushing its queue bursts, a spoofer flooding does not get far. */
  osmandPerId: { capacity: 60, refillPerSecond: 2 },
  /** Unknown tracker ids per address: guessing ids stops after 20 misses (one more per 30 s). */
  osmandUnknownPerIp: { capacity: 20, refillPerSecond: 1 / 30 },
  /** Wrong bearer tokens (admin or driver) per address. */
  bearerFailuresPerIp: { capacity: 20, refillPerSecond: 1 / 30 },
  /** Unknown tracking tokens (API, socket) per address. */
  trackingMissesPerIp: { capacity: 30, refillPerSecond: 1 / 10 },
  /** Customer writes (instructions, delivery choice, feedback) per tracking token: 10 at once, then one per 6 s. */
  customerWritesPerToken: { capacity: 10, refillPerSecond: 1 / 6 },
  /**
   * Socket.IO events per socket (every event, before any handler runs). Per socket, not per
   * address: customers behind a carrier's NAT share addresses by the thousand, and guessing
   * tokens is limited per address by trackingMissesPerIp anyway.
   */
  socketEventsPerSocket: { capacity: 60, refillPerSecond: 5 },
  /**
   * Events refused for the budget above, per socket: a page that bursts is told (a
   * `rate_limited` ack) a few times; a client that keeps sending is disconnected, so refusals
   * cannot queue acks without bound for a client that never reads them.
   */
  socketRefusalsPerSocket: { capacity: 10, refillPerSecond: 1 },
  /** Tracking page loads per address (the page reads the token too). */
  trackingPagesPerIp: { capacity: 120, refillPerSecond: 2 },
} as const satisfies Record<string, RateLimitPolicy>;

export type RateLimitName = keyof typeof RATE_LIMIT_POLICIES;

export class RateLimits {
  private readonly limiters = new Map<RateLimitName, RateLimiter>();

  constructor(readonly trustProxyHops = 0) {
    for (const [name, policy] of Object.entries(RATE_LIMIT_POLICIES)) this.limiters.set(name as RateLimitName, new RateLimiter(policy));
  }

  ipOf(req: Pick<IncomingMessage, "headers" | "socket">): string {
    return clientIp(req, this.trustProxyHops);
  }

  /** Takes a token; a 429 error when there is none (null: go ahead). */
  take(name: RateLimitName, key: string): ApiError | null {
    return refusal(name, this.limiter(name).take(key, Date.now()));
  }

  /** For limits on failures: a 429 error while the bucket is empty, without taking (null: go ahead). */
  check(name: RateLimitName, key: string): ApiError | null {
    return refusal(name, this.limiter(name).peek(key, Date.now()));
  }

  /** `take`, throwing the 429. */
  enforce(name: RateLimitName, key: string): void {
    const error = this.take(name, key);
    if (error) throw error;
  }

  /** `check`, throwing the 429. */
  enforceNotLocked(name: RateLimitName, key: string): void {
    const error = this.check(name, key);
    if (error) throw error;
  }

  /**
   * Runs an attempt that may fail (an unknown token, a wrong tracker id) against `key`'s budget
   * of failures. The token is taken BEFORE the await, so concurrent attempts cannot all pass a
   * check made while none of them had failed yet; it is given back when the attempt did not fail.
   * With the budget spent, an attempt whose credential is too long to guess still runs
   * (`mayTryWhileLocked`): a valid one must not be refused because someone behind the same
   * address guessed, and a failed one is answered with the 429, so guessing learns nothing.
   */
  async spendOnFailure<T>(name: RateLimitName, key: string, attempt: () => Promise<T>, options: { isFailure(error: unknown): boolean; mayTryWhileLocked?: boolean }): Promise<T> {
    const refused = this.take(name, key);
    if (refused && !options.mayTryWhileLocked) throw refused;
    let isFailed = false;
    try {
      return await attempt();
    } catch (error) {
      isFailed = options.isFailure(error);
      throw isFailed && refused ? refused : error;
    } finally {
      if (!refused && !isFailed) this.refund(name, key);
    }
  }

  /** Gives back a token taken for an attempt that did not count. */
  refund(name: RateLimitName, key: string): void {
    this.limiter(name).refund(key, Date.now());
  }

  /** Drops `key`'s bucket (a closed socket's): nothing counted against it can matter again. */
  forget(name: RateLimitName, key: string): void {
    this.limiter(name).forget(key);
  }

  /** How many keys `name` holds buckets for. */
  keysHeld(name: RateLimitName): number {
    return this.limiter(name).size;
  }

  /** Counts a failure (a miss, a wrong token) against `key`. */
  recordFailure(name: RateLimitName, key: string): void {
    this.limiter(name).take(key, Date.now());
  }

  private limiter(name: RateLimitName): RateLimiter {
    const limiter = this.limiters.get(name);
    if (!limiter) throw new Error(`no rate limit ${name}`);
    return limiter;
  }
}

export function tooManyRequests(retryAfterMs: number, what = "too many requests"): ApiError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new ApiError(429, "rate_limited", `${what}; try again in ${seconds} s`, { "Retry-After": String(seconds) });
}

function refusal(name: RateLimitName, decision: RateDecision): ApiError | null {
  return decision.isAllowed ? null : tooManyRequests(decision.retryAfterMs, `too many requests (${name})`);
}
