/**
 * Exactly-once bookkeeping for tracker tests: which stream sequences were published to each
 * partition, which owner sessions started where, and which sequences each session applied.
 * The applications that count are each session's up to where the next session of that
 * partition started (a dead, fenced or restarted owner's state past that point was discarded):
 * every published sequence must be among them exactly once — a bitset with no gaps and no doubles.
 */
import assert from "node:assert/strict";
import { partitionOf } from "../lib/domain/partition";

type Session = { member: string; fromSeq: number; applied: number[] };

export class AppliedLedger {
  /** Per partition, sessions in the order they started. */
  private readonly sessions = new Map<number, Session[]>();
  private readonly current = new Map<string, Session>();
  /** Per partition: published seq → what it was. */
  private readonly published = new Map<number, Map<number, string>>();

  start(partition: number, member: string, fromSeq: number): void {
    const session: Session = { member, fromSeq, applied: [] };
    const list = this.sessions.get(partition) ?? [];
    list.push(session);
    this.sessions.set(partition, list);
    this.current.set(`${partition}/${member}`, session);
  }

  apply(partition: number, member: string, seq: number): void {
    this.current.get(`${partition}/${member}`)?.applied.push(seq);
  }

  expect(driverId: string, seq: number, what: string): void {
    const partition = partitionOf(driverId);
    const map = this.published.get(partition) ?? new Map<number, string>();
    map.set(seq, what);
    this.published.set(partition, map);
  }

  startedPartitions(): number {
    return this.sessions.size;
  }

  sessionsOf(partition: number): readonly Session[] {
    return this.sessions.get(partition) ?? [];
  }

  /** The newest published sequence per partition. */
  lastPublished(): Map<number, number> {
    return new Map([...this.published].map(([partition, seqs]) => [partition, Math.max(...seqs.keys())]));
  }

  /** Asserts every published sequence was applied exactly once; returns how many applications were discarded (replayed by a later session). */
  verify(): { discarded: number; checked: number } {
    let discarded = 0;
    let checked = 0;
    for (const [partition, expected] of this.published) {
      const sessions = this.sessions.get(partition) ?? [];
      const counted = new Map<number, number>();
      sessions.forEach((session, index) => {
        const next = sessions[index + 1];
        for (const seq of session.applied) {
          if (!next || seq < next.fromSeq) counted.set(seq, (counted.get(seq) ?? 0) + 1);
          else discarded++;
        }
      });
      for (const [seq, what] of expected) {
        checked++;
        const times = counted.get(seq) ?? 0;
        if (times !== 1) {
          const summary = sessions.map((s) => ({ member: s.member, fromSeq: s.fromSeq, applied: s.applied.length }));
          assert.fail(`partition ${partition}: seq ${seq} (${what}) applied ${times} times; sessions ${JSON.stringify(summary)}`);
        }
      }
    }
    return { discarded, checked };
  }
}
