import type { Tx } from "../../deps";

/**
 * Adds one message to the outbox inside the caller's transaction: it exists (and will be
 * published, with msgID = `msgId`) exactly when the transaction commits. A second enqueue of
 * the same id in a later transaction is ignored, like JetStream ignores a repeated msgID.
 */
export async function enqueue(tx: Tx, subject: string, payload: unknown, msgId: string): Promise<string> {
  const text = typeof payload === "string" ? payload : JSON.stringify(payload);
  await tx.$executeRaw`INSERT INTO outbox (id, subject, payload) VALUES (${msgId}, ${subject}, ${text}) ON CONFLICT (id) DO NOTHING`;
  return msgId;
}

/** The ids of messages still waiting in the outbox for any of `subjects` (a retried request waits for them). */
export async function pendingIds(tx: Tx, subjects: readonly string[]): Promise<string[]> {
  if (subjects.length === 0) return [];
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM outbox WHERE subject = ANY(${[...subjects]}::text[]) ORDER BY position`;
  return rows.map((row) => row.id);
}
