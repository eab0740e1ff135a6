/**
 * Rate limiting for POST /api/admin/session around the pure SignInThrottle. Keys: the account
 * (the email) wherever the attempt comes from, and the caller's IP; or, for
 * a browser holding a device cookie of that account, the device alone. An attempt is counted
 * from before its password check (concurrent guesses cannot all pass), a 429 with Retry-After
 * while locked (the password is not even checked then), failures counted only for wrong
 * credentials. In memory, per process: with several app instances each one counts on its own.
 */
import type { IncomingMessage } from "node:http";
import { SIGN_IN_POLICIES, SignInThrottle, type ThrottlePolicy } from "../../../lib/domain/sign-in-throttle";
import type { TSignInRequest } from "../../../lib/schemas/admin";
import { NotSignedIn, TooManySignInAttempts } from "../../platform/domain-errors";
import { deviceCookie, deviceOf } from "./device-cookie";

export class SignInLimiter {
  private readonly throttle: SignInThrottle;

  constructor(
    private readonly adminToken: string,
    policies: Record<"account" | "ip" | "device", ThrottlePolicy> = SIGN_IN_POLICIES,
  ) {
    this.throttle = new SignInThrottle(policies);
  }

  /**
   * Runs `attempt` unless the caller is locked out; counts a NotSignedIn from it (a 401) as a
   * failure. On success, also the device cookie to set. `ip` is the caller's address as the edge
   * reads it (the socket's, or with TRUST_PROXY the client's as the trusted proxies report it).
   */
  async guard<T>(req: IncomingMessage, ip: string, input: TSignInRequest, attempt: () => Promise<T>): Promise<{ result: T; deviceCookie: string }> {
    const account = "email" in input ? `email:${input.email.trim().toLowerCase()}` : "admin-token";
    const device = deviceOf(req, this.adminToken, account);
    // ADMIN_TOKEN is at least 32 random characters: guessing it is hopeless, so it has no
    // account lock-out that anyone could trip to keep the operator out; its address still counts.
    const keys: Record<string, string> = device ? { device: `${account}|${device}` } : account === "admin-token" ? { ip } : { account, ip };
    const decision = this.throttle.begin(keys, Date.now());
    if (!decision.isAllowed) throw new TooManySignInAttempts(Math.ceil(decision.retryAfterMs / 1000));
    try {
      const result = await attempt();
      this.throttle.end(keys, Date.now(), { kind: "success", clears: device ? "device" : "account" });
      return { result, deviceCookie: deviceCookie(req, this.adminToken, account, device) };
    } catch (error) {
      // Anything but wrong credentials (the database away) is not a guess.
      this.throttle.end(keys, Date.now(), error instanceof NotSignedIn ? { kind: "failure" } : { kind: "neither" });
      throw error;
    }
  }
}
