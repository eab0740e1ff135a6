/**
 * Where a webhook or a push endpoint may point: public unicast addresses only (the rule, with the
 * IPv6 forms that carry an IPv4 address, is lib/domain/public-address.ts). Loopback, private
 * (RFC 1918, ULA), carrier-grade NAT, link-local (169.254/16 holds the clouds' metadata
 * service), multicast, reserved and documentation ranges are refused, at registration and again
 * at delivery time, at the moment of connecting (a name's DNS answer can change after
 * registration). Unless WEBHOOK_ALLOW_PRIVATE=1, which a receiver on the same machine or network
 * needs (push: only the tests' loopback push service).
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { lookup as dnsLookupAll } from "node:dns/promises";
import type { LookupFunction } from "node:net";
import { isPublicAddress } from "../../../lib/domain/public-address";

// The rule itself is pure and shared (push endpoints are held to it too): lib/domain/public-address.ts.
export { isPublicAddress };

export class PrivateAddressError extends Error {
  readonly code = "EPRIVATEADDRESS";
  constructor(host: string, address: string) {
    super(`${host} resolves to ${address}, a loopback, private, link-local or reserved address`);
  }
}

/**
 * A `lookup` for http.request that refuses non-public answers: the check happens on the
 * address actually connected to, so a DNS answer that changed since registration is caught.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 0);
    const refused = addresses.find((entry) => !isPublicAddress(entry.address));
    if (refused || addresses.length === 0) return callback(new PrivateAddressError(hostname, refused?.address ?? "nothing"), "", 0);
    if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
    const first = addresses[0]!;
    callback(null, first.address, first.family);
  });
};

/**
 * Every address `host` resolves to now, within `timeoutMs` (registration checks: a typo or a
 * private address is caught when it is registered, not after ten retries). Throws the resolver's
 * error (`ENOTFOUND`, …) or a timeout.
 */
export async function resolveAllAddresses(host: string, timeoutMs: number): Promise<LookupAddress[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("lookup timed out")), timeoutMs);
  });
  try {
    return await Promise.race([dnsLookupAll(host.replace(/^\[(.*)\]$/, "$1"), { all: true }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
