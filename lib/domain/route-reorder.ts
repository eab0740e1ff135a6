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

/** A draft laid over the route as it is now: what the editor shows and what Save sends. */
export interface ReconciledDraft {
  /** The draft's order for the stops still on the route, then stops added since, at the end. */
  order: string[];
  /** Stops added to the route after the draft was started (another dispatcher, a new order). */
  added: string[];
  /** Stops in the draft that left the route meanwhile (finished, cancelled, moved away). */
  gone: string[];
  /** False when the draft puts the stops in the order they already have: nothing to save. */
  isChanged: boolean;
}

/**
 * Lays an unsaved reorder over the route as the server has it now. The route keeps changing while
 * a dispatcher edits (stops finish, orders are added): saving the draft as it was would take the
 * new orders off the route, and show finished ones again. So the draft keeps its order for the
 * stops still there, and new stops go last, where a newly assigned order would go.
 */
export function reconcileDraft(draft: readonly string[], current: readonly string[]): ReconciledDraft {
  const now = new Set(current);
  const drafted = new Set(draft);
  const kept = draft.filter((id) => now.has(id));
  const added = current.filter((id) => !drafted.has(id));
  const order = [...kept, ...added];
  return { order, added, gone: draft.filter((id) => !now.has(id)), isChanged: order.some((id, index) => id !== current[index]) };
}
