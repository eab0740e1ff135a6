/**
 * Checks every Socket.IO connection and event before the relay's handlers see them (so the relay
 * itself stays about rooms): sockets per address are capped, events per socket are rate limited
 * (a socket that keeps sending past its budget is disconnected), payloads with NUL characters or
 * lone surrogates are refused, and `order:watch` misses (unknown tracking tokens) count against
 * the address like the API's, locking it out with `rate_limited` acks.
 */
import { EVENTS, type TAckError } from "../../../lib/realtime/events";
import type { RateLimits } from "../../platform/http/rate-limits";
import { isUnsafeText } from "../../platform/http/text-hygiene";
import { forgetUpgradeRequest } from "../../platform/patches/engine-io-upgrade-request";
import type { RelayServer } from "./relay-server";
import { MAX_SOCKETS_PER_IP } from "./socket-limits";

type Ack = (reply: unknown) => void;

/** Deeper than any event's payload nests (they are flat objects). */
const MAX_PAYLOAD_DEPTH = 4;

function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  if (!value || typeof value !== "object") return false;
  if (maxDepth === 0) return true;
  return (Array.isArray(value) ? value : Object.values(value)).some((item) => nestsDeeperThan(item, maxDepth - 1));
}

/** Called on payloads no deeper than MAX_PAYLOAD_DEPTH. */
function containsUnsafeText(value: unknown): boolean {
  if (typeof value === "string") return isUnsafeText(value);
  if (Array.isArray(value)) return value.some((item) => containsUnsafeText(item));
  if (value && typeof value === "object") return Object.entries(value).some(([key, item]) => isUnsafeText(key) || containsUnsafeText(item));
  return false;
}

export function installSocketGuard(io: RelayServer, rateLimits: RateLimits): void {
  // One handler for every socket (the socket is `this`): a closure per socket costs heap.
  function forgetEventBucket(this: { id: string }) {
    rateLimits.forget("socketEventsPerSocket", this.id);
    rateLimits.forget("socketRefusalsPerSocket", this.id);
  }
  /** Open sockets per address; an address leaves with its last socket (bound: open sockets). */
  const socketsPerIp = new Map<string, number>();
  io.use((socket, next) => {
    const ip = rateLimits.ipOf(socket.request);
    const open = socketsPerIp.get(ip) ?? 0;
    if (open >= MAX_SOCKETS_PER_IP) return next(new Error(`too many connections from this address (at most ${MAX_SOCKETS_PER_IP})`));
    // Counted here, synchronously, so simultaneous handshakes cannot all pass the check; released
    // with the transport, which closes whether or not the socket ever connected.
    socketsPerIp.set(ip, open + 1);
    socket.conn.once("close", () => {
      const left = (socketsPerIp.get(ip) ?? 1) - 1;
      if (left > 0) socketsPerIp.set(ip, left);
      else socketsPerIp.delete(ip);
    });
    next();
  });
  io.on("connection", (socket) => {
    socket.on("disconnect", forgetEventBucket);
    const ip = rateLimits.ipOf(socket.request);
    forgetUpgradeRequest(socket);
    socket.use((packet, next) => {
      const last = packet[packet.length - 1];
      const ack: Ack | null = typeof last === "function" ? (last as Ack) : null;
      const refuse = (error: TAckError["error"]) => {
        ack?.({ error });
      };
      const limited = rateLimits.take("socketEventsPerSocket", socket.id);
      if (limited) {
        if (rateLimits.take("socketRefusalsPerSocket", socket.id)) return void socket.disconnect(true);
        return refuse({ code: "rate_limited", message: limited.message });
      }
      const payload = packet.slice(1, ack ? -1 : undefined);
      if (nestsDeeperThan(payload, MAX_PAYLOAD_DEPTH)) return refuse({ code: "invalid_request", message: `the payload nests deeper than ${MAX_PAYLOAD_DEPTH - 1} levels` });
      if (containsUnsafeText(payload)) return refuse({ code: "invalid_text", message: "the payload contains a NUL character or an unpaired surrogate" });
      if (packet[0] === EVENTS.orderWatch && ack) {
        // A miss is reserved before the lookup, as on the API (RateLimits.spendOnFailure): a burst
        // of watches cannot slip past the limit, and a locked-out address still reaches a real order.
        const locked = rateLimits.take("trackingMissesPerIp", ip);
        packet[packet.length - 1] = (reply: unknown) => {
          const isMiss = (reply as TAckError | null)?.error?.code === "not_found";
          if (!locked && !isMiss) rateLimits.refund("trackingMissesPerIp", ip);
          ack(isMiss && locked ? { error: { code: "rate_limited", message: locked.message } } : reply);
        };
      }
      next();
    });
  });
}
