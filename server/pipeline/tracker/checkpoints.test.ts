// Checkpoints written as one statement from array parameters: each state's JSON text arrives as
// the same document, several partitions go in together, and a checkpoint never moves back.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createTestDatabase, type TestDatabase } from "../../../testing/test-database";
import { readCheckpoint, writeCheckpoints } from "./checkpoints";
import type { FleetSnapshot } from "./fleet-state";

let db: TestDatabase;
before(async () => {
  db = await createTestDatabase();
});
after(async () => {
  await db.close();
});

const stateWith = (orderIds: string[]): FleetSnapshot => ({ drivers: [], orders: orderIds.map((id) => ({ id }) as unknown as FleetSnapshot["orders"][number]) });

test("several partitions in one write, each state read back as it was written (quotes and backslashes included)", async () => {
  const tricky = stateWith(['o"1', "o\\2", "o,{3}", "ñ 4"]);
  await writeCheckpoints(db.prisma, [
    { partition: 0, appliedSeq: 10, stateJson: JSON.stringify(tricky) },
    { partition: 1, appliedSeq: 2 ** 40, stateJson: JSON.stringify(stateWith(["a"])) },
  ]);
  assert.deepEqual(await readCheckpoint(db.prisma, 0), { partition: 0, appliedSeq: 10, state: tricky });
  assert.deepEqual(await readCheckpoint(db.prisma, 1), { partition: 1, appliedSeq: 2 ** 40, state: stateWith(["a"]) });
});

test("a checkpoint never moves back: an older sequence loses to the one written", async () => {
  await writeCheckpoints(db.prisma, [{ partition: 2, appliedSeq: 50, stateJson: JSON.stringify(stateWith(["new"])) }]);
  await writeCheckpoints(db.prisma, [{ partition: 2, appliedSeq: 40, stateJson: JSON.stringify(stateWith(["old"])) }]);
  assert.deepEqual(await readCheckpoint(db.prisma, 2), { partition: 2, appliedSeq: 50, state: stateWith(["new"]) });
  await writeCheckpoints(db.prisma, [{ partition: 2, appliedSeq: 51, stateJson: JSON.stringify(stateWith(["newer"])) }]);
  assert.equal((await readCheckpoint(db.prisma, 2))?.appliedSeq, 51);
});
