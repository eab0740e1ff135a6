/**
 * A web push service of our own on a free loopback port, and a browser's side of a push
 * subscription: a P-256 key pair and a 16-byte auth secret, as PushManager.subscribe makes,
 * and the RFC 8291 (aes128gcm) decryption a browser does on receipt. Tests prove a push was
 * encrypted to the subscription's keys by decrypting it here.
 */
import { createDecipheriv, createECDH, createHmac, randomBytes, type ECDH } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface BrowserSubscription {
  endpoint: string;
  /** What the page sends: PushSubscription.toJSON(). */
  json: { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } };
  decrypt(body: Buffer): string;
}

export type ReceivedPush = { path: string; headers: IncomingHttpHeaders; body: Buffer };

export interface PushService {
  baseUrl: string;
  received: ReceivedPush[];
  /** Pushes received on one subscription's endpoint. */
  receivedAt(endpoint: string): ReceivedPush[];
  /** A new browser subscription on this service; `status` is what the service answers its pushes (201; 410 = expired). */
  subscribe(status?: number): BrowserSubscription;
  close(): Promise<void>;
}

const hmac = (key: Buffer, data: Buffer) => createHmac("sha256", key).update(data).digest();

/** RFC 8291 §3.4 and RFC 8188: one aes128gcm record, decrypted with the browser's keys. */
export function decryptAes128gcm(body: Buffer, browserKeys: ECDH, authSecret: Buffer): string {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const serverPublicKey = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const ecdhSecret = browserKeys.computeSecret(serverPublicKey);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), browserKeys.getPublicKey(), serverPublicKey]);
  const ikm = hmac(hmac(authSecret, ecdhSecret), Buffer.concat([keyInfo, Buffer.from([1])]));
  const prk = hmac(salt, ikm);
  const contentKey = hmac(prk, Buffer.from("Content-Encoding: aes128gcm\0\x01")).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from("Content-Encoding: nonce\0\x01")).subarray(0, 12);
  const decipher = createDecipheriv("aes-128-gcm", contentKey, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error("not a final aes128gcm record");
  return padded.subarray(0, end).toString("utf8");
}

export async function startPushService(): Promise<PushService> {
  const received: ReceivedPush[] = [];
  /** Answer per subscription path. */
  const statuses = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = req.url ?? "/";
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(statuses.get(path) ?? 404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let counter = 0;
  return {
    baseUrl,
    received,
    receivedAt: (endpoint) => received.filter((push) => `${baseUrl}${push.path}` === endpoint),
    subscribe(status = 201) {
      const path = `/push/${++counter}-${randomBytes(6).toString("hex")}`;
      statuses.set(path, status);
      const keys = createECDH("prime256v1");
      keys.generateKeys();
      const auth = randomBytes(16);
      const endpoint = `${baseUrl}${path}`;
      return {
        endpoint,
        json: { endpoint, expirationTime: null, keys: { p256dh: keys.getPublicKey().toString("base64url"), auth: auth.toString("base64url") } },
        decrypt: (body) => decryptAes128gcm(body, keys, auth),
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
