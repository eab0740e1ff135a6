/** `GET /api/openapi.json` and `GET /api/asyncapi.json`: the API and the event backbone, described; built on first request, then kept. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { findProjectRoot } from "../../platform/project-root";
import type { ApiDeps, ApiRouter } from "./api-deps";
import { buildAsyncApiDocument } from "./asyncapi-document";
import { buildOpenApiDocument } from "./openapi-document";
import { ROUTE_DESCRIPTIONS } from "./route-descriptions";
import { schemaNames } from "./schema-names";

function packageVersion(): string {
  try {
    const json = JSON.parse(readFileSync(path.join(findProjectRoot(), "package.json"), "utf8")) as { version?: unknown };
    return typeof json.version === "string" ? json.version : "0.0.0";
  } catch {
    return "0.0.0";
  }
}

export function registerApiDocumentRoutes(router: ApiRouter, deps: Pick<ApiDeps, "nc" | "publicUrl">): void {
  let openApi: Record<string, unknown> | null = null;
  let asyncApi: Record<string, unknown> | null = null;
  router
    .on("GET /api/openapi.json", async () => {
      openApi ??= buildOpenApiDocument(ROUTE_DESCRIPTIONS, { version: packageVersion(), publicUrl: deps.publicUrl, names: schemaNames() });
      return { status: 200, body: openApi };
    })
    .on("GET /api/asyncapi.json", async () => {
      // The server this process is connected to, as integrators on this network would reach it.
      asyncApi ??= buildAsyncApiDocument({ version: packageVersion(), natsHost: deps.nc.getServer() || "localhost:4222" });
      return { status: 200, body: asyncApi };
    });
}
