/** METRICS_PORT: /metrics without auth on a port of its own, for the cluster's Prometheus only. */
import { createServer, type ServerResponse } from "node:http";
import { sendJson } from "../http/router";
import type { AppMetrics } from "./metrics";

export async function startMetricsServer(metrics: AppMetrics, options: { port: number; host: string; log: (message: string, error?: unknown) => void }): Promise<{ close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if ((req.url ?? "/").split("?")[0] === "/metrics" && (req.method === "GET" || req.method === "HEAD")) return void serveMetrics(metrics, res, options.log);
    sendJson(res, 404, { error: { code: "not_found", message: "only /metrics is served on this port" } });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, resolve);
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export async function serveMetrics(metrics: AppMetrics, res: ServerResponse, log: (message: string, error?: unknown) => void): Promise<void> {
  try {
    const { contentType, body } = await metrics.render();
    if (res.headersSent) return;
    res.writeHead(200, { "Content-Type": contentType, "Cache-Control": "no-store" });
    res.end(body);
  } catch (error) {
    log("rendering metrics failed", error);
    sendJson(res, 500, { error: { code: "internal", message: "could not render metrics" } });
  }
}
