/**
 * SIGTERM to the `npm start` process, as a supervisor or a terminal's Ctrl-C in a container
 * sends it: npm passes it to its script's process, so that process must be the server itself
 * (package.json's `exec`, then scripts/start.sh's `exec`). With a shell in between, npm and the
 * shell exited and left the server running, holding its port, its nats-server and DATA_DIR.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { startServerProcess } from "../server-process";
import { startTestNats } from "../test-nats";
import { waitFor } from "../test-app";

const dataDir = mkdtempSync(path.join(tmpdir(), "lastmile-npm-start-"));
after(() => rmSync(dataDir, { recursive: true, force: true }));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test("SIGTERM to `npm start` shuts the server down gracefully and npm exits 0", async () => {
  const nats = await startTestNats({ monitoring: false });
  let serverPid: number | undefined;
  try {
    const server = await startServerProcess({ dataDir, natsUrl: nats.server.url, viaNpmStart: true });
    const live = server.lines.find((line) => line.msg.startsWith("Lastmile is live"));
    serverPid = typeof live?.pid === "number" ? live.pid : undefined;
    assert.ok(serverPid, "the server logs its pid");
    assert.ok((await fetch(`${server.baseUrl}/healthz`)).ok);

    server.child.kill("SIGTERM");
    const exit = await server.exited;
    assert.deepEqual({ code: exit.code, signal: exit.signal }, { code: 0, signal: null }, "npm exits 0: the server shut down cleanly");
    assert.ok(
      server.lines.some((line) => line.msg === "shut down"),
      "the server ran its graceful shutdown",
    );
    await waitFor(() => !isAlive(serverPid!) || undefined, 5_000, "the server process to be gone");
    await assert.rejects(fetch(`${server.baseUrl}/healthz`), "nothing listens on the port any more");
  } finally {
    // A server left behind by a failure must not hold this test's pipes (and the suite) open.
    if (serverPid && isAlive(serverPid)) process.kill(serverPid, "SIGKILL");
    await nats.stop();
  }
});
