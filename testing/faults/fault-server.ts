import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before } from "node:test";
import { startServerProcess, type ServerProcess } from "../server-process";
import { startTestNats, type TestNats } from "../test-nats";

/** What a fault test works on; a test may replace either when it restarts one. */
export interface FaultServer {
  nats: TestNats;
  server: ServerProcess;
  readonly dataDir: string;
}

/**
 * The built server (dist/server.mjs, PGlite under a DATA_DIR of its own) with a nats-server of
 * its own, started before the file's tests and killed after them: faults are injected into
 * these, never into the machine's shared services.
 */
export function useFaultServer(label: string): FaultServer {
  const fixture = { dataDir: mkdtempSync(path.join(tmpdir(), `lastmile-${label}-`)) } as FaultServer;
  before(async () => {
    fixture.nats = await startTestNats({ monitoring: false });
    fixture.server = await startServerProcess({ dataDir: fixture.dataDir, natsUrl: fixture.nats.server.url });
  });
  after(async () => {
    fixture.server?.child.kill("SIGKILL");
    await fixture.nats?.stop();
    rmSync(fixture.dataDir, { recursive: true, force: true });
  });
  return fixture;
}

/** A JSON call to the fault server's API with a bearer token; a non-2xx answer fails the test with its body. */
export async function callApi<T>(fixture: FaultServer, method: string, urlPath: string, body: unknown, token: string): Promise<T> {
  const response = await fetch(`${fixture.server.baseUrl}${urlPath}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${urlPath}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}
