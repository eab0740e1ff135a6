/**
 * Rate limiting for POST /api/admin/session around the pure SignInThrottle: keys from the
 * caller's IP and the email tried, a 429 with Retry-After while locked (the password is not even
 * checked then), failures counted only for wrong credentials. In memory, per process: with
 * several app instances behind a balancer each one counts on its own.
 */
import type { IncomingMessage } from "node:http";
import { SIGN_IN_POLICIES, SignInThrottle, type ThrottlePolicy } from "../../lib/domain/sign-in-throttle";
import type { TSignInRequest } from "../../lib/schemas/admin";
import { NotSignedIn, TooManySignInAttempts } from "../domain-errors";
import { clientIp } from "../http/client-ip";

export class SignInLimiter {
  private readonly throttle: SignInThrottle;

  constructor(
    /** TRUST_PROXY: see server/http/client-ip.ts. */
    private readonly trustProxyHops = 0,
    policies: { account: ThrottlePolicy; ip: ThrottlePolicy } = SIGN_IN_POLICIES,
  ) {
    this.throttle = new SignInThrottle(policies);
  }

  /** Runs `attempt` unless the caller is locked out; counts a NotSignedIn from it (a 401) as a failure. */
  async guard<T>(req: IncomingMessage, input: TSignInRequest, attempt: () => Promise<T>): Promise<T> {
    // The socket's address, or with TRUST_PROXY the client's as the trusted proxies report it.
    const ip = clientIp(req, this.trustProxyHops);
    const account = `${ip}|${"email" in input ? input.email : "admin-token"}`;
    const keys = { account, ip };
    const decision = this.throttle.check(keys, Date.now());
    if (!decision.isAllowed) {
      const seconds = Math.ceil(decision.retryAfterMs / 1000);
      throw new TooManySignInAttempts(seconds);
    }
    try {
      const result = await attempt();
      this.throttle.recordSuccess("account", account);
      return result;
    } catch (error) {
      if (error instanceof NotSignedIn) this.throttle.recordFailure(keys, Date.now());
      throw error;
    }
  }
}
