"use client";
/**
 * Owns the dashboard's Socket.IO connection to the admin fleet room: watches after every
 * (re)connect (the server forgets rooms on disconnect) and hands snapshots and position batches
 * to its handlers. Components never touch the socket.
 */
import { io, type Socket } from "socket.io-client";
import { EVENTS, SOCKET_PATH, type ClientToServerEvents, type ServerToClientEvents } from "../realtime/events";
import { getAdminMessages } from "../i18n/admin-messages";
import { currentLocale } from "./admin-api";
import { toStaffSentence } from "./staff-message";
import { ZFleetPosition, ZFleetSnapshot, type TFleetPosition, type TFleetSnapshot } from "../schemas/admin";

export interface FleetClientHandlers {
  onSnapshot(snapshot: TFleetSnapshot): void;
  onPositions(positions: TFleetPosition[]): void;
  onError(message: string): void;
  onConnection(isLive: boolean): void;
  /** The server lost (false) or regained (true) its event backbone: no positions meanwhile. */
  onBackbone(isUp: boolean): void;
}

type FleetSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export class FleetClient {
  private readonly socket: FleetSocket;
  private isDisposed = false;

  constructor(private readonly handlers: FleetClientHandlers) {
    this.socket = io({ path: SOCKET_PATH, withCredentials: true });
    this.socket.on("connect", this.onConnect);
    this.socket.on("disconnect", () => this.handlers.onConnection(false));
    this.socket.on(EVENTS.fleetPositions, this.onPositions);
    this.socket.on(EVENTS.fleetBackbone, (state) => this.handlers.onBackbone(state?.isUp !== false));
    // The browser knows at once when the network goes; the socket would notice only at its next ping.
    window.addEventListener("offline", this.onOffline);
    window.addEventListener("online", this.onOnline);
  }

  private readonly onOffline = (): void => {
    this.handlers.onConnection(false);
  };

  private readonly onOnline = (): void => {
    // Still connected (a short drop): ask again, which says live on answer; else the socket reconnects and watches.
    if (this.socket.connected) void this.watch();
  };

  /** Asks for a fresh snapshot (new drivers, stop counts) without dropping the live feed. */
  refresh(): void {
    if (this.socket.connected) void this.watch();
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    window.removeEventListener("offline", this.onOffline);
    window.removeEventListener("online", this.onOnline);
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  private readonly onConnect = (): void => {
    void this.watch();
  };

  private readonly onPositions = (payload: unknown): void => {
    if (!Array.isArray(payload)) return;
    const positions: TFleetPosition[] = [];
    for (const item of payload) {
      const parsed = ZFleetPosition.safeParse(item);
      if (parsed.success) positions.push(parsed.data);
    }
    if (positions.length) this.handlers.onPositions(positions);
  };

  private async watch(): Promise<void> {
    if (!navigator.onLine) return;
    let answer: unknown;
    try {
      answer = await this.socket.timeout(10_000).emitWithAck(EVENTS.fleetWatch, {});
    } catch {
      if (!this.isDisposed) this.handlers.onError(getAdminMessages(currentLocale()).live.didNotAnswer);
      return;
    }
    if (this.isDisposed) return;
    if (typeof answer === "object" && answer !== null && "error" in answer) {
      const error = answer.error as { message?: string; code?: string };
      return this.handlers.onError(toStaffSentence({ message: error.message ?? "", code: error.code }, currentLocale()));
    }
    const parsed = ZFleetSnapshot.safeParse((answer as { data?: unknown } | null)?.data);
    if (!parsed.success) return this.handlers.onError(getAdminMessages(currentLocale()).live.unreadable);
    this.handlers.onSnapshot(parsed.data);
    this.handlers.onConnection(true);
    this.handlers.onBackbone(true);
  }
}
