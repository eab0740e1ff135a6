/**
 * Issue 10, finding 11: the child nats-server answered anyone on its loopback port, so any local
 * user could read every driver's position. It now requires a generated credential kept (0600)
 * in the data directory, never on the command line, and every internal connect uses it.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { connect } from "@nats-io/transport-node";
import { connectNats, redactNatsUrl, splitNatsUrl, startBackbone } from "./backbone";
import { startNatsServer, type NatsServerProcess } from "./nats-server-process";

let storeDir: string;
let server: NatsServerProcess;
before(async () => {
  storeDir = mkdtempSync(path.join(tmpdir(), "lastmile-nats-auth-"));
  server = await startNatsServer({ storeDir });
});
after(async () => {
  await server.stop();
  rmSync(storeDir, { recursive: true, force: true });
});

test("a connection without the credential is refused", async () => {
  const { server: bare } = splitNatsUrl(server.url);
  await assert.rejects(connect({ servers: bare, reconnect: false, timeout: 3_000 }), /auth/i);
  await assert.rejects(connect({ servers: bare, user: "lastmile", pass: "wrong", reconnect: false, timeout: 3_000 }), /auth/i);
});

test("the app's own connections use it (the URL carries it), and the backbone starts", async () => {
  const nc = await connectNats(server.url);
  await nc.flush();
  await nc.close();
  const backbone = await startBackbone({ natsUrl: server.url, dataDir: storeDir });
  assert.ok(!backbone.nc.isClosed());
  await backbone.close();
});

test("the credential is generated, 0600, reused on restart, and not on the command line", async () => {
  const file = path.join(storeDir, "credential");
  const password = readFileSync(file, "utf8").trim();
  assert.ok(password.length >= 32);
  assert.equal(statSync(file).mode & 0o077, 0, "no access for group or others");
  assert.equal(statSync(path.join(storeDir, "nats-server.conf")).mode & 0o077, 0);
  const commandLines = readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8");
      } catch {
        return "";
      }
    })
    .filter((line) => line.includes(storeDir));
  assert.ok(commandLines.length >= 1, "the child is found by its store");
  assert.ok(
    commandLines.every((line) => !line.includes(password)),
    "the password is not visible in ps",
  );

  await server.stop();
  server = await startNatsServer({ storeDir, port: server.port });
  assert.equal(splitNatsUrl(server.url).pass, password, "the same credential after a restart");
  assert.equal(splitNatsUrl(server.url).server, `nats://127.0.0.1:${server.port}`, "loopback only");
  assert.equal(redactNatsUrl(server.url), `nats://lastmile:***@127.0.0.1:${server.port}`);
});

test("the child gets none of the app's secrets in its environment", async () => {
  const secret = "ADMIN_TOKEN_SHOULD_NOT_LEAK_7Qm2vX9kLp4Rt8Wz";
  process.env.ADMIN_TOKEN = secret;
  process.env.LINK_SEALING_KEY = secret;
  const childDir = mkdtempSync(path.join(tmpdir(), "lastmile-nats-env-"));
  const child = await startNatsServer({ storeDir: childDir });
  try {
    const environment = readFileSync(`/proc/${child.pid}/environ`, "utf8").split("\0");
    assert.ok(
      environment.every((entry) => !entry.includes(secret)),
      environment.join(" "),
    );
    assert.ok(environment.every((entry) => !/^(ADMIN_TOKEN|LINK_SEALING_KEY|DATABASE_URL|NATS_URL|SMTP_URL|VAPID_PRIVATE_KEY)=/.test(entry)));
  } finally {
    delete process.env.ADMIN_TOKEN;
    delete process.env.LINK_SEALING_KEY;
    await child.stop();
    rmSync(childDir, { recursive: true, force: true });
  }
});
