import { Cell, DataTable } from "@/components/data-table";

// What an upload (or a stopped one) stored: the counts, and the first records that could not be read
// by line, field and reason. The shape is lib/ingest/stream.ts StreamSummary as the upload route sends it.

export interface UploadResult {
  label?: string | null;
  bytes: number;
  records: number;
  batches: number;
  received: number;
  stored: number;
  duplicate: number;
  rejected: number;
  quarantined: number;
  errorCount: number;
  errors: { index: number; line?: number; field: string; reason: string }[];
}

const n = (value: number) => value.toLocaleString("en-US");

export function UploadSummary({ result, heading }: { result: UploadResult; heading: string }) {
  const figures: [string, number, string][] = [
    ["Received", result.received, "text-slate-900"],
    ["Stored", result.stored, "text-emerald-700"],
    ["Duplicate", result.duplicate, "text-slate-600"],
    ["Rejected", result.rejected, result.rejected > 0 ? "text-rose-700" : "text-slate-600"],
  ];
  return (
    <section aria-label={heading} data-testid="upload-summary" className="space-y-3 rounded-lg border border-slate-200 p-4">
      <h3 className="text-sm font-semibold text-slate-800">{heading}</h3>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {figures.map(([label, value, tone]) => (
          <div key={label}>
            <dt className="text-xs uppercase tracking-wide text-slate-500">{label}</dt>
            <dd className={`text-2xl font-semibold tabular-nums ${tone}`} data-testid={`upload-${label.toLowerCase()}`}>
              {n(value)}
            </dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-slate-500">
        {n(result.records)} records in {n(result.batches)} batch{result.batches === 1 ? "" : "es"}. Duplicates were already stored (an earlier upload or a gateway sent them); each event is kept once.
      </p>
      {result.errors.length > 0 && (
        <DataTable caption={`Records that could not be read${result.errorCount > result.errors.length ? ` (first ${result.errors.length} of ${n(result.errorCount)})` : ""}`} headers={["Line", "Field", "Reason"]}>
          {result.errors.map((error, i) => (
            <tr key={`${error.index}-${error.field}-${i}`}>
              <Cell className="tabular-nums">{error.line ?? `#${error.index + 1}`}</Cell>
              <Cell className="font-mono text-xs">{error.field}</Cell>
              <Cell className="text-slate-700">{error.reason}</Cell>
            </tr>
          ))}
        </DataTable>
      )}
      {result.errorCount > result.errors.length && <p className="text-xs text-slate-500">Showing the first {result.errors.length} of {n(result.errorCount)} errors; every rejected record is in the quarantine.</p>}
    </section>
  );
}
