/**
 * One owned partition of the tracker: an ORDERED consumer of `drivers.<p>.>` from the
 * checkpoint's applied sequence + 1 (ONE filter subject string: nats-server 2.9 rejects arrays;
 * no durable consumer, no ack wait), the sequence guard, the partition's FleetState, and the
 * outputs of each batch: customer views (version = the LOCATIONS sequence that produced them,
 * msgID `view:<order>:<version>`), order.progress events (msgID from the
 * sequence that produced them), and projections handed to the ProjectionWriter. Every ~1.5 s,
 * between batches and once the batch's publishes are acknowledged, the state is snapshotted into
 * a checkpoint.
 *
 * Replay after a takeover: messages up to the stream's last sequence at start were possibly
 * already applied by the previous owner; their views are computed but held until the replay
 * caught up, then published once with their newest version, so a customer never sees an older
 * version after a newer one. Progress events and projection rows of the replay carry the same
 * ids as the first time and are dropped as duplicates.
 *
 * A failed batch (a publish that timed out) stops the consumer and restarts the partition from
 * its last checkpoint with backoff: nothing is skipped, and the guard keeps state moving forward.
 * So does a consumer that stalls without ending (its node died, see consumer-watchdog.ts).
 */
import { DeliverPolicy, PubHeaders, type ConsumerMessages, type JsMsg } from "@nats-io/jetstream";
import { headers } from "@nats-io/transport-node";
import type { TrackingVisibility } from "../../../lib/domain/driver-visibility";
import { ZLocationEvent, ZRouteEvent, ZUnroutedOrderEvent, type TOrderEvent, type TTrackedOrder } from "../../../lib/schemas/events";
import type { TOrderView } from "../../../lib/schemas/order-view";
import { watchConsumer, type WatchdogTiming } from "../../platform/backbone/consumer-watchdog";
import { parseJsonOrNull } from "../../platform/backbone/parse-json";
import { withTimeout } from "../../platform/async/deadlines";
import { nowMs } from "../../platform/clock";
import { countMalformed } from "../../platform/observability/malformed-messages";
import { STREAMS, subjects } from "../../platform/backbone/subjects";
import { bootstrapPartition } from "./bootstrap-partition";
import { readCheckpoint, writeCheckpoints } from "./checkpoints";
import type { FleetPriorPool } from "./fleet-prior-pool";
import { FleetState, viewOfOffRoute, type AppliedChange, type ViewContent } from "./fleet-state";
import type { ProjectionWriter } from "./projection-writer";
import { isSameContent, toOrderView } from "./view-output";
import { SequenceGuard } from "./sequence-guard";
import type { CoreDeps } from "../../deps";

/** What the tracker and each of its partitions use of the process's dependencies. */
export type TrackerDeps = Pick<CoreDeps, "prisma" | "js" | "jsm" | "nc" | "clock">;

const CHECKPOINT_EVERY_MS = 1_500;
/**
 * Pull requests end after this long, and the server heartbeats at half of it: an ordered
 * consumer whose node died (a cluster losing the stream's leader) is noticed and recreated
 * after ~2 missed heartbeats, seconds rather than the default 30 s expiry's minute.
 */
const PULL_EXPIRES_MS = 5_000;
const MAX_BATCH = 1_000;
/** A batch's views count as out once nats-server answered a ping sent after them; longer fails the batch. */
const VIEW_FLUSH_TIMEOUT_MS = 5_000;
const RESTART_BACKOFF_MS = [200, 500, 1_000, 2_000, 5_000];

export type InputKind = "location" | "route" | "unrouted" | "malformed";

export interface TrackerHooks {
  /** A partition starts applying from `fromSeq` (its checkpoint + 1). */
  onPartitionStart?(partition: number, fromSeq: number, memberId: string): void;
  /** A message passed the guard and was applied (or skipped as malformed) in this state. */
  onApplied?(partition: number, seq: number, kind: InputKind, memberId: string): void;
  /** A view was published. */
  onView?(view: TOrderView): void;
  /** Before a batch's outputs go out; a throw fails the batch as a failed publish would (fault injection in tests). */
  beforePublish?(partition: number, seqs: { first: number; last: number }): void;
}

export interface PartitionWorkerOptions {
  memberId: string;
  visibility: TrackingVisibility;
  writer: ProjectionWriter;
  /** Whether the lease is still certainly ours: a batch whose lease may have lapsed (a stalled event loop) is not published. */
  holdsLease(): boolean;
  log(message: string, error?: unknown): void;
  hooks?: TrackerHooks;
  /** When a consumer that stopped delivering is given up (tests shorten it). */
  watchdog?: Partial<WatchdogTiming>;
  /** The process-wide fleet prior (every owned partition's drivers); without it, this partition's own. */
  fleetPriors?: FleetPriorPool;
}

/** The consumer stopped delivering without ending: restart from the checkpoint (a warning, not an error). */
class ConsumerStalled extends Error {}

type PendingView = { version: number; content: ViewContent | null; offRoute: TTrackedOrder | null };

export class PartitionWorker {
  state: FleetState | null = null;
  /** The last batch left nothing pending on the stream and its outputs are acknowledged. */
  isCaughtUp = false;
  private guard: SequenceGuard | null = null;
  /** Highest sequence whose outputs are all acknowledged (what a checkpoint may claim). */
  private publishedSeq = 0;
  private lastCheckpointAt = 0;
  private checkpointedSeq = 0;
  private messages: ConsumerMessages | null = null;
  /**
   * The ordered consumer on nats-server. Closing its messages does not remove it (an ordered
   * consumer lives on until 5 min of inactivity): every stop or failed run deletes it, or each
   * restart or rebalance would leave one behind per partition.
   */
  private consumer: { delete(): Promise<boolean> } | null = null;
  private running: Promise<void> | null = null;
  private isStopping = false;
  private failures = 0;
  /** Last published content per open order, to skip unchanged views. Bound: the open orders in `state`; evicted with them. */
  private readonly lastContent = new Map<string, ViewContent>();
  /** The ETA minute last recorded per open order. Bound: the open orders in `state`; evicted with them. */
  private readonly lastEtaAt = new Map<string, string>();

  constructor(
    private readonly deps: TrackerDeps,
    readonly partition: number,
    private readonly options: PartitionWorkerOptions,
  ) {}

  /** Orders whose last view content is kept (bounded by the open orders). */
  lastContentSize(): number {
    return this.lastContent.size + this.lastEtaAt.size;
  }

  get appliedSeq(): number {
    return this.guard?.applied ?? 0;
  }

  /** Waiting for `publishedThrough`. Bound: one per caller waiting (tests; resolved as the partition moves on). */
  private publishedWaiters: { seq: number; resolve: () => void }[] = [];

  /**
   * Resolves once this partition has applied every message up to stream sequence `seq` and its
   * outputs (views, progress events) are acknowledged: a precise "caught up" for a test that
   * moves a simulated clock only once the tracker has handled everything posted before.
   */
  publishedThrough(seq: number): Promise<void> {
    if (this.publishedSeq >= seq) return Promise.resolve();
    return new Promise((resolve) => this.publishedWaiters.push({ seq, resolve }));
  }

  private setPublished(seq: number): void {
    this.publishedSeq = seq;
    if (!this.publishedWaiters.length) return;
    const due = this.publishedWaiters.filter((waiter) => waiter.seq <= seq);
    this.publishedWaiters = this.publishedWaiters.filter((waiter) => waiter.seq > seq);
    for (const waiter of due) waiter.resolve();
  }

  start(): void {
    this.running = this.loop();
  }

  private async loop(): Promise<void> {
    while (!this.isStopping) {
      try {
        await this.run();
        if (this.isStopping) return;
        throw new Error("consumer ended");
      } catch (error) {
        // Outputs of the failed batch still in flight: their outcome no longer matters (the replay re-sends them).
        void Promise.allSettled(this.pendingProgress.splice(0));
        // Not awaited: with NATS unreachable the request would hold the restart back.
        void this.deleteConsumer();
        // The state in memory is ahead of what went out: drop it, resume from the checkpoint.
        this.options.fleetPriors?.leave(this.partition);
        this.state = null;
        this.guard = null;
        this.isCaughtUp = false;
        if (this.isStopping) return;
        const delay = RESTART_BACKOFF_MS[Math.min(this.failures, RESTART_BACKOFF_MS.length - 1)]!;
        this.failures++;
        if (error instanceof ConsumerStalled) this.options.log(`partition ${this.partition}: ${error.message}; restarting from its checkpoint in ${delay} ms`);
        else this.options.log(`partition ${this.partition}: restarting from its checkpoint in ${delay} ms`, error);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private async run(): Promise<void> {
    const { deps, partition, options } = this;
    this.state = null;
    this.lastContent.clear();
    this.lastEtaAt.clear();
    const checkpoint = await readCheckpoint(deps.prisma, partition);
    const streamLastSeq = (await deps.jsm.streams.info(STREAMS.locations)).state.last_seq;
    let state: FleetState;
    let applied: number;
    if (checkpoint) {
      state = FleetState.restore(options.visibility, checkpoint.state);
      applied = checkpoint.appliedSeq;
    } else {
      // Last sequence first, then the database: anything committed in between is replayed.
      state = await bootstrapPartition(deps.prisma, partition, options.visibility);
      applied = streamLastSeq;
      // Recorded at once: whoever owns the partition next resumes here, not at a later "first start".
      await writeCheckpoints(deps.prisma, [{ partition, appliedSeq: applied, stateJson: state.serialize() }]);
    }
    if (this.isStopping) return;
    this.state = state;
    const pool = options.fleetPriors;
    if (pool) {
      pool.join(partition, () => state.driverEtaStates());
      state.useFleetPrior((now) => pool.priorAt(now));
    }
    this.guard = new SequenceGuard(applied);
    this.setPublished(applied);
    this.checkpointedSeq = applied;
    // Checkpoint pacing (and leases, the watchdog) stay on real time: they bound how much work a
    // takeover replays, which is the machine's time, not the simulated day's.
    this.lastCheckpointAt = Date.now();
    // Views of messages up to here may be out already (the previous owner's): hold them until caught up.
    let replayUntil = streamLastSeq;
    options.hooks?.onPartitionStart?.(partition, applied + 1, options.memberId);

    const consumer = await deps.js.consumers.get(STREAMS.locations, {
      filter_subjects: subjects.partitionInput(partition),
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: applied + 1,
    });
    if (this.isStopping) return;
    const messages = await consumer.consume({ max_messages: MAX_BATCH, expires: PULL_EXPIRES_MS });
    this.consumer = consumer;
    if (!checkpoint && state.orderIds().length) {
      // First start: the views of what the database holds, stamped with the sequence it starts after.
      const bootstrapped = new Map<string, PendingView>(state.orderIds().map((orderId) => [orderId, { version: applied, content: null, offRoute: null }]));
      await this.publish(state, bootstrapped);
    }
    // An empty partition is caught up at once; the first message says otherwise.
    this.isCaughtUp = (await consumer.info(true)).num_pending === 0;
    this.messages = messages;
    if (this.isStopping) {
      await messages.close();
      return;
    }

    const held = new Map<string, PendingView>();
    let pending: JsMsg[] = [];
    const signal: { wake: (() => void) | null } = { wake: null };
    let isDone = false;
    let deliveredSeq = applied;
    let stallReason: string | null = null;
    const watchdog = watchConsumer({
      messages,
      connection: deps.nc,
      consumerInfo: () => consumer.info(),
      lastStoredSeq: async () => (await deps.jsm.streams.getMessage(STREAMS.locations, { last_by_subj: subjects.partitionInput(partition) }))?.seq ?? 0,
      deliveredSeq: () => deliveredSeq,
      onStall: (reason) => {
        stallReason = reason;
        void messages.close().catch(() => undefined);
      },
      timing: options.watchdog,
    });
    const reader = (async () => {
      try {
        for await (const message of messages) {
          deliveredSeq = message.seq;
          pending.push(message);
          signal.wake?.();
        }
      } finally {
        isDone = true;
        signal.wake?.();
      }
    })();

    try {
      while (!this.isStopping) {
        if (!pending.length) {
          if (isDone) break;
          await new Promise<void>((resolve) => {
            signal.wake = resolve;
          });
          signal.wake = null;
          // Let messages that arrived together be handled together.
          await new Promise((resolve) => setImmediate(resolve));
          continue;
        }
        const batch = pending;
        pending = [];
        this.isCaughtUp = false;
        const last = batch.at(-1)!;
        this.applyBatch(state, batch, held);
        const isReplaying = last.seq < replayUntil && last.info.pending > 0;
        if (isReplaying) continue;
        replayUntil = 0;
        if (!options.holdsLease()) throw new Error("lease no longer certain: not publishing (self-fenced)");
        options.hooks?.beforePublish?.(partition, { first: batch[0]!.seq, last: last.seq });
        await this.publish(state, held);
        held.clear();
        this.setPublished(this.guard.applied);
        this.failures = 0;
        this.maybeCheckpoint(state);
        this.isCaughtUp = last.info.pending === 0 && pending.length === 0;
      }
    } finally {
      watchdog.stop();
      // A failed batch would leave the consumer pulling into nothing: close it (the loop deletes it).
      void messages.close().catch(() => undefined);
    }
    await reader;
    if (stallReason) throw new ConsumerStalled(`consumer stalled: ${stallReason}`);
  }

  /** Applies a batch message by message (the guard first); collects the views to publish. */
  private applyBatch(state: FleetState, batch: JsMsg[], views: Map<string, PendingView>): void {
    const { partition, options } = this;
    const guard = this.guard!;
    const progress: Promise<unknown>[] = [];
    for (const message of batch) {
      if (!guard.accept(message.seq)) continue;
      const seq = message.seq;
      const kind = inputKind(message.subject);
      const payload = parseJsonOrNull(message.string());
      let change: AppliedChange | null = null;
      if (kind === "location") {
        const parsed = ZLocationEvent.safeParse(payload);
        if (parsed.success && message.subject === subjects.driverLocation(parsed.data.driverId)) {
          change = state.applyLocation(parsed.data);
          if (change.acceptedFix) options.writer.location(parsed.data.driverId, change.acceptedFix);
        }
      } else if (kind === "route") {
        const parsed = ZRouteEvent.safeParse(payload);
        if (parsed.success && message.subject === subjects.driverRoute(parsed.data.driverId)) change = state.applyRoute(parsed.data);
      } else if (kind === "unrouted") {
        const parsed = ZUnroutedOrderEvent.safeParse(payload);
        if (parsed.success) {
          views.set(parsed.data.order.orderId, { version: seq, content: null, offRoute: parsed.data.order });
          options.hooks?.onApplied?.(partition, seq, kind, options.memberId);
          continue;
        }
      }
      if (!change) {
        options.log(`partition ${partition}: dropping malformed message ${seq} on ${message.subject}`);
        countMalformed("tracker", kind === "malformed" ? "unknown" : kind);
        options.hooks?.onApplied?.(partition, seq, "malformed", options.memberId);
        continue;
      }
      for (const orderId of change.evicted) {
        this.lastContent.delete(orderId);
        this.lastEtaAt.delete(orderId);
        views.delete(orderId);
      }
      for (const orderId of change.affected) views.set(orderId, { version: seq, content: null, offRoute: null });
      for (const left of change.finished) views.set(left.orderId, { version: seq, content: null, offRoute: left });
      for (const delivered of change.delivered) options.writer.settle(delivered.orderId, delivered.actualAt);
      for (const { orderId, step } of state.progressSteps(change.affected)) {
        const id = `progress:${orderId}:${seq}:${step.stage}`;
        const at = nowMs(this.deps);
        const event: TOrderEvent = { type: "order.progress", orderId, at, stage: step.stage, stopsAway: step.stopsAway };
        progress.push(this.deps.js.publish(subjects.orderEvents(orderId), JSON.stringify(event), { msgID: id, timeout: 5_000 }));
        options.writer.progressRow({ id, orderId, data: { stage: step.stage, stopsAway: step.stopsAway }, occurredAt: at });
      }
      options.hooks?.onApplied?.(partition, seq, kind, options.memberId);
    }
    this.pendingProgress.push(...progress);
  }

  /** Progress publishes started by applyBatch, awaited with the batch's views. */
  private pendingProgress: Promise<unknown>[] = [];

  /**
   * Publishes a batch's views and awaits them with its progress events. Views go out as core
   * publishes on their stream's subjects (ORDER_VIEWS stores them, msgID deduping a replay's),
   * followed by ONE ping: a view is derived state that the next change or a restart from the
   * checkpoint publishes again, so it needs no ack of its own; a JetStream request per view
   * (an inbox reply, a timer and a captured stack each) was the costliest part of a fix.
   */
  private async publish(state: FleetState, views: Map<string, PendingView>): Promise<void> {
    // The pipeline's time (the deps' clock): the ETA counts from it and the predictions are stamped with it.
    const now = nowMs(this.deps);
    const updatedAt = new Date(now).toISOString();
    const publishes = this.pendingProgress;
    this.pendingProgress = [];
    const onRoute = state.viewsOf(
      [...views].flatMap(([orderId, pending]) => (pending.offRoute ? [] : [orderId])),
      now,
    );
    const published: TOrderView[] = [];
    for (const [orderId, pending] of views) {
      const content = pending.offRoute ? viewOfOffRoute(pending.offRoute) : (onRoute.get(orderId) ?? null);
      if (!content) continue;
      if (!pending.offRoute) {
        const last = this.lastContent.get(orderId);
        if (last && isSameContent(last, content)) continue;
        this.lastContent.set(orderId, content);
      }
      const view = toOrderView(content, pending.version, updatedAt);
      const msgHeaders = headers();
      msgHeaders.set(PubHeaders.MsgIdHdr, `view:${orderId}:${pending.version}`);
      this.deps.nc.publish(subjects.orderView(orderId), JSON.stringify(view), { headers: msgHeaders });
      published.push(view);
      // Only predictions made on the way count: once at the door the "ETA" is now, which flatters the model.
      if (content.status === "picked_up" && content.eta && this.lastEtaAt.get(orderId) !== content.eta.at) {
        this.lastEtaAt.set(orderId, content.eta.at);
        this.options.writer.prediction({
          id: `eta:${orderId}:${pending.version}`,
          orderId,
          predictedAt: now,
          arrivalAt: content.eta.at,
          earliestAt: content.eta.earliest,
          latestAt: content.eta.latest,
          stopsAway: content.stopsAway,
        });
      }
    }
    if (published.length) publishes.push(withTimeout(this.deps.nc.flush(), VIEW_FLUSH_TIMEOUT_MS, "nats-server (views)"));
    await Promise.all(publishes);
    const onView = this.options.hooks?.onView;
    if (onView) for (const view of published) onView(view);
  }

  /** Deletes the consumer on nats-server; gives up after a second (NATS unreachable: it expires on its own). */
  private async deleteConsumer(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = null;
    if (!consumer) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([consumer.delete().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, 1_000)))]);
    clearTimeout(timer);
  }

  private maybeCheckpoint(state: FleetState, force = false): void {
    if (this.publishedSeq <= this.checkpointedSeq) return;
    if (!force && Date.now() - this.lastCheckpointAt < CHECKPOINT_EVERY_MS) return;
    this.options.writer.checkpoint({ partition: this.partition, appliedSeq: this.publishedSeq, stateJson: state.serialize() });
    this.checkpointedSeq = this.publishedSeq;
    this.lastCheckpointAt = Date.now();
  }

  /**
   * Stops consuming. With `checkpoint`, queues the state as of the last acknowledged batch and
   * waits for it to be written (a release: the next owner resumes right after). Without (fenced,
   * or a simulated crash), the partition's unwritten checkpoint is dropped.
   */
  async stop(options: { checkpoint: boolean }): Promise<void> {
    this.isStopping = true;
    await this.messages?.close().catch(() => undefined);
    await this.running;
    this.options.fleetPriors?.leave(this.partition);
    // A crash (or a fenced process) leaves its consumer to nats-server's inactivity expiry.
    if (options.checkpoint) await this.deleteConsumer();
    if (!options.checkpoint) {
      this.options.writer.dropCheckpoint(this.partition);
      return;
    }
    if (this.state && this.publishedSeq === this.guard?.applied) {
      this.maybeCheckpoint(this.state, true);
      await this.options.writer.flush();
    }
  }
}

/** `drivers.<p>.<driverId>.location|route` or `drivers.<p>.unassigned.order`. */
function inputKind(subject: string): InputKind {
  const tokens = subject.split(".");
  if (tokens.length !== 4) return "malformed";
  if (tokens[2] === "unassigned") return tokens[3] === "order" ? "unrouted" : "malformed";
  if (tokens[3] === "location") return "location";
  if (tokens[3] === "route") return "route";
  return "malformed";
}
