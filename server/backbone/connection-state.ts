/**
 * Whether a NATS connection is up now, from its status events: while it is down a publish can
 * only wait for its timeout, so ingest answers 503 at once instead (a client retries sooner and
 * no request piles up on a server waiting for NATS). The client buffers nothing we rely on:
 * a fix refused here is sent again by the device.
 */
import type { NatsConnection } from "@nats-io/transport-node";

/** Bound: one entry per connection (weakly held). */
const states = new WeakMap<NatsConnection, { isConnected: boolean }>();

/** Starts following `nc`'s status (idempotent). */
export function followConnection(nc: NatsConnection): void {
  if (states.has(nc)) return;
  const state = { isConnected: true };
  states.set(nc, state);
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === "disconnect") state.isConnected = false;
      else if (status.type === "reconnect") state.isConnected = true;
    }
  })().catch(() => undefined);
}

/** False while the connection is known to be down or closed; true when not followed. */
export function isConnected(nc: NatsConnection): boolean {
  return !nc.isClosed() && (states.get(nc)?.isConnected ?? true);
}
