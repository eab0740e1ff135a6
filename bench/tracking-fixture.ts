/**
 * The tracking pages the page benchmarks load: the production server as its own process (its own
 * nats-server, PGlite, DEMO=0) with map tiles from a local tile server (one neutral 256 px PNG for
 * every tile, so the map looks as in production without reaching the internet). A driver gets a
 * route of five orders, picks them up and posts a fix: the last order is four stops away (the
 * driver not shown yet), the first is next (the driver on the map).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { encodePng } from "../lib/png/encode-png";
import { startServerProcess } from "../testing/server-process";
import { startTestNats } from "../testing/test-nats";

export interface TrackingPage {
  name: string;
  /** Relative to `baseUrl`. */
  url: string;
}

export interface TrackingFixture {
  baseUrl: string;
  pages: TrackingPage[];
  /** Where the server keeps its data (for a tool's own files too; removed by stop()). */
  dataDir: string;
  stop(): Promise<void>;
}

/** `bundle`: another build's dist/server.mjs (it serves the pages built beside it); default this checkout's. */
export async function startTrackingFixture(options: { bundle?: string } = {}): Promise<TrackingFixture> {
  // Tiles: one light grey 256 px PNG for every {z}/{x}/{y}.
  const tile = encodePng({ width: 256, height: 256, channels: 3, pixel: () => [232, 234, 237] });
  const tiles = createServer((_req, res) => res.writeHead(200, { "content-type": "image/png", "cache-control": "max-age=86400" }).end(tile));
  await new Promise<void>((resolve) => tiles.listen(0, "127.0.0.1", resolve));
  const tileUrl = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}/{z}/{x}/{y}.png`;

  const nats = await startTestNats({ monitoring: false });
  const dataDir = mkdtempSync(path.join(tmpdir(), "lastmile-tracking-bench-"));
  // A busy machine may take longer than the helper's minute to start the server: one more try.
  const startServer = () => startServerProcess({ dataDir, natsUrl: nats.server.url, env: { TILE_URL: tileUrl }, bundle: options.bundle });
  const server = await startServer().catch((error: unknown) => {
    console.log(`the server did not start (${String(error).split("\n")[0]}); trying once more`);
    return startServer();
  });
  const stop = async () => {
    server.child.kill("SIGTERM");
    await server.exited;
    await nats.stop();
    tiles.close();
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const admin = { Authorization: `Bearer ${server.adminToken}`, "content-type": "application/json" };
    const api = async <T>(method: string, url: string, headers: Record<string, string>, body: unknown): Promise<T> => {
      const response = await fetch(server.baseUrl + url, { method, headers, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };
    const driver = await api<{ id: string; token: string }>("POST", "/api/drivers", admin, { name: "Ana Lighthouse" });
    const orders: Array<{ id: string; trackingUrl: string }> = [];
    for (let index = 0; index < 5; index++) {
      orders.push(await api("POST", "/api/orders", admin, { customerName: `Customer ${index + 1}`, address: `Calle Mayor ${index + 1}, Madrid`, lat: 40.4168 + index * 0.004, lng: -3.7038 }));
    }
    await api("PUT", `/api/drivers/${driver.id}/route`, admin, { orderIds: orders.map((order) => order.id) });
    const driverHeaders = { Authorization: `Bearer ${driver.token}`, "content-type": "application/json" };
    for (const order of orders) await api("POST", `/api/driver/orders/${order.id}/status`, driverHeaders, { status: "picked_up" });
    await api("POST", "/api/driver/locations", driverHeaders, { fixes: [{ lat: 40.41, lng: -3.7038, at: Date.now(), seq: 1, accuracy: 8 }] });
    const pages = [
      { name: "on the way (driver not shown)", url: orders[4]!.trackingUrl },
      { name: "driver on the map", url: orders[0]!.trackingUrl },
    ];
    return { baseUrl: server.baseUrl, pages, dataDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
