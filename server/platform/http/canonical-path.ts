import { posix } from "node:path";

/**
 * A request's path as routers resolve it: without the query, percent-decoded, with `.`, `..`
 * and doubled slashes folded. Limits and log redaction key on this form, so `/./track/<token>`
 * or `/%74rack/<token>` is counted and redacted like `/track/<token>`.
 */
export function canonicalPath(url: string | undefined): string {
  const raw = (url ?? "/").split("?")[0] || "/";
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // Malformed percent-encoding: folded as it is (the request is refused with a 400 anyway).
  }
  return posix.normalize(decoded.startsWith("/") ? decoded : `/${decoded}`);
}
