/**
 * Orders created through `POST /api/orders` (admin, with `driverId`) from a worker thread, so the
 * HTTP client's own work is not on the event loop of the server it measures (order-creation.ts
 * runs that server in-process). `workerData` is an OrderPlan; answers `{ type: "done", seconds, orders }`.
 */
import { parentPort, workerData } from "node:worker_threads";
import { BenchApi, inParallel } from "./fleet";

export interface OrderPlan {
  baseUrl: string;
  adminToken: string;
  driverIds: string[];
  ordersPerDriver: number;
  /** Requests in flight (seedFleet's 8). */
  concurrency: number;
}

const port = parentPort;
if (!port) throw new Error("create-orders-thread.ts runs as a worker thread");
const plan = workerData as OrderPlan;
try {
  const api = new BenchApi(plan.baseUrl, plan.adminToken);
  // Round-robin over drivers, as seedFleet's jobs are (driver by driver, stop by stop).
  const jobs = plan.driverIds.flatMap((driverId) => Array.from({ length: plan.ordersPerDriver }, (_, stop) => ({ driverId, stop })));
  const started = performance.now();
  await inParallel(jobs, plan.concurrency, async ({ driverId, stop }) => {
    await api.call("POST", "/api/orders", { customerName: `Customer ${stop}`, address: `Calle ${stop + 1}`, lat: 40.4 + 0.002 * (stop + 1), lng: -3.7, driverId });
  });
  port.postMessage({ type: "done", seconds: (performance.now() - started) / 1000, orders: jobs.length });
} catch (error) {
  port.postMessage({ type: "failed", message: (error as Error).message });
}
