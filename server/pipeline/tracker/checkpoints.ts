/**
 * Checkpoints of the tracker's partitions (table tracker_checkpoints): the LOCATIONS stream
 * sequence applied and the state it produced. A write never moves a partition's checkpoint back
 * (a late write from a previous owner loses to a newer one).
 */
import type { PrismaClient } from "../../../generated/prisma/client";
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
  // One row per checkpoint from three array parameters; each state goes in as the JSON text it
  // already is (serialising it again inside a JSON document would copy every state once more).
  const partitions = checkpoints.map((c) => c.partition);
  const appliedSeqs = checkpoints.map((c) => c.appliedSeq);
  const states = checkpoints.map((c) => c.stateJson);
  await prisma.$executeRaw`
    INSERT INTO tracker_checkpoints (partition, applied_seq, state, updated_at)
    SELECT x.partition, x.applied_seq, x.state::jsonb, now()
    FROM unnest(${partitions}::int[], ${appliedSeqs}::bigint[], ${states}::text[]) AS x(partition, applied_seq, state)
    ON CONFLICT (partition) DO UPDATE SET applied_seq = EXCLUDED.applied_seq, state = EXCLUDED.state, updated_at = EXCLUDED.updated_at
    WHERE tracker_checkpoints.applied_seq < EXCLUDED.applied_seq`;
}
