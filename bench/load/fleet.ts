/**
 * A simulated fleet seeded through the public API (as an operator's tools would): drivers, each
 * with orders picked up and on their route, a socket per order watching it, and a probe driver
 * whose fixes are timed to its customer's socket.
 */
import { io as connectSocket, type Socket } from "socket.io-client";
import { EVENTS, SOCKET_PATH, type TAck } from "../../lib/realtime/events";
import type { TOrderView } from "../../lib/schemas/order-view";
import { startBenchWorker } from "./bench-worker";
import { loopbackAddresses } from "../loopback-addresses";

export interface SeededDriver {
  id: string;
  token: string;
  /** Where the simulated driver is; each fix moves it a few metres north. */
  lat: number;
  lng: number;
  seq: number;
  orderTokens: string[];
}

export class BenchApi {
  constructor(
    readonly baseUrl: string,
    private readonly adminToken: string,
  ) {}

  async call<T = Record<string, unknown>>(method: string, url: string, body?: unknown, token = this.adminToken): Promise<T> {
    const response = await fetch(this.baseUrl + url, {
      method,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url} → ${response.status} ${text.slice(0, 200)}`);
    return (text ? JSON.parse(text) : {}) as T;
  }
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function inParallel<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** `drivers` drivers with `ordersPerDriver` picked-up orders each; returns them and the seconds it took. */
export async function seedFleet(api: BenchApi, drivers: number, ordersPerDriver: number, label: string): Promise<{ drivers: SeededDriver[]; orderSeconds: number; orders: number }> {
  const seeded: SeededDriver[] = [];
  await inParallel(
    Array.from({ length: drivers }, (_, index) => index),
    8,
    async (index) => {
      const driver = await api.call<{ id: string; token: string }>("POST", "/api/drivers", { name: `${label} ${index}` });
      const lat = 40.3 + (index % 50) * 0.004;
      const lng = -3.8 + Math.floor(index / 50) * 0.004;
      seeded.push({ id: driver.id, token: driver.token, lat, lng, seq: 0, orderTokens: [] });
    },
  );
  const started = performance.now();
  const jobs = seeded.flatMap((driver) => Array.from({ length: ordersPerDriver }, (_, stop) => ({ driver, stop })));
  const created: { driver: SeededDriver; orderId: string; stop: number }[] = [];
  await inParallel(jobs, 8, async ({ driver, stop }) => {
    const order = await api.call<{ id: string; trackingUrl: string }>("POST", "/api/orders", {
      customerName: `Customer ${stop}`,
      address: `Calle ${stop + 1}`,
      lat: driver.lat + 0.002 * (stop + 1),
      lng: driver.lng,
      driverId: driver.id,
    });
    driver.orderTokens.push(order.trackingUrl.split("/").pop()!);
    created.push({ driver, orderId: order.id, stop });
  });
  const orderSeconds = (performance.now() - started) / 1000;
  await inParallel(created, 8, async ({ driver, orderId }) => {
    await api.call("POST", `/api/driver/orders/${orderId}/status`, { status: "picked_up" }, driver.token);
  });
  return { drivers: seeded, orderSeconds, orders: created.length };
}

/** The next fix of a simulated driver: a few metres on, timed now. */
export function nextFix(driver: SeededDriver): { lat: number; lng: number; at: number; seq: number; accuracy: number; speed: number } {
  driver.seq += 1;
  driver.lat += 0.00002;
  return { lat: Number(driver.lat.toFixed(6)), lng: driver.lng, at: Date.now(), seq: driver.seq, accuracy: 8, speed: 6 };
}

export interface Watchers {
  sockets: Socket[];
  /** View frames received so far, over all sockets. */
  frames(): number;
  close(): void;
}

/** One socket per token, each watching its order (forceNew: every watcher is its own connection, as browsers are). */
const nextLoopbackAddress = loopbackAddresses();

export async function watchAll(baseUrl: string, tokens: readonly string[]): Promise<Watchers> {
  const sockets: Socket[] = [];
  let frames = 0;
  await inParallel(tokens, 50, async (token) => {
    const socket = connectSocket(baseUrl, { path: SOCKET_PATH, transports: ["websocket"], forceNew: true, reconnection: false, localAddress: nextLoopbackAddress() } as Parameters<
      typeof connectSocket
    >[1]);
    socket.on(EVENTS.orderView, () => void frames++);
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      // A refused connection never answers the watch: fail instead of waiting for ever.
      socket.once("connect_error", (error) => reject(error));
      socket.emit(EVENTS.orderWatch, { token }, (ack: TAck<TOrderView>) => ("data" in ack ? resolve() : reject(new Error(ack.error.message))));
    });
  });
  return {
    sockets,
    frames: () => frames,
    close: () => sockets.forEach((socket) => socket.close()),
  };
}

/** Sockets watching `tokens` from a worker thread (watchers-thread.ts), off the loop the probe is timed on. */
export async function watchInThread(baseUrl: string, tokens: readonly string[]): Promise<{ count: number; close(): Promise<void> }> {
  const worker = startBenchWorker(new URL("./watchers-thread.ts", import.meta.url), { baseUrl, tokens: [...tokens] });
  const watching = await worker.reply<{ type: "watching"; count: number }>("watching").catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });
  return {
    count: watching.count,
    async close() {
      const closed = worker.reply("closed");
      worker.post({ type: "close" });
      await closed;
      await worker.terminate();
    },
  };
}

/** A driver whose order is watched: each probe fix is timed from POST to the customer's socket. */
export class Probe {
  private constructor(
    private readonly api: BenchApi,
    private readonly driver: SeededDriver,
    private readonly socket: Socket,
  ) {}

  static async start(api: BenchApi): Promise<Probe> {
    const { drivers } = await seedFleet(api, 1, 1, "Probe");
    const driver = drivers[0]!;
    const socket = connectSocket(api.baseUrl, { path: SOCKET_PATH, transports: ["websocket"], forceNew: true });
    await new Promise<void>((resolve, reject) =>
      socket.emit(EVENTS.orderWatch, { token: driver.orderTokens[0]! }, (ack: TAck<TOrderView>) => ("data" in ack ? resolve() : reject(new Error(ack.error.message)))),
    );
    return new Probe(api, driver, socket);
  }

  /** ms from POST to the view carrying this fix; null when it did not arrive within `timeoutMs`. */
  async measure(timeoutMs = 2_000): Promise<number | null> {
    const fix = nextFix(this.driver);
    let onView: ((view: TOrderView) => void) | undefined;
    const seen = new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), timeoutMs);
      onView = (view: TOrderView) => {
        if (view.driver?.lat !== fix.lat) return;
        clearTimeout(timer);
        resolve(performance.now());
      };
      this.socket.on(EVENTS.orderView, onView);
    });
    const started = performance.now();
    await this.api.call("POST", "/api/driver/locations", { fixes: [fix] }, this.driver.token);
    const arrived = await seen;
    this.socket.off(EVENTS.orderView, onView);
    return arrived === null ? null : arrived - started;
  }

  /** Probes every `everyMs` until `stop()` resolves; returns latencies and the probes that never arrived. */
  async run(everyMs: number, until: Promise<unknown>): Promise<{ latencies: number[]; lost: number }> {
    let isDone = false;
    void until.then(() => (isDone = true));
    const latencies: number[] = [];
    let lost = 0;
    while (!isDone) {
      const started = performance.now();
      const latency = await this.measure();
      if (latency === null) lost++;
      else latencies.push(latency);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, everyMs - (performance.now() - started))));
    }
    return { latencies, lost };
  }

  close(): void {
    this.socket.close();
  }
}
