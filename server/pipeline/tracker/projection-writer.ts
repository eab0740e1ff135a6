/**
 * The tracker's database writes, off the hot path (DESIGN.md invariant 6): views and progress
 * events go out to JetStream as messages are applied; this queues the projections (drivers'
 * last positions, ETA predictions and their settlement, order.progress rows of order_events) and
 * the partitions' checkpoints, and writes them in batches about once a second, projections
 * first, so a checkpoint is never ahead of the projections of what it covers.
 *
 * Every row has a deterministic id or is an upsert, so a replay after a takeover writes nothing
 * twice. Rows of drivers or orders the database does not know are skipped (JOIN / EXISTS).
 */
import type { PrismaClient } from "../../../generated/prisma/client";
import type { Fix } from "../../../lib/domain/gps-filter";
import { writeCheckpoints, type CheckpointWrite } from "./checkpoints";

export interface PredictionRow {
  id: string;
  orderId: string;
  predictedAt: number;
  arrivalAt: string;
  earliestAt: string;
  latestAt: string;
  stopsAway: number | null;
}

export interface ProgressRow {
  id: string;
  orderId: string;
  data: { stage: string; stopsAway: number | null };
  occurredAt: number;
}

/** Rows queued beyond this (a database down for minutes) are dropped oldest first, with a log. */
const MAX_QUEUED_ROWS = 50_000;

const iso = (ms: number) => new Date(ms).toISOString();

export class ProjectionWriter {
  /** Bound: one entry per driver of the owned partitions (the last fix wins). */
  private locations = new Map<string, { driverId: string; fix: Fix }>();
  /** Bound: MAX_QUEUED_ROWS, emptied every flush. */
  private predictions: PredictionRow[] = [];
  /** Bound: MAX_QUEUED_ROWS, emptied every flush. */
  private settlements: { orderId: string; actualAt: number }[] = [];
  /** Bound: MAX_QUEUED_ROWS, emptied every flush. */
  private progress: ProgressRow[] = [];
  /** Bound: one per partition. */
  private checkpoints = new Map<number, CheckpointWrite>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly log: (message: string, error?: unknown) => void,
    private readonly intervalMs = 1_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.flush().catch(() => undefined), this.intervalMs);
  }

  location(driverId: string, fix: Fix): void {
    this.locations.set(driverId, { driverId, fix });
  }

  prediction(row: PredictionRow): void {
    this.push(this.predictions, row);
  }

  settle(orderId: string, actualAt: number): void {
    this.push(this.settlements, { orderId, actualAt });
  }

  progressRow(row: ProgressRow): void {
    this.push(this.progress, row);
  }

  checkpoint(checkpoint: CheckpointWrite): void {
    this.checkpoints.set(checkpoint.partition, checkpoint);
  }

  /** Forget a partition's pending checkpoint (its owner died or was fenced). */
  dropCheckpoint(partition: number): void {
    this.checkpoints.delete(partition);
  }

  private push<T>(queue: T[], row: T): void {
    queue.push(row);
    if (queue.length > MAX_QUEUED_ROWS) {
      queue.splice(0, queue.length - MAX_QUEUED_ROWS);
      this.log(`projection queue over ${MAX_QUEUED_ROWS} rows: dropped the oldest`);
    }
  }

  /** Writes everything queued; concurrent calls wait for the same round and then run another. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    this.flushing = this.write().finally(() => {
      this.flushing = null;
    });
    await this.flushing;
  }

  private async write(): Promise<void> {
    const locations = [...this.locations.values()];
    const predictions = this.predictions;
    const settlements = this.settlements;
    const progress = this.progress;
    const checkpoints = [...this.checkpoints.values()];
    this.locations = new Map();
    this.predictions = [];
    this.settlements = [];
    this.progress = [];
    this.checkpoints = new Map();
    try {
      await this.writeLocations(locations);
      await this.writePredictions(predictions);
      await this.writeSettlements(settlements);
      await this.writeProgress(progress);
      await writeCheckpoints(this.prisma, checkpoints);
    } catch (error) {
      // Put everything back (newer entries queued meanwhile win) and try again next round.
      for (const entry of locations) if (!this.locations.has(entry.driverId)) this.locations.set(entry.driverId, entry);
      this.predictions = [...predictions, ...this.predictions].slice(-MAX_QUEUED_ROWS);
      this.settlements = [...settlements, ...this.settlements].slice(-MAX_QUEUED_ROWS);
      this.progress = [...progress, ...this.progress].slice(-MAX_QUEUED_ROWS);
      for (const checkpoint of checkpoints) if (!this.checkpoints.has(checkpoint.partition)) this.checkpoints.set(checkpoint.partition, checkpoint);
      this.log("tracker projections failed; retrying", error);
      throw error;
    }
  }

  private async writeLocations(entries: { driverId: string; fix: Fix }[]): Promise<void> {
    if (!entries.length) return;
    const rows = entries.map(({ driverId, fix }) => ({
      driver_id: driverId,
      lat: fix.lat,
      lng: fix.lng,
      accuracy: fix.accuracy ?? null,
      speed: fix.speed ?? null,
      heading: fix.heading ?? null,
      seq: fix.seq ?? null,
      recorded_at: iso(fix.at),
    }));
    await this.prisma.$executeRaw`
      INSERT INTO driver_locations (driver_id, lat, lng, accuracy, speed, heading, seq, recorded_at, updated_at)
      SELECT x.driver_id, x.lat, x.lng, x.accuracy, x.speed, x.heading, x.seq, x.recorded_at, now()
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS x(driver_id text, lat float8, lng float8, accuracy float8, speed float8, heading float8, seq bigint, recorded_at timestamp)
      JOIN drivers d ON d.id = x.driver_id
      ON CONFLICT (driver_id) DO UPDATE SET lat = EXCLUDED.lat, lng = EXCLUDED.lng, accuracy = EXCLUDED.accuracy, speed = EXCLUDED.speed,
        heading = EXCLUDED.heading, seq = EXCLUDED.seq, recorded_at = EXCLUDED.recorded_at, updated_at = EXCLUDED.updated_at
      WHERE driver_locations.recorded_at <= EXCLUDED.recorded_at`;
  }

  private async writePredictions(rows: PredictionRow[]): Promise<void> {
    if (!rows.length) return;
    const json = rows.map((row) => ({
      id: row.id,
      order_id: row.orderId,
      predicted_at: iso(row.predictedAt),
      arrival_at: row.arrivalAt,
      earliest_at: row.earliestAt,
      latest_at: row.latestAt,
      stops_away: row.stopsAway,
    }));
    await this.prisma.$executeRaw`
      INSERT INTO eta_predictions (id, order_id, predicted_at, arrival_at, earliest_at, latest_at, stops_away)
      SELECT x.id, x.order_id, x.predicted_at, x.arrival_at, x.earliest_at, x.latest_at, x.stops_away
      FROM jsonb_to_recordset(${JSON.stringify(json)}::jsonb)
        AS x(id text, order_id text, predicted_at timestamp, arrival_at timestamp, earliest_at timestamp, latest_at timestamp, stops_away int)
      WHERE EXISTS (SELECT 1 FROM orders o WHERE o.id = x.order_id)
      ON CONFLICT (id) DO NOTHING`;
  }

  /** On delivery: each prediction's error against when the driver reached the door. */
  private async writeSettlements(rows: { orderId: string; actualAt: number }[]): Promise<void> {
    if (!rows.length) return;
    const json = rows.map((row) => ({ order_id: row.orderId, actual_at: iso(row.actualAt) }));
    await this.prisma.$executeRaw`
      UPDATE eta_predictions p SET actual_at = x.actual_at,
        error_seconds = round(extract(epoch FROM (x.actual_at - p.arrival_at)))::int
      FROM jsonb_to_recordset(${JSON.stringify(json)}::jsonb) AS x(order_id text, actual_at timestamp)
      WHERE p.order_id = x.order_id AND p.actual_at IS NULL`;
  }

  private async writeProgress(rows: ProgressRow[]): Promise<void> {
    if (!rows.length) return;
    const json = rows.map((row) => ({ id: row.id, order_id: row.orderId, data: row.data, occurred_at: iso(row.occurredAt) }));
    await this.prisma.$executeRaw`
      INSERT INTO order_events (id, order_id, type, data, occurred_at)
      SELECT x.id, x.order_id, 'order.progress', x.data, x.occurred_at
      FROM jsonb_to_recordset(${JSON.stringify(json)}::jsonb) AS x(id text, order_id text, data jsonb, occurred_at timestamp)
      WHERE EXISTS (SELECT 1 FROM orders o WHERE o.id = x.order_id)
      ON CONFLICT (id) DO NOTHING`;
  }

  /** Writes what is queued and stops the timer. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush().catch(() => undefined);
  }

  /** As a crash would: stop without writing what is queued. */
  abandon(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.locations.clear();
    this.predictions = [];
    this.settlements = [];
    this.progress = [];
    this.checkpoints.clear();
  }
}
