/**
 * Wrong bearer tokens (admin or driver) counted per address, in a way that holds under
 * concurrency and does not lock out the good ones:
 * - a request with a bearer token takes a token from the address's failure budget BEFORE it
 *   runs, so a burst of wrong tokens cannot all pass while none has been answered yet; the
 *   answer settles it: kept for a 401, given back otherwise;
 * - a wrong token counts against the address once: a phone retrying its revoked token must not
 *   lock out a whole depot behind one NAT, while guessing needs a new token each time;
 * - a token that recently passed (known good) is not held back by the address's lock-out: a
 *   driver behind the same NAT as someone guessing keeps working. Tokens are 256 bits, so the
 *   lock-out is about load and noise, not about guessing.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { ApiError } from "./api-error";
import type { RateLimits } from "./rate-limits";

/** Bound on each remembered set (wrong ip|token pairs, good tokens); the oldest go first. */
const MAX_REMEMBERED = 10_000;

const digest = (text: string) => createHash("sha256").update(text).digest("base64url");

function remember(set: Set<string>, key: string): void {
  set.delete(key);
  set.add(key);
  if (set.size > MAX_REMEMBERED) {
    const oldest = set.values().next().value;
    if (oldest !== undefined) set.delete(oldest);
  }
}

export class BearerGuard {
  /** `ip|sha256(authorization)` of wrong tokens already counted. Bound: MAX_REMEMBERED. */
  private readonly counted = new Set<string>();
  /** sha256(authorization) of tokens that got a success. Bound: MAX_REMEMBERED. */
  private readonly knownGood = new Set<string>();
  /** Requests holding a token of the failure budget until their answer settles it. */
  private readonly reserved = new WeakSet<IncomingMessage>();

  constructor(private readonly rateLimits: RateLimits) {}

  /** Before the request runs: null to go ahead, or the 429 to answer (its token is not checked). */
  admit(req: IncomingMessage): ApiError | null {
    const authorization = req.headers.authorization;
    if (!authorization || this.knownGood.has(digest(authorization))) return null;
    const refused = this.rateLimits.take("bearerFailuresPerIp", this.rateLimits.ipOf(req));
    if (refused) return refused;
    this.reserved.add(req);
    return null;
  }

  /** After the answer: a 401 keeps the reserved token (once per wrong token and address); anything else gives it back. */
  settle(req: IncomingMessage, status: number): void {
    const authorization = req.headers.authorization;
    if (!authorization) return;
    const ip = this.rateLimits.ipOf(req);
    const token = digest(authorization);
    const wasReserved = this.reserved.has(req);
    this.reserved.delete(req);
    if (status === 401) {
      this.knownGood.delete(token);
      const key = `${ip}|${token}`;
      if (this.counted.has(key)) {
        if (wasReserved) this.rateLimits.refund("bearerFailuresPerIp", ip);
      } else {
        remember(this.counted, key);
        if (!wasReserved) this.rateLimits.recordFailure("bearerFailuresPerIp", ip);
      }
      return;
    }
    // Only a success proves the token (a 400, 404 or 429 may come before it is even checked).
    if (status < 400) remember(this.knownGood, token);
    if (wasReserved) this.rateLimits.refund("bearerFailuresPerIp", ip);
  }
}
