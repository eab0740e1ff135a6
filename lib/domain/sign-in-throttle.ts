/**
 * Sign-in brute-force protection: failures are counted per key (the caller uses the account and
 * the IP, or a device that signed in before); at the limit the key is locked for a short time
 * that doubles with each lock in a row. Attempts still being checked count too (`begin` ...
 * `end`): a password check takes an await, and sixty simultaneous guesses must not all pass a
 * limit of five that none of them has reached yet. Pure: time is passed in, state is a bounded
 * in-memory map.
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
  /** Attempts begun and not yet ended. */
  inFlight: number;
}

/** Memory bound: the oldest-touched keys are forgotten first (a flood of fresh keys only forgets). */
const MAX_KEYS = 50_000;
/** Refused because attempts under way may reach the limit: they end within a second. */
const IN_FLIGHT_RETRY_MS = 1_000;

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

  /**
   * Starts an attempt: refused while a key is locked, or while the attempts already under way
   * could reach its limit; otherwise counted as under way until `end`.
   */
  begin(keys: Readonly<Record<string, string>>, now: number): ThrottleDecision {
    const locked = this.check(keys, now);
    if (!locked.isAllowed) return locked;
    for (const [kind, key] of Object.entries(keys)) {
      const policy = this.policies[kind];
      const state = this.keys.get(`${kind}:${key}`);
      if (!policy || !state) continue;
      const recentFailures = state.failures.filter((at) => now - at < policy.windowMs).length;
      if (recentFailures + state.inFlight >= policy.maxFailures) return { isAllowed: false, retryAfterMs: IN_FLIGHT_RETRY_MS };
    }
    for (const [kind, key] of Object.entries(keys)) {
      const id = `${kind}:${key}`;
      const state = this.keys.get(id) ?? { failures: [], lockedUntil: 0, locks: 0, lastSeen: now, inFlight: 0 };
      state.inFlight++;
      this.touch(id, state);
    }
    return { isAllowed: true };
  }

  /**
   * Ends an attempt `begin` allowed: a failure counts against every key; a success clears the
   * key of the kind it names; `neither` (the check could not run) only frees its place.
   */
  end(keys: Readonly<Record<string, string>>, now: number, outcome: { kind: "failure" } | { kind: "success"; clears: string } | { kind: "neither" }): void {
    for (const [kind, key] of Object.entries(keys)) {
      const state = this.keys.get(`${kind}:${key}`);
      if (state) state.inFlight = Math.max(0, state.inFlight - 1);
    }
    if (outcome.kind === "failure") this.recordFailure(keys, now);
    const cleared = outcome.kind === "success" ? keys[outcome.clears] : undefined;
    if (outcome.kind === "success" && cleared !== undefined) this.recordSuccess(outcome.clears, cleared);
  }

  recordFailure(keys: Readonly<Record<string, string>>, now: number): void {
    for (const [kind, key] of Object.entries(keys)) {
      const policy = this.policies[kind];
      if (!policy) continue;
      const id = `${kind}:${key}`;
      const state = this.keys.get(id) ?? { failures: [], lockedUntil: 0, locks: 0, lastSeen: now, inFlight: 0 };
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
    const id = `${kind}:${key}`;
    const state = this.keys.get(id);
    if (!state || state.inFlight === 0) this.keys.delete(id);
    else Object.assign(state, { failures: [], lockedUntil: 0, locks: 0 });
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

/**
 * Defaults: 5 wrong passwords for one account from anywhere, 30 from one IP, in 15 minutes. A
 * browser that signed in to the account before (a device cookie) is counted on its own instead,
 * 5 wrong passwords for it: an attacker locking the account or sharing the address does not
 * lock out the people who use it.
 */
export const SIGN_IN_POLICIES = {
  account: { maxFailures: 5, windowMs: 15 * 60_000, lockoutMs: 60_000, maxLockoutMs: 15 * 60_000 },
  ip: { maxFailures: 30, windowMs: 15 * 60_000, lockoutMs: 5 * 60_000, maxLockoutMs: 60 * 60_000 },
  device: { maxFailures: 5, windowMs: 15 * 60_000, lockoutMs: 60_000, maxLockoutMs: 15 * 60_000 },
} as const satisfies Record<string, ThrottlePolicy>;
