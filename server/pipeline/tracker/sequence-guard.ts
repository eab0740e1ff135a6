/**
 * The sequence guard: a partition's state applies each LOCATIONS stream message at most once
 * and in order. A message at or below the last applied sequence (a redelivery, a replay that
 * overlaps the checkpoint) is ignored, so nothing moves state backwards.
 */
export class SequenceGuard {
  constructor(private appliedSeq: number) {}

  get applied(): number {
    return this.appliedSeq;
  }

  /** True (and recorded) when `seq` is newer than everything applied. */
  accept(seq: number): boolean {
    if (seq <= this.appliedSeq) return false;
    this.appliedSeq = seq;
    return true;
  }
}
