"use client";
import { ZImportReport } from "@/lib/schemas/admin-responses";
import { useState } from "react";
import { adminFetch, errorMessage } from "@/lib/admin/admin-api";

type Report = { isDryRun: boolean; valid: { line: number; customerName: string; address: string }[]; errors: { line: number; message: string }[]; imported: { line: number; id: string }[] };

/** Paste or pick a CSV, preview what would be imported and what is wrong, then import the valid rows. */
export function CsvImport({ onImported }: { onImported(): void }) {
  const [csv, setCsv] = useState("");
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);

  const send = async (isDryRun: boolean) => {
    setError(null);
    try {
      const answer = await adminFetch(ZImportReport, "POST", "/api/admin/orders/import", { csv, isDryRun });
      setReport(answer);
      if (!isDryRun) onImported();
    } catch (failure) {
      setReport(null);
      setError(errorMessage(failure));
    }
  };

  return (
    <section className="card admin-form" aria-label="Import orders">
      <h2>Import orders (CSV)</h2>
      <p>
        Columns: <code>customerName, address, lat, lng</code> and optionally <code>dueAt</code> (ISO time).
      </p>
      <input
        type="file"
        accept=".csv,text/csv"
        aria-label="CSV file"
        data-testid="csv-file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void file.text().then((text) => (setCsv(text), setReport(null)));
        }}
      />
      <textarea rows={5} value={csv} onChange={(event) => (setCsv(event.target.value), setReport(null))} aria-label="CSV text" data-testid="csv-text" />
      <div className="admin-actions">
        <button type="button" disabled={!csv} onClick={() => void send(true)} data-testid="csv-preview">
          Preview
        </button>
        <button type="button" disabled={!report?.isDryRun || report.valid.length === 0} onClick={() => void send(false)} data-testid="csv-import">
          Import {report?.isDryRun ? `${report.valid.length} valid row(s)` : ""}
        </button>
      </div>
      {error && <p className="admin-error">{error}</p>}
      {report && (
        <div data-testid="csv-report">
          <p data-testid="csv-summary">
            {report.isDryRun ? `${report.valid.length} row(s) ready, ${report.errors.length} with errors` : `Imported ${report.imported.length} order(s); ${report.errors.length} row(s) skipped`}
          </p>
          <ul>
            {report.errors.map((row) => (
              <li key={row.line} data-testid="csv-error" className="admin-error">
                line {row.line}: {row.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
