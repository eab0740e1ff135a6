/**
 * Which push endpoints a customer's browser may give us. The server POSTs to it, so it is held to
 * what any outbound request on someone else's say-so is: https, a host, no credentials, and not
 * a loopback, private, link-local or reserved address (lib/domain/public-address.ts). A name is
 * resolved on the server (and checked again on the address connected to when sending). Pure: no
 * framework imports.
 */
import { isIpLiteral, isLocalHostName, isPublicAddress } from "./public-address";

/** `malformed`: not a push endpoint at all; `private`: a real URL, on an address we will not reach. */
export type PushEndpointProblem = { kind: "malformed" | "private"; message: string };

/** `allowPrivate`: the tests' loopback push service (http, 127.0.0.1) is let through. */
export function pushEndpointProblem(input: string, options: { allowPrivate: boolean }): PushEndpointProblem | null {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { kind: "malformed", message: "not an absolute URL" };
  }
  const protocols = options.allowPrivate ? ["https:", "http:"] : ["https:"];
  if (!protocols.includes(url.protocol)) return { kind: "malformed", message: `push services are reached over https, not ${url.protocol.replace(/:$/, "")}` };
  if (!url.hostname) return { kind: "malformed", message: "the URL has no host" };
  if (url.username || url.password) return { kind: "malformed", message: "credentials in the URL are not allowed" };
  if (options.allowPrivate) return null;
  const host = url.hostname;
  if (isLocalHostName(host) || (isIpLiteral(host) && !isPublicAddress(host))) {
    return { kind: "private", message: `the host ${host} is a loopback, private, link-local or reserved address` };
  }
  return null;
}
