/**
 * Owns the phone's outbox and sends it: fixes in batches, statuses one by one, strictly in
 * the order they were taken; after a failure it waits (Retry-After first, backoff otherwise)
 * and tries again, at once when the browser says it is back online. Components never call
 * fetch for writes: they call `recordFix` / `recordStatus` and render `snapshot()`.
 */
import type { PendingTap } from "../domain/driver-day";
import type { TDriverStatusRequest } from "../schemas/driver";
import { nextSend, Outbox } from "./outbox";
import { isServerAnswer, type ServerContact } from "./position-sharing";
import { outcomeOf, parseRetryAfter, retryDelayMs } from "./retry-policy";
import type { Reading } from "./sampling-policy";

const MAX_FIXES_PER_REQUEST = 200;

export interface SyncSnapshot {
  queued: number;
  isSending: boolean;
  /** ms epoch of the newest fix the server acknowledged, and its seq */
  lastSentAt: number | null;
  lastSentSeq: number | null;
  /** ms epoch of the next attempt after a failure */
  retryAt: number | null;
  /** A queued request the server refused for good (e.g. an order already finished elsewhere): its error code and sentence. */
  dropped: { code: string | null; message: string } | null;
  /** The status taps in the queue, oldest first: the stops keep showing them, across reloads too. */
  queuedTaps: PendingTap[];
  /** The server's last answer to a send (or its silence): whether it is reachable. */
  lastContact: ServerContact | null;
}

export interface DriverSyncOptions {
  token: string;
  driverId: string;
  /** The server's highest stored seq for this driver (GET /api/driver/me). */
  serverLastSeq: number | null;
  onChange(snapshot: SyncSnapshot): void;
  /** The token no longer works (revoked): the app signs out. */
  onSignedOut(): void;
  /** A queued status reached the server: accepted, or refused for good (with the error's code). */
  onStatusSent(orderId: string, status: TDriverStatusRequest["status"], refusal: { code: string | null } | null): void;
}

function seqKey(driverId: string): string {
  return `lastmile.driver.${driverId}.next-seq`;
}

export class DriverSync {
  private snapshotValue: SyncSnapshot = { queued: 0, isSending: false, lastSentAt: null, lastSentSeq: null, retryAt: null, dropped: null, queuedTaps: [], lastContact: null };
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private isDraining = false;
  private isClosed = false;
  private nextSeq: number;
  private readonly onOnline = () => this.kick();

  private constructor(
    private readonly outbox: Outbox,
    private readonly options: DriverSyncOptions,
  ) {
    // Continue above anything this phone or the server has seen: a seq at or below the
    // server's watermark would be taken for a resend and dropped.
    const stored = Number(localStorage.getItem(seqKey(options.driverId)) ?? "1");
    this.nextSeq = Math.max(Number.isFinite(stored) ? stored : 1, (options.serverLastSeq ?? 0) + 1);
    window.addEventListener("online", this.onOnline);
  }

  static async start(options: DriverSyncOptions): Promise<DriverSync> {
    const sync = new DriverSync(await Outbox.open(options.driverId), options);
    await sync.refreshCount();
    await sync.refreshTaps();
    sync.kick();
    return sync;
  }

  snapshot(): SyncSnapshot {
    return this.snapshotValue;
  }

  async recordFix(reading: Reading & { heading?: number }): Promise<void> {
    const seq = this.nextSeq++;
    localStorage.setItem(seqKey(this.options.driverId), String(this.nextSeq));
    const fix = {
      lat: reading.lat,
      lng: reading.lng,
      at: Math.round(reading.at),
      seq,
      ...(reading.accuracy !== undefined ? { accuracy: reading.accuracy } : {}),
      ...(reading.speed !== undefined && reading.speed >= 0 ? { speed: reading.speed } : {}),
      ...(reading.heading !== undefined && reading.heading >= 0 && reading.heading <= 360 ? { heading: reading.heading } : {}),
    };
    await this.outbox.add({ kind: "fix", fix });
    await this.refreshCount();
    this.poke();
  }

  async recordStatus(orderId: string, body: TDriverStatusRequest): Promise<void> {
    await this.outbox.add({ kind: "status", orderId, body, queuedAt: Date.now() });
    this.update({ queuedTaps: [...this.snapshotValue.queuedTaps, { orderId, status: body.status }] });
    await this.refreshCount();
    this.poke();
  }

  /** Try now (the network is back, or something new was queued and nothing is waiting). */
  kick(): void {
    if (this.isClosed) return;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    void this.drain();
  }

  /** Something new was queued: send it, unless a retry is already scheduled (keep the backoff). */
  private poke(): void {
    if (!this.timer) void this.drain();
  }

  close(): void {
    this.isClosed = true;
    if (this.timer) clearTimeout(this.timer);
    window.removeEventListener("online", this.onOnline);
    this.outbox.close();
  }

  /** Sign-out: the queue and the seq counter go with the session. */
  static async forget(driverId: string): Promise<void> {
    localStorage.removeItem(seqKey(driverId));
    await Outbox.destroy(driverId);
  }

  private update(patch: Partial<SyncSnapshot>): void {
    this.snapshotValue = { ...this.snapshotValue, ...patch };
    this.options.onChange(this.snapshotValue);
  }

  private async refreshCount(): Promise<void> {
    this.update({ queued: await this.outbox.count() });
  }

  /** Reads the queue's status taps (at start: a reload must not forget a tap waiting to be sent). */
  private async refreshTaps(): Promise<void> {
    const entries = await this.outbox.statuses();
    this.update({ queuedTaps: entries.flatMap((entry) => (entry.kind === "status" ? [{ orderId: entry.orderId, status: entry.body.status }] : [])) });
  }

  private async drain(): Promise<void> {
    if (this.isDraining || this.isClosed) return;
    this.isDraining = true;
    this.update({ isSending: true, retryAt: null });
    try {
      for (;;) {
        if (this.isClosed) return;
        const next = nextSend(await this.outbox.peek(MAX_FIXES_PER_REQUEST), MAX_FIXES_PER_REQUEST);
        if (!next) return;
        const entries = next.kind === "fixes" ? next.entries : [next.entry];
        const result = await this.send(next);
        this.update({ lastContact: { isOk: isServerAnswer(result.status), at: Date.now() } });
        const outcome = outcomeOf(result.status);
        if (outcome === "signed-out") {
          this.options.onSignedOut();
          return;
        }
        if (outcome === "retry") {
          this.failures += 1;
          const delay = retryDelayMs(this.failures, result.retryAfterMs);
          this.update({ retryAt: Date.now() + delay });
          this.timer = setTimeout(() => this.kick(), delay);
          return;
        }
        this.failures = 0;
        await this.outbox.remove(entries.map((entry) => entry.id));
        if (outcome === "drop") this.update({ dropped: { code: result.code ?? null, message: result.message ?? `request refused (${String(result.status)})` } });
        const lastFix = [...entries].reverse().find((entry) => entry.kind === "fix");
        if (outcome === "done" && lastFix?.kind === "fix") this.update({ lastSentAt: Date.now(), lastSentSeq: lastFix.fix.seq });
        if (next.kind === "status" && next.entry.kind === "status") {
          // The tap leaves the queue; the app keeps showing it until a fresh day confirms it.
          const { orderId, body } = next.entry;
          const index = this.snapshotValue.queuedTaps.findIndex((tap) => tap.orderId === orderId && tap.status === body.status);
          this.update({ queuedTaps: this.snapshotValue.queuedTaps.filter((_, at) => at !== index) });
          this.options.onStatusSent(next.entry.orderId, next.entry.body.status, outcome === "drop" ? { code: result.code ?? null } : null);
        }
        await this.refreshCount();
      }
    } finally {
      this.isDraining = false;
      this.update({ isSending: false });
    }
  }

  private async send(next: NonNullable<ReturnType<typeof nextSend>>): Promise<{ status: number | "network-error"; retryAfterMs: number | null; message?: string; code?: string }> {
    const request =
      next.kind === "fixes"
        ? { url: "/api/driver/locations", body: { fixes: next.entries.flatMap((entry) => (entry.kind === "fix" ? [entry.fix] : [])) } }
        : next.entry.kind === "status"
          ? { url: `/api/driver/orders/${encodeURIComponent(next.entry.orderId)}/status`, body: next.entry.body }
          : null;
    if (!request) return { status: 400, retryAfterMs: null };
    try {
      const response = await fetch(request.url, {
        method: "POST",
        headers: { Authorization: `Bearer ${this.options.token}`, "Content-Type": "application/json" },
        body: JSON.stringify(request.body),
      });
      const text = await response.text();
      let message: string | undefined;
      let code: string | undefined;
      try {
        const error = (JSON.parse(text) as { error?: { message?: string; code?: string } }).error;
        message = error?.message;
        code = error?.code;
      } catch {
        // not JSON
      }
      return { status: response.status, retryAfterMs: parseRetryAfter(response.headers.get("Retry-After"), Date.now()), message, code };
    } catch {
      return { status: "network-error", retryAfterMs: null };
    }
  }
}
