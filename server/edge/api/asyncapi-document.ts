/**
 * The AsyncAPI 3.0 document of the event backbone: every NATS subject an integrator may consume,
 * with its payload generated from the zod schema every consumer of ours parses it with
 * (lib/schemas/events.ts, order-view.ts). Subjects not listed are the processes' own
 * (INTERNAL_SUBJECTS, with the reason each is not an integrator's).
 */
import { z } from "zod";
import { ZLocationEvent, ZOrderEvent, ZRouteEvent, ZUnroutedOrderEvent } from "../../../lib/schemas/events";
import { ZOrderView } from "../../../lib/schemas/order-view";
import { NATS_INTEGRATION_USER } from "../../platform/backbone/nats-server-process";
import { INTEGRATOR_CHANNELS, STREAMS, subscriptionOf, type IntegratorChannelId } from "../../platform/backbone/subjects";

/** The read-only NATS user integrators connect as (NATS_INTEGRATION_PASSWORD on the child nats-server). */
export const INTEGRATION_USER = NATS_INTEGRATION_USER;

export interface EventChannel {
  /** The channel's key in the document. */
  id: IntegratorChannelId;
  /** NATS subject with `{parameters}` for single tokens (INTEGRATOR_CHANNELS in server/platform/backbone/subjects.ts). */
  address: string;
  parameters: Record<string, string>;
  stream: string;
  description: string;
  message: { name: string; title: string; schema: z.ZodType };
}

/** One description per integrator channel (the type makes it one for each, and no other). */
const CHANNEL_DESCRIPTIONS: Record<IntegratorChannelId, Omit<EventChannel, "id" | "address">> = {
  orderEvents: {
    parameters: { orderId: "The order's id (`id` of `POST /api/orders`)." },
    stream: STREAMS.orders,
    description:
      "Everything that happens to an order, in order (`type`: order.created, order.status_changed, order.route_changed, order.progress, …). Published after the change is committed (an outbox), with `Nats-Msg-Id` the outbox row's id; JetStream drops a re-sent duplicate. Consume `orders.*.events` with a durable consumer on the ORDERS stream to resume after a restart.",
    message: { name: "orderEvent", title: "Order event", schema: ZOrderEvent },
  },
  orderViews: {
    parameters: { orderId: "The order's id." },
    stream: STREAMS.orderViews,
    description:
      "What the order's customer sees, recomputed by the tracker on every fix and stop change: status, stops away, ETA window, and the driver's position only while the privacy rule allows it. `version` only grows; drop anything not newer. The ORDER_VIEWS stream keeps the last view per order.",
    message: { name: "orderView", title: "Order view", schema: ZOrderView },
  },
  driverLocations: {
    parameters: { partition: "The driver's tracker partition (a hash of the driver id: 0 to TRACKER_PARTITIONS − 1, 0–15 by default): subscribe with `*`.", driverId: "The driver's id." },
    stream: STREAMS.locations,
    description: "Every GPS fix a driver's phone or tracker app posted, as received (filtering is the tracker's job).",
    message: { name: "driverLocation", title: "Driver location", schema: ZLocationEvent },
  },
  driverRoutes: {
    parameters: { partition: "The driver's tracker partition: subscribe with `*`.", driverId: "The driver's id." },
    stream: STREAMS.locations,
    description:
      "A driver's open stops in visiting order after each change (route set, a stop's status, an order created or cancelled); stops that left the route in this change are listed once in `left`.",
    message: { name: "driverRoute", title: "Driver route", schema: ZRouteEvent },
  },
  unroutedOrders: {
    parameters: { partition: "The order's partition (a hash of the order id): subscribe with `*`." },
    stream: STREAMS.locations,
    description: "An order on no driver's route was created, changed status, or just left every route.",
    message: { name: "unroutedOrder", title: "Unrouted order", schema: ZUnroutedOrderEvent },
  },
};

/** The channels an integrator may consume: exactly what the `integration` NATS user may subscribe to. */
export const EVENT_CHANNELS: readonly EventChannel[] = (Object.keys(INTEGRATOR_CHANNELS) as IntegratorChannelId[]).map((id) => ({
  id,
  address: INTEGRATOR_CHANNELS[id],
  ...CHANNEL_DESCRIPTIONS[id],
}));

/**
 * Subjects published on the same NATS account that are not for integrators, as NATS wildcard
 * patterns, with why. The AsyncAPI test fails for any other subject it sees that no channel describes.
 */
export const INTERNAL_SUBJECTS: readonly { pattern: string; reason: string }[] = [
  { pattern: "$JS.>", reason: "JetStream's own API, acknowledgements and advisories" },
  { pattern: "$KV.>", reason: "the tracker's KV buckets: partition leases, checkpoints and seq watermarks" },
  { pattern: "_INBOX.>", reason: "request/reply inboxes (JetStream publish acknowledgements, API calls)" },
  { pattern: "lastmile.outbox.nudge", reason: "wakes the process holding the outbox lease; carries nothing" },
  { pattern: "lastmile.drivers.revoked", reason: "tells every process's token cache that a driver token was revoked" },
  { pattern: "lastmile.drivers.*.messages", reason: "'look now' nudges for the driver app's messages; the messages are read through the API" },
];

/** Whether a concrete subject matches a NATS pattern (`*` one token, `>` the rest). */
export function matchesSubject(pattern: string, subject: string): boolean {
  const wanted = pattern.split(".");
  const tokens = subject.split(".");
  for (let index = 0; index < wanted.length; index++) {
    const token = wanted[index];
    if (token === ">") return tokens.length > index;
    if (index >= tokens.length) return false;
    if (token !== "*" && token !== tokens[index]) return false;
  }
  return tokens.length === wanted.length;
}

/** The channel whose address a concrete subject fits (`{parameter}` is one token), or undefined. */
export function channelOfSubject(subject: string, channels: readonly EventChannel[] = EVENT_CHANNELS): EventChannel | undefined {
  const matching = channels.filter((channel) => matchesSubject(subscriptionOf(channel.address), subject));
  // `drivers.3.unassigned.order` also fits no driver channel (they end in .location / .route), so at most one matches.
  return matching[0];
}

/** AsyncAPI's JSON Schema draft-07 (its parser's JSON Schema), as the payload's schema format. */
export const PAYLOAD_SCHEMA_FORMAT = "application/schema+json;version=draft-07";

export function payloadSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: "output", target: "draft-07", unrepresentable: "any" }) as Record<string, unknown>;
  return json;
}

export interface AsyncApiOptions {
  version: string;
  /** `host:port` of the NATS server integrators connect to. */
  natsHost: string;
}

export function buildAsyncApiDocument(options: AsyncApiOptions): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const channel of EVENT_CHANNELS) {
    const { name, title, schema } = channel.message;
    messages[name] = {
      name,
      title,
      contentType: "application/json",
      payload: { schemaFormat: PAYLOAD_SCHEMA_FORMAT, schema: payloadSchema(schema) },
    };
    channels[channel.id] = {
      address: channel.address,
      title,
      description: `${channel.description} Stream: ${channel.stream}.`,
      parameters: Object.fromEntries(Object.entries(channel.parameters).map(([parameter, description]) => [parameter, { description }])),
      messages: { [name]: { $ref: `#/components/messages/${name}` } },
    };
    operations[`receive${channel.id.charAt(0).toUpperCase()}${channel.id.slice(1)}`] = {
      action: "receive",
      channel: { $ref: `#/channels/${channel.id}` },
      summary: `Consume ${title.toLowerCase()} messages`,
      messages: [{ $ref: `#/channels/${channel.id}/messages/${name}` }],
    };
  }
  const internal = INTERNAL_SUBJECTS.map(({ pattern, reason }) => `\`${pattern}\` (${reason})`).join("; ");
  return {
    asyncapi: "3.0.0",
    info: {
      title: "Lastmile event backbone",
      version: options.version,
      description: `The NATS JetStream subjects Lastmile publishes for other systems, every payload JSON. Integrators connect as the read-only user \`${INTEGRATION_USER}\`: they may subscribe and read the streams, not publish. Internal subjects, not described here: ${internal}. The HTTP API is described by \`/api/openapi.json\`.`,
    },
    defaultContentType: "application/json",
    servers: {
      nats: {
        host: options.natsHost,
        protocol: "nats",
        description: "The NATS server (JetStream) of this deployment: NATS_URL, or the child nats-server Lastmile starts.",
        security: [{ $ref: "#/components/securitySchemes/integration" }],
      },
    },
    channels,
    operations,
    components: {
      messages,
      securitySchemes: {
        integration: {
          type: "userPassword",
          description: `User \`${INTEGRATION_USER}\`, password NATS_INTEGRATION_PASSWORD: subscribe-only on the subjects described here.`,
        },
      },
    },
  };
}
