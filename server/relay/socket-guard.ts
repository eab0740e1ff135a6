/**
 * Checks every Socket.IO event before the relay's handlers see it (a per-socket middleware, so
 * the relay itself stays about rooms): events per socket are rate limited, payloads with NUL
 * characters or lone surrogates are refused, and `order:watch` misses (unknown tracking tokens)
 * count against the address like the API's, locking it out with `rate_limited` acks.
 */
import { EVENTS, type TAckError } from "../../lib/realtime/events";
import type { RateLimits } from "../http/rate-limits";
import { isUnsafeText } from "../http/text-hygiene";
import { forgetUpgradeRequest } from "./forget-upgrade-request";
import type { RelayServer } from "./relay";

type Ack = (reply: unknown) => void;

function containsUnsafeText(value: unknown, depth = 0): boolean {
  if (depth > 32) return true;
  if (typeof value === "string") return isUnsafeText(value);
  if (Array.isArray(value)) return value.some((item) => containsUnsafeText(item, depth + 1));
  if (value && typeof value === "object") return Object.entries(value).some(([key, item]) => isUnsafeText(key) || containsUnsafeText(item, depth + 1));
  return false;
}

export function installSocketGuard(io: RelayServer, rateLimits: RateLimits): void {
  // One handler for every socket (the socket is `this`): a closure per socket costs heap.
  function forgetEventBucket(this: { id: string }) {
    rateLimits.forget("socketEventsPerSocket", this.id);
  }
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
      if (limited) return refuse({ code: "rate_limited", message: limited.message });
      if (containsUnsafeText(packet.slice(1, ack ? -1 : undefined))) return refuse({ code: "invalid_text", message: "the payload contains a NUL character or an unpaired surrogate" });
      if (packet[0] === EVENTS.orderWatch && ack) {
        const locked = rateLimits.check("trackingMissesPerIp", ip);
        if (locked) return refuse({ code: "rate_limited", message: locked.message });
        packet[packet.length - 1] = (reply: unknown) => {
          if ((reply as TAckError | null)?.error?.code === "not_found") rateLimits.recordFailure("trackingMissesPerIp", ip);
          ack(reply);
        };
      }
      next();
    });
  });
}
