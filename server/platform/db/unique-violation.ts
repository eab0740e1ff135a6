/**
 * Prisma's documented error code for a unique constraint that refused a write (P2002): two
 * requests that both checked a name was free, then both inserted it. The loser's write is the
 * conflict its caller reports, never a 500.
 */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/** Runs `write`; a unique violation becomes `conflict()` (a domain error), anything else is rethrown. */
export async function orConflict<T>(write: () => Promise<T>, conflict: () => Error): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw isUniqueViolation(error) ? conflict() : error;
  }
}
