/**
 * One anonymous client flooding the server the ways that stalled live tracking for everyone
 * (security issue, finding 2), and a customer's read timed beside it. Used by the fault suite
 * (testing/faults/flood.faults.ts) and `bench/flood-probe.ts`. Loopback only; every loop stops
 * when `stop()` is called.
 */
import { request } from "node:http";
import WebSocket from "ws";
import { EVENTS, SOCKET_PATH } from "../lib/realtime/events";

export interface FloodOptions {
  /** Websockets sending ~1 MB Socket.IO frames of nested arrays, back to back. */
  websockets?: number;
  /** Connections POSTing ~1 MB JSON bodies to the anonymous sign-in route, back to back. */
  signIns?: number;
  /** Long-polling sessions, each POSTing payloads of 38,000 tiny packets (each would earn an ack). */
  pollers?: number;
}

export interface Flood {
  /** Frames, bodies and payloads sent so far. */
  sent(): number;
  stop(): Promise<void>;
}

const FRAME_BYTES = 1_000_000;

// Built once: the attacker's cost is sending, not building.
const nested = "[".repeat(500) + "]".repeat(500);
const nestedPayload = `[${Array.from({ length: Math.floor(FRAME_BYTES / (nested.length + 1)) }, () => nested).join(",")}]`;
const socketFrame = `42["${EVENTS.orderWatch}",${nestedPayload}]`;
const signInBody = `{"email":"a@example.com","password":"x","extra":${nestedPayload}}`;
const pollingPayload = Array.from({ length: 38_000 }, (_, i) => `42${i}["${EVENTS.orderWatch}",{}]`).join("\x1e");

export function startFlood(baseUrl: string, options: FloodOptions): Flood {
  let isFlooding = true;
  let sent = 0;
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  const post = (path: string, body: string, contentType: string) =>
    new Promise<number>((resolve) => {
      const req = request(`${baseUrl}${path}`, { method: "POST", headers: { "content-type": contentType, "content-length": Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", () => resolve(0));
      });
      req.on("error", () => resolve(0));
      req.end(body);
      sent++;
    });

  const websocketSession = () =>
    new Promise<void>((resolve) => {
      const ws = new WebSocket(`${baseUrl.replace(/^http/, "ws")}${SOCKET_PATH}/?EIO=4&transport=websocket`);
      const send = () => {
        if (!isFlooding || ws.readyState !== WebSocket.OPEN) return ws.close();
        sent++;
        ws.send(socketFrame, () => setImmediate(send));
      };
      ws.on("message", (data) => {
        const text = String(data);
        if (text.startsWith("0")) ws.send("40");
        else if (text.startsWith("40")) send();
        else if (text === "2") ws.send("3");
      });
      ws.on("error", () => undefined);
      ws.on("close", () => resolve());
    });

  const websocketFlood = async () => {
    while (isFlooding) {
      await websocketSession();
      await pause(20);
    }
  };
  const signInFlood = async () => {
    while (isFlooding) await post("/api/admin/session", signInBody, "application/json");
  };
  const pollingFlood = async () => {
    while (isFlooding) {
      const open = await fetch(`${baseUrl}${SOCKET_PATH}/?EIO=4&transport=polling`).then(
        (response) => response.text(),
        () => "",
      );
      const sid = /"sid":"([^"]+)"/.exec(open)?.[1];
      if (!sid) {
        await pause(50);
        continue;
      }
      const session = `${SOCKET_PATH}/?EIO=4&transport=polling&sid=${sid}`;
      await post(session, "40", "text/plain;charset=UTF-8");
      for (let i = 0; i < 10 && isFlooding; i++) await post(session, pollingPayload, "text/plain;charset=UTF-8");
    }
  };

  const attackers = [
    ...Array.from({ length: options.websockets ?? 0 }, websocketFlood),
    ...Array.from({ length: options.signIns ?? 0 }, signInFlood),
    ...Array.from({ length: options.pollers ?? 0 }, pollingFlood),
  ];
  return {
    sent: () => sent,
    async stop() {
      isFlooding = false;
      await Promise.race([Promise.all(attackers), pause(20_000)]);
    },
  };
}

export interface ProbeResult {
  /** Each read's time in ms, failed ones included (at their time). */
  latencies: number[];
  failures: number;
}

/** A customer's order read (`GET /api/track/<token>`) in a loop for `ms`, one at a time, 50 ms apart. */
export async function probeCustomerReads(baseUrl: string, trackingToken: string, ms: number): Promise<ProbeResult> {
  const latencies: number[] = [];
  let failures = 0;
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const started = performance.now();
    try {
      const response = await fetch(`${baseUrl}/api/track/${trackingToken}`, { signal: AbortSignal.timeout(15_000) });
      await response.arrayBuffer();
      if (!response.ok) failures++;
    } catch {
      failures++;
    }
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { latencies, failures };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}
