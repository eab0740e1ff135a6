/**
 * The caller's address for rate limits. With `trustProxyHops` = 0 (TRUST_PROXY unset) it is the
 * socket's peer: X-Forwarded-For is then the client's to write and is ignored. With N trusted
 * proxies in front, each appends the address it saw, so the client is the Nth entry from the
 * right of [...X-Forwarded-For, peer]; anything further left was written by the client itself.
 */
import type { IncomingMessage } from "node:http";

export function clientIp(req: Pick<IncomingMessage, "headers" | "socket">, trustProxyHops: number): string {
  const peer = req.socket.remoteAddress ?? "unknown";
  if (trustProxyHops <= 0) return peer;
  const header = req.headers["x-forwarded-for"];
  const forwarded = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  return chain[Math.max(0, chain.length - 1 - trustProxyHops)] ?? peer;
}
