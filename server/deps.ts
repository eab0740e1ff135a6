import type { JetStreamClient, JetStreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import type { PrismaClient } from "../generated/prisma/client";
import type { Clock } from "./platform/clock";
import type { OutboxPublisher } from "./pipeline/outbox/outbox-publisher";

/** What domain functions in server/ need from the outside world; tests pass real ones. */
export interface CoreDeps {
  prisma: PrismaClient;
  js: JetStreamClient;
  jsm: JetStreamManager;
  nc: NatsConnection;
  /** Publishes what transactions put in the outbox, after COMMIT (server/pipeline/outbox). */
  outbox: OutboxPublisher;
  /** The pipeline's time (server/platform/clock.ts): unset, real time; a replay test sets a simulated one. */
  clock?: Clock;
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
