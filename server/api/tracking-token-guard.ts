import type { IncomingMessage } from "node:http";
import { toApiError } from "../http/api-error";
import type { RateLimits } from "../http/rate-limits";

/**
 * Runs a tracking-token route. Tokens are unguessable; still, misses (a 404) are counted per
 * address and a locked-out address is refused first, so guessing stays hopeless.
 */
export async function guardTrackingToken<T>(rateLimits: RateLimits, req: IncomingMessage, run: () => Promise<T>): Promise<T> {
  const ip = rateLimits.ipOf(req);
  rateLimits.enforceNotLocked("trackingMissesPerIp", ip);
  try {
    return await run();
  } catch (error) {
    if (toApiError(error)?.status === 404) rateLimits.recordFailure("trackingMissesPerIp", ip);
    throw error;
  }
}
