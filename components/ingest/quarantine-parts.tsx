import { Badge } from "@/components/ui";
import type { QuarantineError } from "@/lib/ingest/quarantine/queries";

// Small pieces of the quarantine pages: a record's status and its errors (field + reason).

const STATUS_TONES = { open: "warn", replayed: "good", discarded: "neutral" } as const;

export function QuarantineStatusBadge({ status }: { status: "open" | "replayed" | "discarded" }) {
  return <Badge tone={STATUS_TONES[status]}>{status}</Badge>;
}

/** Where the record was in what the gateway sent: its line (line-oriented input) and index. */
export function recordPosition(row: { recordIndex: number; line: number | null }): string {
  return row.line !== null ? `line ${row.line} (record ${row.recordIndex + 1})` : `record ${row.recordIndex + 1}`;
}

export function QuarantineErrorList({ errors, limit, label }: { errors: QuarantineError[]; limit?: number; label: string }) {
  const shown = limit === undefined ? errors : errors.slice(0, limit);
  if (errors.length === 0) return <p className="text-sm text-slate-500">No errors.</p>;
  return (
    <ul className="space-y-1" aria-label={label}>
      {shown.map((error, index) => (
        <li key={index} className="text-sm">
          <code className="rounded bg-slate-100 px-1 text-xs">{error.field}</code> <span className="text-slate-700">{error.reason}</span>
        </li>
      ))}
      {shown.length < errors.length && <li className="text-xs text-slate-500">and {errors.length - shown.length} more</li>}
    </ul>
  );
}
