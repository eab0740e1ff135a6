"use client";
import { useState } from "react";
import { adminFetch, errorMessage } from "@/lib/admin/admin-api";
import { useAdminMessages } from "@/lib/admin/use-admin-messages";
import { describeImportLine } from "@/lib/i18n/admin-messages";
import { formatTime } from "@/lib/i18n/format";
import { useLocale } from "@/lib/i18n/locale-provider";
import { ZImportReport, type TImportReport } from "@/lib/schemas/admin-responses";
import { Button } from "../ui/button";
import { Table, Td } from "../ui/table";

/**
 * Paste or pick a CSV; the preview shows the orders as they will be created and each bad line
 * with its reason in words; only after the person confirms are the valid rows imported.
 */
export function CsvImport({ onImported }: { onImported(): void }) {
  const t = useAdminMessages();
  const locale = useLocale();
  const [csv, setCsv] = useState("");
  const [report, setReport] = useState<TImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const send = async (isDryRun: boolean) => {
    setError(null);
    setIsBusy(true);
    try {
      const answer = await adminFetch(ZImportReport, "POST", "/api/admin/orders/import", { csv, isDryRun });
      setReport(answer);
      if (!isDryRun) onImported();
    } catch (failure) {
      setReport(null);
      setError(errorMessage(failure));
    } finally {
      setIsBusy(false);
    }
  };
  const onText = (text: string) => {
    setCsv(text);
    setReport(null);
  };
  const preview = report?.isDryRun ? report : null;
  const h = t.csv.headers;

  return (
    <section className="card admin-form" aria-label={t.csv.title}>
      <h2>{t.csv.title}</h2>
      <p>
        {t.csv.columnsIntro} <code>customerName, address, lat, lng</code> {t.csv.columnsOptional} <code>dueAt</code> {t.csv.dueFormat}.
      </p>
      <input
        type="file"
        accept=".csv,text/csv"
        aria-label={t.csv.file}
        data-testid="csv-file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void file.text().then(onText);
        }}
      />
      <textarea rows={5} value={csv} onChange={(event) => onText(event.target.value)} aria-label={t.csv.text} data-testid="csv-text" />
      <div className="admin-actions">
        <Button disabled={!csv || isBusy} onClick={() => void send(true)} data-testid="csv-preview">
          {t.csv.preview}
        </Button>
      </div>
      {error && (
        <p className="admin-error" role="alert">
          {error}
        </p>
      )}
      {preview && (
        <div data-testid="csv-report">
          <p data-testid="csv-summary" role="status">
            {t.csv.ready(preview.valid.length)}
            {preview.errors.length > 0 ? `; ${t.csv.withProblems(preview.errors.length)}` : ""}.
          </p>
          {preview.valid.length > 0 && (
            <div className="admin-preview">
              <Table data-testid="csv-rows">
                <caption className="admin-section-title">{t.csv.previewTitle}</caption>
                <thead>
                  <tr>
                    <th scope="col">{h.line}</th>
                    <th scope="col">{h.customer}</th>
                    <th scope="col">{h.address}</th>
                    <th scope="col">{h.position}</th>
                    <th scope="col">{h.due}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.valid.map((row) => (
                    <tr key={row.line} data-testid="csv-row" data-line={row.line}>
                      <Td label={h.line}>{row.line}</Td>
                      <Td label={h.customer}>{row.customerName}</Td>
                      <Td label={h.address}>{row.address}</Td>
                      <Td label={h.position}>
                        {row.lat}, {row.lng}
                      </Td>
                      <Td label={h.due}>{row.dueAt ? <time dateTime={row.dueAt}>{formatTime(row.dueAt)}</time> : t.csv.noDue}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </div>
          )}
          {preview.errors.length > 0 && (
            <>
              <h3 className="admin-section-title">{t.csv.problemsTitle}</h3>
              <ul>
                {preview.errors.map((row) => (
                  <li key={row.line} data-testid="csv-error" data-line={row.line} className="admin-error">
                    {row.problems.length > 0 ? describeImportLine(locale, row.line, row.problems) : row.message}
                  </li>
                ))}
              </ul>
            </>
          )}
          {preview.valid.length > 0 ? (
            <Button variant="primary" disabled={isBusy} onClick={() => void send(false)} data-testid="csv-import">
              {t.csv.importRows(preview.valid.length)}
            </Button>
          ) : (
            <p>{t.csv.nothingValid}</p>
          )}
        </div>
      )}
      {report && !report.isDryRun && (
        <p data-testid="csv-summary" role="status">
          {t.csv.imported(report.imported.length)}
          {report.errors.length > 0 ? ` ${t.csv.skipped(report.errors.length)}` : ""}
        </p>
      )}
    </section>
  );
}
