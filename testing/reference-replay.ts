/**
 * Exactly-once proof for trackers we cannot trace (real app processes): replays the LOCATIONS
 * stream of each partition ONCE, in order, in a fresh FleetState in this test process (the
 * tracker's state is deterministic in its input, see fleet-state.ts), and compares what the
 * apps produced against it:
 *
 * - every checkpoint an app wrote (sampled while they ran, and the final ones) must equal the
 *   reference state after applying exactly the partition's messages up to its `appliedSeq`:
 *   a skipped message, one applied twice in a way that changes state, or one applied out of
 *   order shows as a difference (and `fixesApplied` counts every accepted fix);
 * - every customer view the apps published (seen on `orders.*.view`) must equal the reference
 *   view of that order right after the message its version names (ETA left out: it depends on
 *   the wall clock of the moment it was computed).
 */
import type { TrackingVisibility } from "../lib/domain/driver-visibility";
import { ZLocationEvent, ZRouteEvent, ZUnroutedOrderEvent } from "../lib/schemas/events";
import type { TOrderView } from "../lib/schemas/order-view";
import { FleetState, viewOfOffRoute, type FleetSnapshot, type ViewContent } from "../server/pipeline/tracker/fleet-state";
import type { StreamMessage } from "./read-stream";

export type ComparableView = Omit<ViewContent, "eta">;

export function comparable(view: TOrderView | ViewContent): ComparableView {
  return { orderId: view.orderId, status: view.status, stopsAway: view.stopsAway, driver: view.driver, destination: view.destination, statusAt: view.statusAt };
}

export interface SampledCheckpoint {
  partition: number;
  appliedSeq: number;
  state: FleetSnapshot;
}

export interface ReplayResult {
  /** Per partition, the state after every message of it (JSON, as a checkpoint holds it). */
  finalState: Map<number, FleetSnapshot>;
  /** `${orderId}@${seq}` → the view the message at `seq` produced for the order. */
  expectedViews: Map<string, ComparableView>;
  /** Per partition, the highest stream sequence of its messages. */
  lastSeq: Map<number, number>;
  /** Checkpoints compared, and those that differed (with a reason). */
  checkpointsChecked: number;
  mismatches: string[];
}

/**
 * `messages`: the whole LOCATIONS stream in order (seq from 1, none missing: asserted);
 * `checkpoints`: every sampled checkpoint, any partition, any order.
 */
export function replayPartitions(messages: readonly StreamMessage[], checkpoints: readonly SampledCheckpoint[], visibility: TrackingVisibility): ReplayResult {
  const byPartition = new Map<number, StreamMessage[]>();
  for (const message of messages) {
    const partition = Number(message.subject.split(".")[1]);
    const list = byPartition.get(partition) ?? [];
    list.push(message);
    byPartition.set(partition, list);
  }
  const result: ReplayResult = { finalState: new Map(), expectedViews: new Map(), lastSeq: new Map(), checkpointsChecked: 0, mismatches: [] };
  const partitions = new Set([...byPartition.keys(), ...checkpoints.map((checkpoint) => checkpoint.partition)]);
  for (const partition of partitions) {
    const input = byPartition.get(partition) ?? [];
    const pending = checkpoints.filter((checkpoint) => checkpoint.partition === partition).sort((a, b) => a.appliedSeq - b.appliedSeq);
    const state = new FleetState(visibility);
    const compareUpTo = (seq: number) => {
      while (pending.length && pending[0]!.appliedSeq < seq) {
        const checkpoint = pending.shift()!;
        result.checkpointsChecked++;
        const expected = JSON.parse(state.serialize()) as FleetSnapshot;
        if (!isDeepStrictEqual(expected, checkpoint.state)) {
          result.mismatches.push(`partition ${partition} checkpoint at seq ${checkpoint.appliedSeq} differs from applying its messages once: ${firstDifference(expected, checkpoint.state)}`);
        }
      }
    };
    for (const message of input) {
      compareUpTo(message.seq);
      applyLikeTheTracker(state, message, result.expectedViews);
    }
    compareUpTo(Number.POSITIVE_INFINITY);
    result.finalState.set(partition, JSON.parse(state.serialize()) as FleetSnapshot);
    if (input.length) result.lastSeq.set(partition, input.at(-1)!.seq);
  }
  return result;
}

/** What partition-worker.ts's applyBatch does with one message, and the views it leads to. */
function applyLikeTheTracker(state: FleetState, message: StreamMessage, views: Map<string, ComparableView>): void {
  const kind = message.subject.split(".")[3];
  const seq = message.seq;
  if (message.subject.split(".")[2] === "unassigned") {
    const parsed = ZUnroutedOrderEvent.safeParse(message.data);
    if (parsed.success) views.set(`${parsed.data.order.orderId}@${seq}`, comparable(viewOfOffRoute(parsed.data.order)));
    return;
  }
  let change;
  if (kind === "location") {
    const parsed = ZLocationEvent.safeParse(message.data);
    if (!parsed.success) return;
    change = state.applyLocation(parsed.data);
  } else if (kind === "route") {
    const parsed = ZRouteEvent.safeParse(message.data);
    if (!parsed.success) return;
    change = state.applyRoute(parsed.data);
  } else {
    return;
  }
  // The worker computes milestones after every message: they are part of the state.
  state.progressSteps(change.affected);
  for (const [orderId, view] of state.viewsOf(change.affected, Date.now())) views.set(`${orderId}@${seq}`, comparable(view));
  for (const left of change.finished) views.set(`${left.orderId}@${seq}`, comparable(viewOfOffRoute(left)));
}

function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  return firstDifference(a, b) === null;
}

/** The first path where two JSON values differ (key order ignored), or null. */
export function firstDifference(a: unknown, b: unknown, path = "$"): string | null {
  if (Object.is(a, b)) return null;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${path}: expected ${JSON.stringify(a)}, got ${JSON.stringify(b)}`;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const difference = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
    if (difference) return difference;
  }
  return null;
}
