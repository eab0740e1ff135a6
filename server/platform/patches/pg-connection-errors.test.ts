/**
 * The codeless errors of the installed pg and pg-pool, provoked against real sockets (a server that
 * hangs up, one that never answers), are the ones server/platform/db/database-unavailable.ts recognises.
 */
import assert from "node:assert/strict";
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import pg from "pg";
import { isDatabaseUnavailable } from "../db/database-unavailable";
import { checkPgConnectionErrors, PG_CONNECTION_LOST_MESSAGES } from "./pg-connection-errors";

async function listen(onConnection: (socket: Socket) => void): Promise<{ server: Server; port: number; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port, sockets };
}

async function close({ server, sockets }: { server: Server; sockets: Set<Socket> }): Promise<void> {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => assert.fail("expected a failure"),
    (error: unknown) => error as Error,
  );

test("the installed pg and pg-pool are in the tested ranges", () => {
  const warnings: string[] = [];
  checkPgConnectionErrors((message) => warnings.push(message));
  assert.deepEqual(warnings, []);
});

/** AuthenticationOk then ReadyForQuery: enough of PostgreSQL's protocol for pg to call itself connected. */
const STARTUP_ANSWER = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 0, 0x5a, 0, 0, 0, 5, 0x49]);

test("a server that hangs up before answering: the connect fails with a message recognised as an outage", async () => {
  const hangingUp = await listen((socket) => socket.destroy());
  try {
    const client = new pg.Client({ host: "127.0.0.1", port: hangingUp.port, user: "x", database: "x" });
    const error = await failureOf(client.connect());
    assert.equal((error as { code?: unknown }).code, undefined, "no code to classify by");
    assert.match(error.message, PG_CONNECTION_LOST_MESSAGES);
    assert.ok(isDatabaseUnavailable(error));
  } finally {
    await close(hangingUp);
  }
});

test("a connected client whose server goes: the query in flight and the next one fail with errors recognised as an outage", async () => {
  const server = await listen((socket) => socket.once("data", () => socket.write(STARTUP_ANSWER)));
  try {
    const client = new pg.Client({ host: "127.0.0.1", port: server.port, user: "x", database: "x" });
    client.on("error", () => undefined);
    await client.connect();
    const [socket] = server.sockets;
    socket!.once("data", () => socket!.resetAndDestroy());
    const inFlight = await failureOf(client.query("SELECT 1"));
    assert.ok(isDatabaseUnavailable(inFlight), `in flight: ${inFlight.message}`);
    const next = await failureOf(client.query("SELECT 1"));
    assert.equal((next as { code?: unknown }).code, undefined, "no code to classify by");
    assert.match(next.message, PG_CONNECTION_LOST_MESSAGES);
    assert.ok(isDatabaseUnavailable(next));
  } finally {
    await close(server);
  }
});

test("a server that never answers: the pool's connect timeout and its wait for a free connection are recognised as an outage", async () => {
  const silent = await listen(() => undefined);
  const pool = new pg.Pool({ host: "127.0.0.1", port: silent.port, user: "x", database: "x", max: 1, connectionTimeoutMillis: 200 });
  pool.on("error", () => undefined);
  try {
    const [connecting, waiting] = await Promise.all([failureOf(pool.connect()), failureOf(pool.connect())]);
    for (const error of [connecting, waiting]) {
      assert.equal((error as { code?: unknown }).code, undefined, "no code to classify by");
      assert.match(error.message, PG_CONNECTION_LOST_MESSAGES);
      assert.ok(isDatabaseUnavailable(error));
    }
    assert.notEqual(connecting.message, waiting.message, "both of pg-pool's timeouts were seen");
  } finally {
    await pool.end().catch(() => undefined);
    await close(silent);
  }
});
