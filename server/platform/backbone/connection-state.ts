/**
 * Whether a NATS connection is up now, from its status events: while it is down a publish can
 * only wait for its timeout, so ingest answers 503 at once instead (a client retries sooner and
 * no request piles up on a server waiting for NATS). The client buffers nothing we rely on:
 * a fix refused here is sent again by the device. Also the one reader of a connection's status
 * events that everything else listening to them (a reconnect, a disconnect) shares.
 */
import type { NatsConnection } from "@nats-io/transport-node";

type StatusListener = (type: string) => void;

/** One reading of each connection's status events, shared by every listener (weakly held). */
const listeners = new WeakMap<NatsConnection, Set<StatusListener>>();

/**
 * Calls `listener` with the type of each status event of `nc` (`disconnect`, `reconnect`, …)
 * until the returned function is called.
 */
export function onConnectionStatus(nc: Pick<NatsConnection, "status">, listener: StatusListener): () => void {
  const key = nc as NatsConnection;
  let set = listeners.get(key);
  if (!set) {
    const created = new Set<StatusListener>();
    listeners.set(key, created);
    void (async () => {
      for await (const status of nc.status()) for (const each of [...created]) each(status.type);
    })().catch(() => undefined);
    set = created;
  }
  set.add(listener);
  const registered = set;
  return () => {
    registered.delete(listener);
  };
}

/** Bound: one entry per connection (weakly held). */
const states = new WeakMap<NatsConnection, { isConnected: boolean }>();

/** Starts following `nc`'s status (idempotent). */
export function followConnection(nc: NatsConnection): void {
  if (states.has(nc)) return;
  const state = { isConnected: true };
  states.set(nc, state);
  onConnectionStatus(nc, (type) => {
    if (type === "disconnect") state.isConnected = false;
    else if (type === "reconnect") state.isConnected = true;
  });
}

/** False while the connection is known to be down or closed; true when not followed. */
export function isConnected(nc: NatsConnection): boolean {
  return !nc.isClosed() && (states.get(nc)?.isConnected ?? true);
}
