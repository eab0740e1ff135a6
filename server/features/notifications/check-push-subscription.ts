/**
 * What a push opt-in must hold before it is stored, so no subscription can poison an order's
 * notifications or point our requests at the inside of the network:
 * - `keys.p256dh` decodes (base64url) to an uncompressed P-256 public point (65 bytes, 0x04,
 *   on the curve: the ECDH web-push runs with it would otherwise throw at every send);
 * - `keys.auth` decodes to the 16-byte auth secret;
 * - `endpoint` is https on a public address: IP literals and localhost names by the shared rule
 *   (lib/domain/push-endpoint.ts, lib/domain/public-address.ts), names by resolving them now
 *   (the push sender checks the address it connects to again).
 * `allowPrivate` (SubscriptionPolicy.allowPrivatePushEndpoints, tests only) skips the address
 * checks for the tests' loopback push service; the keys are checked always.
 */
import { createECDH } from "node:crypto";
import { pushEndpointProblem } from "../../../lib/domain/push-endpoint";
import type { TPushSubscriptionRequest } from "../../../lib/schemas/notifications";
import { InvalidInput, Refused } from "../../platform/domain-errors";
import { isPublicAddress, resolveAllAddresses } from "../webhooks/webhook-address-policy";

/** An endpoint that is a URL, but on an address the server will not send to (422). */
export class PushEndpointRefused extends Refused {
  constructor(message: string) {
    super("push_endpoint_refused", `subscription.endpoint: ${message}`);
  }
}

const LOOKUP_TIMEOUT_MS = 3_000;
const P256_POINT_BYTES = 65;
const AUTH_SECRET_BYTES = 16;

/** A key pair of our own, only to run ECDH against a candidate public key: OpenSSL checks the point is on the curve. */
const probe = createECDH("prime256v1");
probe.generateKeys();

function isP256PublicPoint(key: Buffer): boolean {
  if (key.length !== P256_POINT_BYTES || key[0] !== 0x04) return false;
  try {
    probe.computeSecret(key);
    return true;
  } catch {
    return false;
  }
}

function assertKeys(keys: TPushSubscriptionRequest["subscription"]["keys"]): void {
  if (!isP256PublicPoint(Buffer.from(keys.p256dh, "base64url"))) {
    throw new InvalidInput("invalid_push_key", "subscription.keys.p256dh: not an uncompressed P-256 public key (65 bytes, 0x04, a point on the curve)");
  }
  const auth = Buffer.from(keys.auth, "base64url");
  if (auth.length !== AUTH_SECRET_BYTES) throw new InvalidInput("invalid_push_key", `subscription.keys.auth: the auth secret is 16 bytes, not ${auth.length}`);
}

async function assertPublicEndpoint(endpoint: string, allowPrivate: boolean): Promise<void> {
  const problem = pushEndpointProblem(endpoint, { allowPrivate });
  if (problem?.kind === "malformed") throw new InvalidInput("invalid_push_endpoint", `subscription.endpoint: ${problem.message}`);
  if (problem) throw new PushEndpointRefused(problem.message);
  if (allowPrivate) return;
  const host = new URL(endpoint).hostname;
  let addresses: { address: string }[];
  try {
    addresses = await resolveAllAddresses(host, LOOKUP_TIMEOUT_MS);
  } catch (error) {
    throw new PushEndpointRefused(`the host ${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const refused = addresses.find((entry) => !isPublicAddress(entry.address));
  if (refused || addresses.length === 0) throw new PushEndpointRefused(`the host ${host} is ${refused?.address ?? "nothing"}, a loopback, private, link-local or reserved address`);
}

export async function assertUsablePushSubscription(subscription: TPushSubscriptionRequest["subscription"], allowPrivate: boolean): Promise<void> {
  assertKeys(subscription.keys);
  await assertPublicEndpoint(subscription.endpoint, allowPrivate);
}
