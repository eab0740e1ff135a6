/**
 * A webhook receiver of our own on a free loopback port, as an integrating system would run:
 * the node tests (server/features/webhooks, server/edge/security) and the e2e specs use this one helper.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { TWebhookPayload } from "../lib/schemas/webhooks";

export type ReceivedWebhook = { headers: IncomingHttpHeaders; rawBody: string; payload: TWebhookPayload; receivedAt: number };

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port><path>`. */
  url: string;
  port: number;
  /** Every request, in arrival order (the body parsed as a webhook payload: a CloudEvent). */
  received: ReceivedWebhook[];
  close(): Promise<void>;
}

/** `answer` picks the status of the n-th request (0-based); 200 by default. */
export async function startWebhookReceiver(options: { path?: string; answer?: (index: number) => number } = {}): Promise<WebhookReceiver> {
  const { path = "/hooks", answer = () => 200 } = options;
  const received: ReceivedWebhook[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      const status = answer(received.length);
      received.push({ headers: req.headers, rawBody, payload: JSON.parse(rawBody) as TWebhookPayload, receivedAt: Date.now() });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
