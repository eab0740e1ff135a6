/**
 * A small live fleet on a running server, for probes under load: each driver has one picked-up
 * order and posts a fix a second, and one customer's socket watches the first order.
 */
import { io as connectSocket } from "socket.io-client";
import { EVENTS, SOCKET_PATH } from "../lib/realtime/events";

export interface ProbeFleet {
  /** The watched order's tracking token. */
  watchedToken: string;
  /** Live views the watching socket has received so far. */
  viewsReceived(): number;
  stop(): void;
}

export async function startProbeFleet(baseUrl: string, adminToken: string, drivers: number): Promise<ProbeFleet> {
  const call = async <T>(method: string, path: string, body: unknown, bearer = adminToken): Promise<T> => {
    const response = await fetch(baseUrl + path, { method, headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const vans: { token: string; trackingToken: string }[] = [];
  for (let i = 0; i < drivers; i++) {
    const driver = await call<{ id: string; token: string }>("POST", "/api/drivers", { name: `Probe van ${i}` });
    const order = await call<{ id: string; trackingUrl: string }>("POST", "/api/orders", {
      customerName: `Customer ${i}`,
      address: `${i} Probe St`,
      lat: 40.4 + i / 1000,
      lng: -3.7,
      driverId: driver.id,
    });
    await call("PUT", `/api/drivers/${driver.id}/route`, { orderIds: [order.id] });
    await call("POST", `/api/driver/orders/${order.id}/status`, { status: "picked_up" }, driver.token);
    vans.push({ token: driver.token, trackingToken: order.trackingUrl.split("/track/")[1]! });
  }
  let seq = 0;
  const fixes = setInterval(() => {
    seq++;
    for (const [i, van] of vans.entries()) {
      const fix = { lat: 40.39 + i / 1000 + seq / 100_000, lng: -3.7, at: Date.now(), seq };
      void fetch(`${baseUrl}/api/driver/locations`, {
        method: "POST",
        headers: { authorization: `Bearer ${van.token}`, "content-type": "application/json" },
        body: JSON.stringify({ fixes: [fix] }),
      }).catch(() => undefined);
    }
  }, 1_000);
  const watchedToken = vans[0]!.trackingToken;
  const watcher = connectSocket(baseUrl, { path: SOCKET_PATH, transports: ["websocket"] });
  let views = 0;
  watcher.on(EVENTS.orderView, () => views++);
  await watcher.timeout(10_000).emitWithAck(EVENTS.orderWatch, { token: watchedToken });
  return {
    watchedToken,
    viewsReceived: () => views,
    stop() {
      clearInterval(fixes);
      watcher.close();
    },
  };
}
