/**
 * The admin fleet room: every driver's position for the dashboard map. A NATS subscription to
 * `drivers.*.*.location` (subjects.allDriverLocations) exists only while at least one signed-in admin watches; positions are
 * coalesced per driver (the newest wins) and flushed once a second, so a browser gets at most
 * one update per driver per second however often devices post. Watching needs a staff session
 * (the httpOnly cookie sent with the Socket.IO handshake) from our own origin.
 */
import type { Subscription } from "@nats-io/transport-node";
import { relayEmits } from "../../platform/observability/metrics";
import { can } from "../../../lib/domain/staff-permissions";
import { EVENTS, type ClientToServerEvents } from "../../../lib/realtime/events";
import type { TFleetPosition } from "../../../lib/schemas/admin";
import { ZLocationEvent } from "../../../lib/schemas/events";
import { isConnected, onConnectionStatus } from "../../platform/backbone/connection-state";
import { parseJsonOrNull } from "../../platform/backbone/parse-json";
import { subjects } from "../../platform/backbone/subjects";
import type { CoreDeps } from "../../deps";
import { getFleetSnapshot } from "../../features/dispatch/get-fleet-snapshot";
import { Forbidden, NotSignedIn } from "../../platform/domain-errors";
import { toAckError } from "../../platform/http/api-error";
import { isSameOrigin } from "../../features/staff/request-principal";
import { findSession, readCookie, SESSION_COOKIE } from "../../features/staff/sessions";
import { forgetIfDisconnected } from "./forget-if-disconnected";
import type { RelayServer, RelaySocket as Socket } from "./relay-server";
import { acceptFixes, createGpsFilterState, type GpsFilterState } from "../../../lib/domain/gps-filter";

type FleetWatchAck = Parameters<ClientToServerEvents[typeof EVENTS.fleetWatch]>[1];

export const FLEET_ROOM = "fleet";
export const FLEET_FLUSH_MS = 1000;
/**
 * How often every fleet watcher's session is read again: a sign-out, an account deletion, a
 * demotion or expiry (on any instance) cuts the socket within this time.
 */
export const FLEET_SESSION_RECHECK_MS = 2000;

export interface FleetRoomOptions {
  silentAfterMs?: number;
  /** The configured ADMIN_TOKEN: a session it did not open is over. Unset: only staff sessions count. */
  adminToken?: string;
}

export interface FleetRoom {
  isSubscribed(): boolean;
  close(): void;
}

export function startFleetRoom(io: RelayServer, deps: CoreDeps, log: (message: string, error?: unknown) => void, options: FleetRoomOptions): FleetRoom {
  const silentAfterMs = options.silentAfterMs ?? 5 * 60 * 1000;
  const adminToken = options.adminToken ?? "";
  let subscription: Subscription | null = null;
  let flushTimer: ReturnType<typeof setInterval> | null = null;
  const pending = new Map<string, TFleetPosition>();
  /** Per driver heard while a dispatcher watches; bound: the fleet's drivers, cleared when nobody watches. */
  const gpsFilters = new Map<string, GpsFilterState>();
  /** socket id → the session token it watches with; bounded by connected sockets (removed on leave and disconnect). */
  const watchers = new Map<string, { token: string; cut: () => void }>();
  let recheckTimer: ReturnType<typeof setInterval> | null = null;
  let isRechecking = false;

  const recheckSessions = async () => {
    if (isRechecking) return;
    isRechecking = true;
    try {
      for (const [socketId, watcher] of [...watchers]) {
        const session = await findSession(deps.prisma, watcher.token, adminToken).catch((error: unknown) => {
          log("fleet session re-check failed", error);
          return undefined;
        });
        if (session === undefined) continue;
        if (!session || !can(session.role, "view")) {
          watchers.delete(socketId);
          watcher.cut();
        }
      }
    } finally {
      isRechecking = false;
    }
  };

  const flush = () => {
    if (pending.size === 0) return;
    const batch = [...pending.values()];
    pending.clear();
    // Volatile: a slow browser skips a batch rather than queueing stale positions.
    io.to(FLEET_ROOM).volatile.emit(EVENTS.fleetPositions, batch);
    relayEmits.inc({ event: EVENTS.fleetPositions });
  };

  const start = () => {
    if (subscription) return;
    subscription = deps.nc.subscribe(subjects.allDriverLocations, {
      callback: (error, message) => {
        if (error) return log("fleet subscription failed", error);
        const parsed = ZLocationEvent.safeParse(parseJsonOrNull(message.string()));
        if (!parsed.success) return;
        const fix = parsed.data;
        // The tracker's own filter: a fix it would not show (a clock a day ahead, a jump, a
        // stale or inaccurate one) does not move the driver on dispatch's map either.
        let gps = gpsFilters.get(fix.driverId);
        if (!gps) gpsFilters.set(fix.driverId, (gps = createGpsFilterState()));
        if (acceptFixes(gps, [fix], fix.receivedAt).accepted.length === 0) return;
        const previous = pending.get(fix.driverId);
        // Devices may send out of order: keep the newest fix of the second.
        if (previous && previous.at > fix.at) return;
        pending.set(fix.driverId, { driverId: fix.driverId, lat: fix.lat, lng: fix.lng, speed: fix.speed, heading: fix.heading, at: fix.at });
      },
    });
    flushTimer = setInterval(flush, FLEET_FLUSH_MS);
    recheckTimer = setInterval(() => void recheckSessions(), FLEET_SESSION_RECHECK_MS);
  };

  const stop = () => {
    subscription?.unsubscribe();
    subscription = null;
    if (flushTimer) clearInterval(flushTimer);
    flushTimer = null;
    if (recheckTimer) clearInterval(recheckTimer);
    recheckTimer = null;
    pending.clear();
    gpsFilters.clear();
  };

  // Watchers hear when the backbone goes and comes back: positions stop meanwhile.
  const stopFollowingBackbone = onConnectionStatus(deps.nc, (type) => {
    if (type === "disconnect" || type === "reconnect") io.to(FLEET_ROOM).emit(EVENTS.fleetBackbone, { isUp: type === "reconnect" });
  });

  io.of("/").adapter.on("create-room", (room: string) => {
    if (room === FLEET_ROOM) start();
  });
  io.of("/").adapter.on("delete-room", (room: string) => {
    if (room === FLEET_ROOM) stop();
  });

  const watch = async (socket: Socket, ack: FleetWatchAck | undefined): Promise<void> => {
    const reply = typeof ack === "function" ? ack : () => undefined;
    try {
      const headers = socket.handshake.headers;
      // A page on another site could open a socket with our cookie: refuse foreign origins.
      if (!isSameOrigin(headers.origin, headers.host)) throw new Forbidden("cross-origin socket refused");
      const token = readCookie(headers.cookie, SESSION_COOKIE);
      const session = token ? await findSession(deps.prisma, token, adminToken) : null;
      // Left while the database answered: join nothing (a join now would outlive the socket).
      if (forgetIfDisconnected(socket)) return;
      if (!session) throw new NotSignedIn("sign in at /admin first");
      if (!can(session.role, "view")) throw new Forbidden("this role may not view the fleet");
      // Join first: a fix published while the snapshot loads still reaches this socket.
      await socket.join(FLEET_ROOM);
      if (forgetIfDisconnected(socket)) return;
      if (token) watchers.set(socket.id, { token, cut: () => socket.disconnect(true) });
      reply({ data: await getFleetSnapshot(deps, silentAfterMs) });
      if (!isConnected(deps.nc)) socket.emit(EVENTS.fleetBackbone, { isUp: false });
    } catch (error) {
      // Refusals (not signed in, forbidden) are the answer; anything else is a bug, logged.
      const expected = toAckError(error);
      if (!expected) log("fleet:watch failed", error);
      reply(expected ?? { error: { code: "internal", message: "could not load the fleet, try again" } });
    }
  };

  // Shared handlers (the socket is `this`): no closures per socket, which every tracking page's
  // socket would carry too. A watcher is forgotten when its socket leaves the room, by
  // `fleet:unwatch` or by disconnecting.
  function onFleetWatch(this: Socket, _payload: unknown, ack: FleetWatchAck | undefined) {
    return watch(this, ack);
  }
  async function onFleetUnwatch(this: Socket) {
    await this.leave(FLEET_ROOM);
  }
  io.of("/").adapter.on("leave-room", (room: string, socketId: string) => {
    if (room === FLEET_ROOM) watchers.delete(socketId);
  });
  io.on("connection", (socket) => {
    socket.on(EVENTS.fleetWatch, onFleetWatch);
    socket.on(EVENTS.fleetUnwatch, onFleetUnwatch);
  });

  return {
    isSubscribed: () => subscription !== null,
    close: () => {
      stopFollowingBackbone();
      stop();
    },
  };
}
