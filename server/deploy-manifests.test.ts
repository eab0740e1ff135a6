/**
 * The deployment files (Dockerfile, deploy/compose.yaml, deploy/k8s/*.yaml) parse, name what
 * each service needs, and agree with the server: every variable they set is one server/env.ts
 * reads, the health paths exist, NATS is a 3-node JetStream cluster with replicated streams.
 * No container registry is reachable here, so nothing is pulled or run: this reads them.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import yaml from "js-yaml";
import { readNpmStartSettings } from "../testing/npm-start-settings";
import { ENV_KEYS, parseEnv } from "./env";
import { findProjectRoot } from "./platform/project-root";

const root = findProjectRoot();
const read = (file: string) => readFileSync(path.join(root, file), "utf8");
type Doc = Record<string, any>;
const loadAll = (file: string) => yaml.loadAll(read(file)) as Doc[];

const ADMIN = "tR4nGq1mXz8PbW2yKc6LvD0sJf3HuA9eN5oYi7Ql0w"; // an operator's random token
const LINK_SEALING_KEY = randomBytes(32).toString("base64url");
/** What the operator supplies: the values that must be theirs, not a default. */
const OPERATOR_SECRETS: Record<string, string> = { ADMIN_TOKEN: ADMIN, LINK_SEALING_KEY };

test("the Dockerfile builds in one stage and runs the bundle with plain node in another, healthy on /healthz", () => {
  const dockerfile = read("Dockerfile");
  const stages = [...dockerfile.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gim)].map((match) => match[2]);
  assert.deepEqual(stages, ["build", "runtime"]);
  assert.match(dockerfile, /RUN npm run build/);
  assert.match(dockerfile, /npm ci --omit=dev/);
  // The image runs the server as `npm start` does: start.sh's node flags and malloc settings.
  const { nodeFlags, mallocEnv } = readNpmStartSettings(root);
  assert.ok(dockerfile.includes(`CMD ${JSON.stringify(["node", ...nodeFlags, "dist/server.mjs"]).replaceAll(",", ", ")}`), "the Dockerfile's CMD has start.sh's node flags");
  const imageEnv = Object.fromEntries([...dockerfile.matchAll(/^ENV (.+)$/gm)].flatMap((match) => match[1]!.split(/\s+/).map((pair) => pair.split("=") as [string, string])));
  for (const [name, value] of Object.entries(mallocEnv)) assert.equal(imageEnv[name], value, `the Dockerfile sets ${name} as start.sh does`);
  assert.match(dockerfile, /HEALTHCHECK .*\/healthz/);
  assert.match(dockerfile, /^USER node$/m);
});

test("compose: three NATS nodes routed to each other with JetStream, PostgreSQL, three app replicas, nginx passing WebSockets", () => {
  const [compose] = loadAll("deploy/compose.yaml");
  const services = compose!.services as Record<string, Doc>;
  const natsNodes = Object.keys(services).filter((name) => name.startsWith("nats-"));
  assert.equal(natsNodes.length, 3);
  for (const name of natsNodes) {
    const command = (services[name]!.command as string[]).join(" ");
    assert.match(command, /-js/);
    const routes = /--routes (\S+)/.exec(command)?.[1]?.split(",") ?? [];
    assert.deepEqual(routes.map((route) => new URL(route).hostname).sort(), natsNodes.filter((other) => other !== name).sort());
  }
  const apps = Object.keys(services).filter((name) => name.startsWith("app-"));
  assert.equal(apps.length, 3);
  for (const name of apps) {
    const app = services[name]!;
    const env = app.environment as Record<string, string>;
    assert.equal(env.NATS_REPLICAS, "3");
    assert.deepEqual(
      env
        .NATS_URL!.split(",")
        .map((url) => new URL(url).hostname)
        .sort(),
      natsNodes.sort(),
    );
    assert.equal(new URL(env.DATABASE_URL!).hostname, "postgres");
    for (const key of Object.keys(env)) assert.ok(ENV_KEYS.includes(key), `compose sets ${key}, which the server does not read`);
    // Replicas share subscriptions, so they must share the key that seals their links.
    assert.match(env.LINK_SEALING_KEY ?? "", /^\$\{LINK_SEALING_KEY:\?/, "every replica gets the operator's LINK_SEALING_KEY");
    // The values parse as the server would parse them once compose fills in `${VAR:-default}` and
    // the operator's `${ADMIN_TOKEN:?…}` and `${LINK_SEALING_KEY:?…}`.
    const interpolated = Object.fromEntries(
      Object.entries(env).map(([key, value]) => [
        key,
        value.replace(/\$\{(\w+):([-?])([^}]*)\}/g, (_, name: string, kind: string, rest: string) => OPERATOR_SECRETS[name] ?? (kind === "-" ? rest : "")),
      ]),
    );
    parseEnv({ NODE_ENV: "production", ...interpolated });
    assert.match(JSON.stringify(app.healthcheck.test), /\/readyz/);
    assert.deepEqual(Object.keys(app.depends_on).sort(), ["nats-1", "nats-2", "nats-3", "postgres"]);
  }
  assert.ok(services.postgres);
  const nginx = read("deploy/nginx/lastmile.conf");
  for (const name of apps) assert.match(nginx, new RegExp(`server ${name}:3000`));
  assert.match(nginx, /proxy_set_header Upgrade \$http_upgrade/);
  assert.match(nginx, /proxy_read_timeout 1h/);
});

test("Kubernetes: the app Deployment probes /readyz and /healthz, reads its secrets, and the Ingress and NATS StatefulSet fit it", () => {
  const docs = [...loadAll("deploy/k8s/lastmile.yaml"), ...loadAll("deploy/k8s/nats.yaml"), ...loadAll("deploy/k8s/postgres.yaml")];
  for (const doc of docs) {
    assert.ok(doc.apiVersion && doc.kind && doc.metadata?.name, `every manifest names apiVersion, kind and metadata.name: ${JSON.stringify(doc).slice(0, 80)}`);
  }
  const find = (kind: string, name: string) => {
    const doc = docs.find((candidate) => candidate.kind === kind && candidate.metadata.name === name);
    assert.ok(doc, `${kind}/${name} is defined`);
    return doc!;
  };
  const deployment = find("Deployment", "lastmile");
  assert.equal(deployment.spec.replicas, 3);
  assert.deepEqual(deployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels);
  const container = deployment.spec.template.spec.containers[0];
  assert.equal(container.readinessProbe.httpGet.path, "/readyz");
  assert.equal(container.livenessProbe.httpGet.path, "/healthz");
  const env = new Map<string, Doc>((container.env as Doc[]).map((entry) => [entry.name as string, entry]));
  for (const key of env.keys()) assert.ok(ENV_KEYS.includes(key), `the Deployment sets ${key}, which the server does not read`);
  for (const key of ["DATABASE_URL", "ADMIN_TOKEN", "LINK_SEALING_KEY"]) assert.ok(env.get(key)?.valueFrom?.secretKeyRef, `${key} comes from a Secret`);
  parseEnv({ NODE_ENV: "production", ...Object.fromEntries([...env].filter(([, entry]) => typeof entry.value === "string").map(([key, entry]) => [key, entry.value as string])), ...OPERATOR_SECRETS });

  const service = find("Service", "lastmile");
  assert.deepEqual(service.spec.selector, deployment.spec.template.metadata.labels);
  const ingress = find("Ingress", "lastmile");
  assert.equal(ingress.spec.rules[0].http.paths[0].backend.service.name, "lastmile");

  const nats = find("StatefulSet", "nats");
  assert.equal(nats.spec.replicas, 3);
  const args = (nats.spec.template.spec.containers[0].args as string[]).join(" ");
  assert.match(args, /--jetstream/);
  const routes = /--routes=(\S+)/.exec(args)?.[1]?.split(",") ?? [];
  assert.equal(routes.length, 3);
  const natsUrls = env.get("NATS_URL")!.value as string;
  assert.equal(natsUrls.split(",").length, 3);
  assert.equal(env.get("NATS_REPLICAS")!.value, "3");
  find("StatefulSet", "postgres");
});
