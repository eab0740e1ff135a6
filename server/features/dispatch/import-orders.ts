import { randomUUID } from "node:crypto";
import { parseCsv } from "../../../lib/domain/csv";
import { describeImportLine } from "../../../lib/i18n/admin-messages";
import { importProblemsOf, ZImportRow, type TImportRow } from "../../../lib/schemas/admin";
import type { TImportReport } from "../../../lib/schemas/admin-responses";
import { toOrderContact } from "../../../lib/schemas/order-contact";
import { generateToken, hashToken } from "../../platform/auth/tokens";
import { InvalidCsv } from "../../platform/domain-errors";
import type { CoreDeps } from "../../deps";
import { commitAndPublish } from "../../pipeline/outbox/commit-and-publish";
import { recordOrderEvent } from "../orders/order-events";
import { enqueueUnrouted } from "../orders/route-events";

export const MAX_IMPORT_ROWS = 2000;

/** Header names a spreadsheet may use for each field (compared lower-case, without spaces, _ or -). */
const HEADER_ALIASES: Record<keyof TImportRow, string[]> = {
  customerName: ["customername", "customer", "name"],
  address: ["address", "deliveryaddress"],
  lat: ["lat", "latitude"],
  lng: ["lng", "lon", "long", "longitude"],
  dueAt: ["dueat", "due", "deadline"],
  senderName: ["sendername", "sender", "shop"],
  orderNumber: ["ordernumber", "orderno", "ordernr", "reference"],
  senderPhone: ["senderphone"],
  senderEmail: ["senderemail"],
  customerPhone: ["customerphone", "phone", "telephone", "mobile"],
  customerEmail: ["customeremail", "email"],
};

/** Each valid row as it will be created; each bad line with its problems; `imported`: when rows were stored, each new order's id and tracking link, by line. */
export type ImportReport = TImportReport;

function columnsOf(header: string[]): Map<keyof TImportRow, number> {
  const normalised = header.map((cell) => cell.toLowerCase().replace(/[\s_-]/g, ""));
  const columns = new Map<keyof TImportRow, number>();
  for (const [field, aliases] of Object.entries(HEADER_ALIASES) as [keyof TImportRow, string[]][]) {
    const index = normalised.findIndex((name) => aliases.includes(name));
    if (index >= 0) columns.set(field, index);
  }
  const missing = (["customerName", "address", "lat", "lng"] as const).filter((field) => !columns.has(field));
  if (missing.length) throw new InvalidCsv(`the header line lacks column(s): ${missing.join(", ")}`);
  return columns;
}

/**
 * Imports orders from CSV. Every row is validated first; the valid ones are then stored in ONE
 * transaction (all or none of them, with their order.created and order.unrouted events), and
 * each bad row is reported by line number. A dry run validates and reports without storing.
 * The reply waits for the events (best effort: the tracking links are shown only in it).
 */
export async function importOrders(deps: Pick<CoreDeps, "prisma" | "outbox">, csv: string, isDryRun: boolean): Promise<ImportReport> {
  const [header, ...rows] = parseCsv(csv);
  if (!header) throw new InvalidCsv("the file is empty");
  if (rows.length === 0) throw new InvalidCsv("the file has a header line but no orders");
  if (rows.length > MAX_IMPORT_ROWS) throw new InvalidCsv(`at most ${MAX_IMPORT_ROWS} rows per import; this file has ${rows.length}`);
  const columns = columnsOf(header.cells);

  const valid: (TImportRow & { line: number })[] = [];
  const errors: ImportReport["errors"] = [];
  for (const row of rows) {
    const record = Object.fromEntries([...columns].map(([field, index]) => [field, row.cells[index] ?? ""]));
    const parsed = ZImportRow.safeParse(record);
    if (parsed.success) valid.push({ ...parsed.data, line: row.line });
    else {
      // Codes for the dashboard (it says them in the reader's language), a sentence for everyone else; never the validator's text.
      const problems = importProblemsOf(parsed.error.issues);
      // A field without words yet (a column added later) still names itself rather than say nothing.
      const unnamed = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? "row")))].join(", ");
      errors.push({ line: row.line, problems, message: problems.length > 0 ? describeImportLine("en", row.line, problems) : `Line ${row.line}: ${unnamed} not valid` });
    }
  }
  const report: ImportReport = {
    isDryRun,
    valid: valid.map(({ line, customerName, address, lat, lng, dueAt }) => ({ line, customerName, address, lat, lng, dueAt: dueAt ? dueAt.toISOString() : null })),
    errors,
    imported: [],
  };
  if (isDryRun || valid.length === 0) return report;

  const at = Date.now();
  report.imported = await commitAndPublish(
    deps,
    async (out) => {
      const { tx } = out;
      const imported: ImportReport["imported"] = [];
      for (const row of valid) {
        const id = randomUUID();
        const token = generateToken();
        const created = await tx.order.create({
          data: {
            id,
            customerName: row.customerName,
            address: row.address,
            lat: row.lat,
            lng: row.lng,
            dueAt: row.dueAt ?? null,
            ...toOrderContact(row),
            status: "created",
            statusAt: new Date(at),
            trackingTokenHash: hashToken(token),
          },
        });
        await recordOrderEvent(out, { type: "order.created", orderId: id, at, lat: row.lat, lng: row.lng, address: row.address, status: "created" }, `${id}:created`);
        await enqueueUnrouted(out, created, at);
        imported.push({ line: row.line, id, trackingUrl: `/track/${token}` });
      }
      return imported;
    },
    { timeout: 120_000, publication: "best-effort", waitMs: 30_000 },
  );
  return report;
}
