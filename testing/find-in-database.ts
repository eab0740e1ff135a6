/**
 * Every column of every table (this schema's) whose value, read as text, contains `needle`, as
 * `table.column`, and how many columns were read (a scan that read none proves nothing). For
 * tests that prove a secret is kept nowhere in the database.
 */
import type { PrismaClient } from "../generated/prisma/client";

export async function columnsHolding(prisma: PrismaClient, needle: string): Promise<{ scanned: number; found: string[] }> {
  const columns = await prisma.$queryRaw<{ table_name: string; column_name: string }[]>`
    SELECT c.table_name, c.column_name
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
     ORDER BY c.table_name, c.column_name`;
  const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const found: string[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    // strpos, not LIKE: tokens are base64url, and `_` is a LIKE wildcard.
    const [row] = await prisma.$queryRawUnsafe<{ hits: bigint }[]>(`SELECT count(*) AS hits FROM ${quoted(table)} WHERE strpos(${quoted(column)}::text, $1) > 0`, needle);
    if (row && row.hits > 0n) found.push(`${table}.${column}`);
  }
  return { scanned: columns.length, found };
}
