import { diffAuditValues, displayValue, type DiffStatus } from "./diff";

const ROW_TONES: Record<DiffStatus, string> = {
  changed: "bg-amber-50",
  added: "bg-emerald-50",
  removed: "bg-rose-50",
  unchanged: "text-slate-500",
};

const STATUS_LABELS: Record<DiffStatus, string> = { changed: "changed", added: "added", removed: "removed", unchanged: "" };

/** Before and after side by side, one line per field, the fields that changed highlighted. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const rows = diffAuditValues(before, after);
  if (rows.length === 0) return <p className="text-sm text-slate-500">No before or after values were recorded for this event.</p>;
  return (
    <table className="w-full table-fixed text-xs" data-testid="audit-diff">
      <thead>
        <tr className="text-left text-slate-500">
          <th className="w-48 px-2 py-1 font-semibold">Field</th>
          <th className="px-2 py-1 font-semibold">Before</th>
          <th className="px-2 py-1 font-semibold">After</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.field} className={ROW_TONES[row.status]} data-status={row.status}>
            <td className="px-2 py-1 align-top font-mono">
              {row.field}
              {row.status !== "unchanged" && <span className="ml-2 font-sans text-[10px] uppercase tracking-wide text-slate-600">{STATUS_LABELS[row.status]}</span>}
            </td>
            <td className="px-2 py-1 align-top">
              <pre className="whitespace-pre-wrap break-all font-mono">{displayValue(row.before)}</pre>
            </td>
            <td className="px-2 py-1 align-top">
              <pre className="whitespace-pre-wrap break-all font-mono">{displayValue(row.after)}</pre>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
