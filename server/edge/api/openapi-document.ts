/**
 * The OpenAPI 3.1 document of the HTTP API, generated from route-descriptions.ts: every
 * schema comes from zod (`z.toJSONSchema`, JSON Schema 2020-12, which OpenAPI 3.1 uses as is),
 * requests as the input they accept, answers as the output the server sends.
 */
import { z } from "zod";
import { DOCUMENT, HTML, IMAGE, type RouteDescription } from "./route-descriptions";
import { ZApiErrorAnswer } from "../../../lib/schemas/api-answers";
import { ZWebhookPayload } from "../../../lib/schemas/webhooks";
import { SESSION_COOKIE } from "../../features/staff/sessions";

type JsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  // `unrepresentable: "any"`: a refinement or a transform has no JSON Schema; the shape around it still does.
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "any" }) as JsonSchema;
  return json;
}

/** `/api/orders/:orderId/events` → `/api/orders/{orderId}/events`. */
export function toOpenApiPath(path: string): string {
  return path.replace(/:([a-zA-Z]+)/g, "{$1}");
}

function operationId(route: RouteDescription): string {
  const words = route.path
    .replace(/^\/api\//, "")
    .replace(/\.json$/, "")
    .split(/[/-]/)
    .filter(Boolean)
    .map((word) => (word.startsWith(":") ? `by ${word.slice(1)}` : word))
    .join(" ")
    .split(" ");
  const camel = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join("");
  return route.method.toLowerCase() + camel;
}

const AUTH_TEXT: Record<RouteDescription["auth"], string> = {
  none: "Public.",
  admin: "`Authorization: Bearer <ADMIN_TOKEN>`, or a staff session cookie (writes also send its `X-CSRF-Token`)",
  driver: "`Authorization: Bearer <driver token>` (the `token` of `POST /api/drivers`).",
  trackingToken: "The order's tracking token in the path (`/track/<token>` of `trackingUrl`) is the only credential; an unknown token is a 404.",
  trackerId: "The driver's `trackerId` (`id`, `deviceid` or `device_id`) identifies and authorises the report, as the OsmAnd / Traccar protocol does; an unknown one is a 404.",
  shopifyHmac: "`X-Shopify-Hmac-Sha256`: the base64 HMAC-SHA256 of the raw body with SHOPIFY_WEBHOOK_SECRET, as Shopify signs every delivery; missing or wrong is a 401 and nothing is stored.",
  woocommerceHmac:
    "`X-WC-Webhook-Signature`: the base64 HMAC-SHA256 of the raw body with WOOCOMMERCE_WEBHOOK_SECRET, as WooCommerce signs every delivery; missing or wrong is a 401 and nothing is stored.",
  optOutToken: "The sealed token of the opt-out link in a tracking-link email or SMS is the only credential; a token this server did not seal is a 404.",
};

/** The HMAC header of each shop's webhook (security schemes of type apiKey: the value is computed per request, not a fixed key). */
const SHOP_SIGNATURES = {
  shopifyHmac: { header: "X-Shopify-Hmac-Sha256", secret: "SHOPIFY_WEBHOOK_SECRET", platform: "Shopify" },
  woocommerceHmac: { header: "X-WC-Webhook-Signature", secret: "WOOCOMMERCE_WEBHOOK_SECRET", platform: "WooCommerce" },
} as const;

function security(route: RouteDescription): Record<string, string[]>[] {
  if (route.auth === "driver") return [{ driverBearer: [] }];
  if (route.auth === "shopifyHmac" || route.auth === "woocommerceHmac") return [{ [route.auth]: [] }];
  if (route.auth !== "admin") return [];
  return route.method === "GET" ? [{ adminBearer: [] }, { staffSession: [] }] : [{ adminBearer: [] }, { staffSession: [], csrfToken: [] }];
}

function queryParameters(query: z.ZodType): JsonSchema[] {
  const json = toSchema(query, "input");
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return { name, in: "query", required: required.has(name), ...(typeof description === "string" ? { description } : {}), schema: rest };
  });
}

function errorStatuses(route: RouteDescription): string[] {
  const statuses = new Set<number>([400, ...(route.errors ?? [])]);
  if (route.auth !== "none" && route.auth !== "optOutToken") statuses.add(401);
  if (route.auth === "admin") statuses.add(403);
  if (route.path.includes(":") || route.auth === "trackerId") statuses.add(404);
  if (route.body) statuses.add(413);
  if (route.auth !== "none") statuses.add(429);
  return [...statuses].sort().map(String);
}

/**
 * Schemas with a name (their export in lib/schemas without the Z) become components, referenced
 * by `$ref`, so client generators name their types; the others are written in place.
 */
class Components {
  readonly schemas: Record<string, JsonSchema> = {};
  private readonly given = new Map<string, z.ZodType>();

  constructor(private readonly names: ReadonlyMap<z.ZodType, string>) {}

  ref(schema: z.ZodType, io: "input" | "output"): JsonSchema {
    const base = this.names.get(schema);
    if (!base) return toSchema(schema, io);
    // One zod schema read both ways (as a request and as an answer) has two shapes.
    const name = io === "input" && !/(Request|Query|Params|Json)$/.test(base) ? `${base}Input` : base;
    const earlier = this.given.get(name);
    if (earlier && earlier !== schema) throw new Error(`two schemas named ${name}`);
    if (!earlier) {
      this.given.set(name, schema);
      this.schemas[name] = toSchema(schema, io);
    }
    return { $ref: `#/components/schemas/${name}` };
  }
}

function successResponse(answer: RouteDescription["responses"][number], status: number, components: Components): JsonSchema {
  const description = status === 201 ? "Created" : status === 202 ? "Accepted" : "OK";
  if (answer === IMAGE) {
    const image = { schema: { type: "string", contentMediaType: "application/octet-stream" } };
    return { description: "The image as the driver's phone stored it", content: { "image/png": image, "image/jpeg": image, "image/webp": image } };
  }
  if (answer === HTML) return { description: "An HTML page for people", content: { "text/html": { schema: { type: "string" } } } };
  if (answer === DOCUMENT) return { description, content: { "application/json": { schema: { type: "object" } } } };
  return { description, content: { "application/json": { schema: components.ref(answer, "output") } } };
}

function operation(route: RouteDescription, components: Components): JsonSchema {
  const pathParameters = [...route.path.matchAll(/:([a-zA-Z]+)/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    ...(name === "token" ? { description: "The order's tracking token: the last segment of its `trackingUrl`." } : {}),
    schema: name === "kind" ? { type: "string", enum: ["photo", "signature"] } : { type: "string" },
  }));
  const parameters = [...pathParameters, ...(route.query ? queryParameters(route.query) : [])];
  const responses: Record<string, unknown> = {};
  for (const [status, answer] of Object.entries(route.responses)) responses[status] = successResponse(answer, Number(status), components);
  for (const status of errorStatuses(route)) responses[status] = { $ref: "#/components/responses/Error" };
  responses["4XX"] = { $ref: "#/components/responses/Error" };
  responses["5XX"] = { $ref: "#/components/responses/Error" };
  const bodies: Record<string, unknown> = {};
  if (route.body) bodies["application/json"] = { schema: components.ref(route.body, "input") };
  for (const [type, schema] of Object.entries(route.otherBodies ?? {})) bodies[type] = { schema: schema === "text" ? { type: "string" } : components.ref(schema, "input") };
  const permission = route.auth === "admin" && route.permission ? ` A staff session's role needs \`${route.permission}\`.` : "";
  return {
    operationId: operationId(route),
    summary: route.summary,
    description: `Auth: ${AUTH_TEXT[route.auth]}${route.auth === "admin" ? "." : ""}${permission}`,
    tags: [route.tag],
    security: security(route),
    ...(parameters.length ? { parameters } : {}),
    ...(Object.keys(bodies).length ? { requestBody: { required: route.method !== "GET", content: bodies } } : {}),
    responses,
  };
}

const WEBHOOK_HEADERS = [
  { name: "webhook-id", description: "The event's id, equal to the body's `id`: the same on every retry of one event, so a receiver dedupes by it.", schema: { type: "string" } },
  {
    name: "webhook-timestamp",
    description: "Unix seconds when this attempt was sent; reject one far from your clock (Standard Webhooks libraries allow 5 minutes).",
    schema: { type: "string", pattern: "^\\d+$" },
  },
  {
    name: "webhook-signature",
    description:
      "`v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<raw body>`, keyed with the base64-decoded part of the endpoint's `whsec_…` secret (shown once, by `POST /api/admin/webhooks`). Any Standard Webhooks library verifies it.",
    schema: { type: "string", pattern: "^v1,[A-Za-z0-9+/=]+( v1,[A-Za-z0-9+/=]+)*$" },
  },
];

/**
 * OpenAPI 3.1 `webhooks`: the request Lastmile sends to every registered URL (server/features/webhooks):
 * Standard Webhooks 1.0 headers and a CloudEvents 1.0 body in the structured JSON format.
 */
function outgoingWebhooks(components: Components): Record<string, unknown> {
  return {
    orderEvent: {
      post: {
        operationId: "orderEventWebhook",
        summary: "An order event, POSTed to each registered webhook URL",
        description:
          "Sent for every event of the ORDERS stream (`orders.<orderId>.events`), in order per webhook, signed by Standard Webhooks 1.0 (https://www.standardwebhooks.com). The body is a CloudEvents 1.0 event in the structured JSON format; `data` is the order event, `type` is `com.lastmile.` + `data.type`. Any 2xx answer is a delivery; anything else, or no answer within the timeout, is retried with backoff and logged in `GET /api/admin/webhooks/{webhookId}/deliveries`. Redirects are not followed.",
        tags: ["webhooks"],
        security: [],
        parameters: WEBHOOK_HEADERS.map((header) => ({ ...header, in: "header", required: true })),
        requestBody: { required: true, content: { "application/cloudevents+json": { schema: components.ref(ZWebhookPayload, "output") } } },
        responses: {
          "2XX": { description: "Received: the event counts as delivered" },
          default: { description: "Anything else (or no answer) is a failed attempt: retried later" },
        },
      },
    },
  };
}

export interface OpenApiOptions {
  version: string;
  /** PUBLIC_URL when set; the document is relative to where it was fetched otherwise. */
  publicUrl?: string;
  /** Names of the schemas that become components (schema-names.ts). */
  names?: ReadonlyMap<z.ZodType, string>;
}

export function buildOpenApiDocument(routes: readonly RouteDescription[], options: OpenApiOptions): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const components = new Components(options.names ?? new Map());
  for (const route of routes) {
    const path = toOpenApiPath(route.path);
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation(route, components);
  }
  const webhooks = outgoingWebhooks(components);
  return {
    openapi: "3.1.0",
    info: {
      title: "Lastmile API",
      version: options.version,
      description:
        "Live delivery tracking: orders, drivers, routes, GPS and the customer's tracking page. Every error is JSON `{ error: { code, message } }` with a 4xx/5xx status. The NATS subjects an integrator may consume are described by `/api/asyncapi.json`.",
    },
    servers: [{ url: options.publicUrl ?? "/" }],
    tags: [...new Set(routes.map((route) => route.tag))].map((name) => ({ name })),
    paths,
    webhooks,
    components: {
      securitySchemes: {
        adminBearer: { type: "http", scheme: "bearer", description: "`ADMIN_TOKEN` (at least 32 characters): every permission." },
        driverBearer: { type: "http", scheme: "bearer", description: "A driver's token, returned by `POST /api/drivers` and `POST /api/drivers/{driverId}/revoke`." },
        staffSession: { type: "apiKey", in: "cookie", name: SESSION_COOKIE, description: "The session cookie `POST /api/admin/session` sets (the dashboard's sign-in)." },
        csrfToken: { type: "apiKey", in: "header", name: "X-CSRF-Token", description: "With a session cookie, every write sends the session's `csrfToken`." },
        ...Object.fromEntries(
          Object.entries(SHOP_SIGNATURES).map(([scheme, { header, secret, platform }]) => [
            scheme,
            {
              type: "apiKey",
              in: "header",
              name: header,
              description: `${platform}'s webhook signature: base64(HMAC-SHA256(key = ${secret}, message = the raw request body)), computed by ${platform} for each delivery and checked on the bytes as received (before any JSON parsing).`,
            },
          ]),
        ),
      },
      schemas: { ...components.schemas, Error: toSchema(ZApiErrorAnswer, "output") },
      responses: {
        Error: { description: "The API's one error shape", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
      },
    },
  };
}
