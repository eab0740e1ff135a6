import SwaggerParser from "@apidevtools/swagger-parser";
import { Parser } from "@asyncapi/parser";
import { buildOpenApiDocument } from "./server/api/openapi-document";
import { buildAsyncApiDocument } from "./server/api/asyncapi-document";
import { ROUTE_DESCRIPTIONS } from "./server/api/route-descriptions";
const doc = buildOpenApiDocument(ROUTE_DESCRIPTIONS, { version: "0.1.0" });
try { await SwaggerParser.validate(structuredClone(doc) as never); console.log("openapi ok"); } catch (e) { console.log(String(e).slice(0, 3000)); }
const a = buildAsyncApiDocument({ version: "0.1.0", natsHost: "127.0.0.1:4222" });
const { diagnostics } = await new Parser().parse(JSON.stringify(a));
for (const d of diagnostics) console.log(d.severity, d.code, d.message, d.path.join("."));
