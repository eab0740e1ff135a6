/** Reordering a route draft in the route editor (buttons and drag and drop). Pure: no framework imports. */

/**
 * `items` with the one at `from` moved so that it ends up at index `to`; the other items keep
 * their relative order. An index out of range changes nothing (a stale drag or a double click).
 */
export function moveStop<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < 0 || from >= next.length || to >= next.length || from === to) return next;
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}
