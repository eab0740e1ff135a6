/**
 * Checkpoints of the tracker's partitions (table tracker_checkpoints): the LOCATIONS stream
 * sequence applied and the state it produced. A write never moves a partition's checkpoint back
 * (a late write from a previous owner loses to a newer one).
 */
import type { PrismaClient } from "../../generated/prisma/client";
import type { FleetSnapshot } from "./fleet-state";

export interface Checkpoint {
  partition: number;
  appliedSeq: number;
  state: FleetSnapshot;
}

export async function readCheckpoint(prisma: PrismaClient, partition: number): Promise<Checkpoint | null> {
  const row = await prisma.trackerCheckpoint.findUnique({ where: { partition } });
  if (!row) return null;
  return { partition, appliedSeq: Number(row.appliedSeq), state: row.state as unknown as FleetSnapshot };
}

/** A checkpoint to write: the state already serialised (between batches, once). */
export interface CheckpointWrite {
  partition: number;
  appliedSeq: number;
  stateJson: string;
}

export async function writeCheckpoints(prisma: PrismaClient, checkpoints: readonly CheckpointWrite[]): Promise<void> {
  if (!checkpoints.length) return;
  const rows = `[${checkpoints.map((c) => `{"partition":${c.partition},"applied_seq":${c.appliedSeq},"state":${c.stateJson}}`).join(",")}]`;
  await prisma.$executeRaw`
    INSERT INTO tracker_checkpoints (partition, applied_seq, state, updated_at)
    SELECT x.partition, x.applied_seq, x.state, now()
    FROM jsonb_to_recordset(${rows}::jsonb) AS x(partition int, applied_seq bigint, state jsonb)
    ON CONFLICT (partition) DO UPDATE SET applied_seq = EXCLUDED.applied_seq, state = EXCLUDED.state, updated_at = EXCLUDED.updated_at
    WHERE tracker_checkpoints.applied_seq < EXCLUDED.applied_seq`;
}
