/**
 * The router and its access policy: a route without a policy row cannot be registered, and the
 * row's gate runs before the handler and hands it the caller (on a real HTTP server).
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { ACCESS_POLICY, type Access } from "../../edge/security/access-policy";
import type { Grants } from "../../edge/security/access-gate";
import { ApiError } from "./api-error";
import { Router, type Gate } from "./router";

type TestAccess = { kind: "open" } | { kind: "caller" };
const POLICY: Record<string, TestAccess> = {
  "GET /open": { kind: "open" },
  "GET /items/:itemId": { kind: "caller" },
};
type TestGrants = { "GET /open": object; "GET /items/:itemId": { caller: string } };

const handlerRuns: string[] = [];
/** Lets a request with `x-caller` through as that caller; refuses the rest with a 401. */
const gate: Gate<TestAccess> = async (access, ctx, next) => {
  if (access.kind === "open") return next({});
  const caller = ctx.req.headers["x-caller"];
  if (typeof caller !== "string") throw new ApiError(401, "unauthorized", "who are you");
  return next({ caller });
};

let server: Server;
let baseUrl: string;

before(async () => {
  const router = new Router<TestAccess, TestGrants>(POLICY, gate)
    .on("GET /open", async () => {
      handlerRuns.push("open");
      return { status: 200, body: { ok: true } };
    })
    .on("GET /items/:itemId", async ({ caller, params }) => {
      handlerRuns.push(`item ${params.itemId ?? ""}`);
      return { status: 200, body: { caller, itemId: params.itemId } };
    });
  server = createServer((req, res) => void router.handle(req, res, () => {}));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("router and access policy", () => {
  test("registering a route without a policy row throws, naming the route", () => {
    const router = new Router<TestAccess, Record<string, object>>(POLICY, gate);
    assert.throws(() => router.on("POST /open", async () => ({ status: 200, body: null })), /POST \/open has no row in the access policy/);
    assert.throws(() => router.on("GET /toString", async () => ({ status: 200, body: null })), /has no row/);
    assert.deepEqual(router.list(), []);
  });

  test("the application's router takes the application's policy, and an unknown route does not compile", () => {
    const router = new Router<Access, Grants>(ACCESS_POLICY, async () => ({ status: 500, body: null }));
    // @ts-expect-error: not a route of the access policy
    assert.throws(() => router.on("GET /api/not-in-the-policy", async () => ({ status: 200, body: null })), /has no row/);
    router.on("GET /api/health", async () => ({ status: 200, body: null }));
    assert.deepEqual(router.list(), [{ method: "GET", path: "/api/health" }]);
  });

  test("the gate runs before the handler: a refused caller never reaches it", async () => {
    handlerRuns.length = 0;
    const refused = await fetch(`${baseUrl}/items/7`);
    assert.equal(refused.status, 401);
    assert.deepEqual(await refused.json(), { error: { code: "unauthorized", message: "who are you" } });
    assert.deepEqual(handlerRuns, []);
  });

  test("the handler is handed what the gate established about the caller", async () => {
    handlerRuns.length = 0;
    const answer = await fetch(`${baseUrl}/items/7`, { headers: { "x-caller": "driver-1" } });
    assert.equal(answer.status, 200);
    assert.deepEqual(await answer.json(), { caller: "driver-1", itemId: "7" });
    const open = await fetch(`${baseUrl}/open`);
    assert.equal(open.status, 200);
    assert.deepEqual(handlerRuns, ["item 7", "open"]);
  });
});
