"use client";
/**
 * Owns the browser's Socket.IO connection for one tracking page: components call its methods
 * and never touch the socket. It watches one order, re-watches after every reconnect (the server
 * forgets rooms on disconnect), drops views that are not newer than the one shown, and reports
 * the connection state, folding in the browser's own online/offline signal.
 */
import { io, type Socket } from "socket.io-client";
import type { TOrderView } from "../schemas/order-view";
import type { TTimelineEntry } from "../schemas/timeline";
import { OrderViewShape, TimelineEntryShape, TimelinePageShape } from "./answer-shapes";
import { EVENTS, SOCKET_PATH } from "./event-names";
import type { ClientToServerEvents, ServerToClientEvents } from "./events";

export type TConnectionState = "connecting" | "live" | "reconnecting" | "offline";

export interface TConnectionStatus {
  state: TConnectionState;
  /** Browser time (ms) of the last answer from the server about this order; null before the first. */
  lastUpdateAt: number | null;
}

export interface TrackingClientHandlers {
  /** A valid view newer than any before it. */
  onView(view: TOrderView): void;
  /** Timeline entries, from a resume or a live push; may repeat ones already seen (merge by seq). */
  onEntries(entries: TTimelineEntry[]): void;
  onStatus(status: TConnectionStatus): void;
  /** The server no longer knows the token (revoked, or never existed). */
  onNotFound(): void;
}

/** How long the server may take to answer a watch before we ask again. */
const WATCH_TIMEOUT_MS = 10_000;
/** Delay before retrying a watch the server refused for another reason than not_found. */
const WATCH_RETRY_MS = 5_000;

type TrackingSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export class TrackingClient {
  private readonly socket: TrackingSocket;
  private token: string | null = null;
  private shownVersion: number;
  private orderId: string | null = null;
  private status: TConnectionStatus;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private isDisposed = false;
  /** Every timeline entry up to here has been received: a reconnect asks for what came after. */
  private resumeSeq: number;
  /** This connection has caught up (history answered), so live entries extend `resumeSeq`. */
  private isCaughtUp = false;

  constructor(
    private readonly handlers: TrackingClientHandlers,
    options: { url?: string; shownVersion?: number; resumeAfterSeq?: number } = {},
  ) {
    this.shownVersion = options.shownVersion ?? Number.NEGATIVE_INFINITY;
    this.resumeSeq = options.resumeAfterSeq ?? 0;
    this.status = { state: navigator.onLine ? "connecting" : "offline", lastUpdateAt: null };
    // Same origin unless told otherwise; connect only once watch() has something to ask for.
    const socketOptions = { path: SOCKET_PATH, autoConnect: false };
    this.socket = options.url ? io(options.url, socketOptions) : io(socketOptions);

    this.socket.on("connect", this.onConnect);
    this.socket.on("disconnect", this.onDisconnect);
    this.socket.on("connect_error", this.onConnectError);
    this.socket.on(EVENTS.orderView, this.onPushedView);
    this.socket.on(EVENTS.orderEntry, this.onPushedEntry);
    window.addEventListener("online", this.onBrowserOnline);
    window.addEventListener("offline", this.onBrowserOffline);
  }

  /** Start following the order behind `token`; the current view arrives through onView. */
  watch(token: string): void {
    if (this.isDisposed) return;
    if (this.token !== null && this.token !== token && this.socket.connected) {
      this.socket.emit(EVENTS.orderUnwatch, { token: this.token });
    }
    this.token = token;
    this.orderId = null;
    if (this.socket.connected) void this.sendWatch();
    else this.socket.connect();
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.clearRetry();
    window.removeEventListener("online", this.onBrowserOnline);
    window.removeEventListener("offline", this.onBrowserOffline);
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  private readonly onConnect = (): void => {
    void this.sendWatch();
  };

  private readonly onDisconnect = (reason: Socket.DisconnectReason): void => {
    if (this.isDisposed) return;
    this.clearRetry();
    this.isCaughtUp = false;
    this.setState(navigator.onLine ? "reconnecting" : "offline");
    // Socket.IO does not retry on its own after a server-side disconnect.
    if (reason === "io server disconnect") this.socket.connect();
  };

  private readonly onConnectError = (): void => {
    this.setState(navigator.onLine ? "reconnecting" : "offline");
  };

  private readonly onBrowserOffline = (): void => {
    // Pushes may be lost from here on: the next answer resumes from what was surely received.
    this.isCaughtUp = false;
    this.setState("offline");
  };

  private readonly onBrowserOnline = (): void => {
    if (this.socket.connected) {
      // The socket may have survived a short outage while pushes were lost: ask for the current view.
      void this.sendWatch();
    } else {
      this.setState("reconnecting");
      // Skip whatever back-off delay is pending: the network is back now.
      this.socket.connect();
    }
  };

  private readonly onPushedView = (payload: unknown): void => {
    const parsed = OrderViewShape.safeParse(payload);
    if (!parsed.success) return;
    if (this.orderId !== null && parsed.data.orderId !== this.orderId) return;
    this.markFresh();
    this.acceptView(parsed.data);
  };

  private readonly onPushedEntry = (payload: unknown): void => {
    const parsed = TimelineEntryShape.safeParse(payload);
    if (!parsed.success || this.orderId === null) return;
    // Pushes arrive in stream order once caught up, so everything up to this one is here.
    if (this.isCaughtUp) this.resumeSeq = Math.max(this.resumeSeq, parsed.data.seq);
    this.markFresh();
    this.handlers.onEntries([parsed.data]);
  };

  /** Asks for the entries missed since `resumeSeq` (the whole timeline on a fresh page without one). */
  private async sendHistory(): Promise<void> {
    const token = this.token;
    if (token === null || this.isDisposed) return;
    let answer: unknown;
    try {
      answer = await this.socket.timeout(WATCH_TIMEOUT_MS).emitWithAck(EVENTS.orderHistory, { token, afterSeq: this.resumeSeq });
    } catch {
      if (this.socket.connected && token === this.token) this.scheduleRetry(0);
      return;
    }
    if (this.isDisposed || token !== this.token) return;
    const data = typeof answer === "object" && answer !== null && "data" in answer ? answer.data : undefined;
    const parsed = TimelinePageShape.safeParse(data);
    if (!parsed.success) return this.scheduleRetry(WATCH_RETRY_MS);
    this.resumeSeq = Math.max(this.resumeSeq, parsed.data.lastSeq);
    this.isCaughtUp = true;
    this.markFresh();
    if (parsed.data.entries.length) this.handlers.onEntries(parsed.data.entries);
    if (navigator.onLine && this.socket.connected) this.setState("live");
  }

  private async sendWatch(): Promise<void> {
    const token = this.token;
    if (token === null || this.isDisposed) return;
    this.clearRetry();
    let answer: unknown;
    try {
      answer = await this.socket.timeout(WATCH_TIMEOUT_MS).emitWithAck(EVENTS.orderWatch, { token });
    } catch {
      // No answer in time: ask again if the socket is still up; a reconnect re-watches anyway.
      if (this.socket.connected && token === this.token) this.scheduleRetry(0);
      return;
    }
    if (this.isDisposed || token !== this.token) return;
    this.onWatchAnswer(answer);
  }

  private onWatchAnswer(answer: unknown): void {
    if (typeof answer !== "object" || answer === null) return this.scheduleRetry(WATCH_RETRY_MS);
    if ("error" in answer) {
      const error = answer.error as { code?: unknown } | null;
      if (error?.code === "not_found") return this.handlers.onNotFound();
      return this.scheduleRetry(WATCH_RETRY_MS);
    }
    const parsed = OrderViewShape.safeParse("data" in answer ? answer.data : undefined);
    if (!parsed.success) return this.scheduleRetry(WATCH_RETRY_MS);
    this.orderId = parsed.data.orderId;
    this.markFresh();
    this.acceptView(parsed.data);
    // "Live" once the missed timeline entries are in too.
    void this.sendHistory();
  }

  private acceptView(view: TOrderView): void {
    if (view.version <= this.shownVersion) return;
    this.shownVersion = view.version;
    this.handlers.onView(view);
  }

  private markFresh(): void {
    this.status = { ...this.status, lastUpdateAt: Date.now() };
    this.handlers.onStatus(this.status);
  }

  private setState(state: TConnectionState): void {
    if (this.isDisposed || this.status.state === state) return;
    this.status = { ...this.status, state };
    this.handlers.onStatus(this.status);
  }

  private scheduleRetry(delayMs: number): void {
    this.clearRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.socket.connected) void this.sendWatch();
    }, delayMs);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
