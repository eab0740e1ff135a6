/**
 * One read shared by every caller that asked while it had not been sent yet: each caller gets the
 * result of a read that STARTED after its call (never an older one), and callers arriving while a
 * read is under way wait for the next, which starts when that one ends. N callers at once cost
 * one read, or two, instead of N. A failed read fails the callers it served; the next call reads anew.
 */
export function freshRead<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<unknown> | null = null;
  let next: Promise<T> | null = null;
  const start = (): Promise<T> => {
    const result = read();
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    running = settled;
    void settled.then(() => {
      if (running === settled) running = null;
    });
    return result;
  };
  return () => {
    if (next) return next;
    if (!running) return start();
    const queued = running.then(() => {
      if (next === queued) next = null;
      return start();
    });
    next = queued;
    return queued;
  };
}
