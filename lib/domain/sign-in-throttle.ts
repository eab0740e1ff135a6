/**
 * Sign-in brute-force protection: failures are counted per key (the caller uses IP+email, and
 * the IP alone for spraying many emails); at the limit the key is locked for a short time that
 * doubles with each lock in a row. Pure: time is passed in, state is a bounded in-memory map.
 */

export interface ThrottlePolicy {
  /** Failures allowed within `windowMs` before the key is locked. */
  maxFailures: number;
  windowMs: number;
  /** The first lock; each further lock in a row doubles it, up to `maxLockoutMs`. */
  lockoutMs: number;
  maxLockoutMs: number;
}

export type ThrottleDecision = { isAllowed: true } | { isAllowed: false; retryAfterMs: number };

interface KeyState {
  failures: number[];
  lockedUntil: number;
  /** Locks in a row without a success or a quiet window in between. */
  locks: number;
  lastSeen: number;
}

/** Memory bound: the oldest-touched keys are forgotten first (a flood of fresh keys only forgets). */
const MAX_KEYS = 50_000;

export class SignInThrottle {
  private readonly keys = new Map<string, KeyState>();

  constructor(private readonly policies: Readonly<Record<string, ThrottlePolicy>>) {}

  /** Whether an attempt may be checked now: refused while any of its keys is locked. */
  check(keys: Readonly<Record<string, string>>, now: number): ThrottleDecision {
    let retryAfterMs = 0;
    for (const [kind, key] of Object.entries(keys)) {
      const state = this.keys.get(`${kind}:${key}`);
      if (state && state.lockedUntil > now) retryAfterMs = Math.max(retryAfterMs, state.lockedUntil - now);
    }
    return retryAfterMs > 0 ? { isAllowed: false, retryAfterMs } : { isAllowed: true };
  }

  recordFailure(keys: Readonly<Record<string, string>>, now: number): void {
    for (const [kind, key] of Object.entries(keys)) {
      const policy = this.policies[kind];
      if (!policy) continue;
      const id = `${kind}:${key}`;
      const state = this.keys.get(id) ?? { failures: [], lockedUntil: 0, locks: 0, lastSeen: now };
      // A quiet window since the last failure or lock: start over.
      if (now - Math.max(state.lastSeen, state.lockedUntil) > policy.windowMs) state.locks = 0;
      state.failures = state.failures.filter((at) => now - at < policy.windowMs);
      state.failures.push(now);
      state.lastSeen = now;
      if (state.failures.length >= policy.maxFailures) {
        state.lockedUntil = now + Math.min(policy.lockoutMs * 2 ** state.locks, policy.maxLockoutMs);
        state.locks++;
        state.failures = [];
      }
      this.touch(id, state);
    }
  }

  /** A correct sign-in clears its own key (not the IP's: one good account must not unlock spraying). */
  recordSuccess(kind: string, key: string): void {
    this.keys.delete(`${kind}:${key}`);
  }

  private touch(id: string, state: KeyState): void {
    this.keys.delete(id);
    this.keys.set(id, state);
    while (this.keys.size > MAX_KEYS) {
      const oldest = this.keys.keys().next().value;
      if (oldest === undefined) break;
      this.keys.delete(oldest);
    }
  }
}

/** Defaults: 5 wrong passwords for one email from one IP, 30 from one IP in 15 minutes. */
export const SIGN_IN_POLICIES = {
  account: { maxFailures: 5, windowMs: 15 * 60_000, lockoutMs: 60_000, maxLockoutMs: 15 * 60_000 },
  ip: { maxFailures: 30, windowMs: 15 * 60_000, lockoutMs: 5 * 60_000, maxLockoutMs: 60 * 60_000 },
} as const satisfies Record<string, ThrottlePolicy>;
