/** "Last seen N min ago" and the silent-driver warning. Pure: no framework imports. */

export type LastSeen = {
  /** No fix for longer than the allowed silence. */
  isSilent: boolean;
  /** Whole minutes since the last fix, never negative (a device clock ahead of ours reads 0). */
  minutesAgo: number;
};

export function describeLastSeen(lastFixAtMs: number, nowMs: number, silentAfterMs: number): LastSeen {
  const elapsedMs = Math.max(0, nowMs - lastFixAtMs);
  return { isSilent: elapsedMs > silentAfterMs, minutesAgo: Math.floor(elapsedMs / 60_000) };
}
