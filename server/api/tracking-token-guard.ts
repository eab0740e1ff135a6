import type { IncomingMessage } from "node:http";
import { toApiError } from "../http/api-error";
import type { RateLimits } from "../http/rate-limits";

/**
 * Runs a tracking-token route. Tokens are unguessable (256 bits); still, misses (a 404) count
 * against the address, reserved before the lookup so a burst cannot slip past the limit. A
 * locked-out address still reaches a real order (customers behind a carrier's NAT share it with
 * whoever guessed); its misses get the 429.
 */
export async function guardTrackingToken<T>(rateLimits: RateLimits, req: IncomingMessage, run: () => Promise<T>): Promise<T> {
  return rateLimits.spendOnFailure("trackingMissesPerIp", rateLimits.ipOf(req), run, {
    isFailure: (error) => toApiError(error)?.status === 404,
    mayTryWhileLocked: true,
  });
}
