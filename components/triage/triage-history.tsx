import { formatDate } from "@/components/ui";
import type { HistoryEntry } from "@/lib/triage/get-interaction";
import { TRIAGE_STATUS_LABELS } from "@/lib/triage/status";

// Who decided what, when and why, with comments in between, oldest first.

function describe(entry: HistoryEntry): string {
  switch (entry.kind) {
    case "status":
      return `${entry.fromStatus ? TRIAGE_STATUS_LABELS[entry.fromStatus] : "?"} → ${entry.toStatus ? TRIAGE_STATUS_LABELS[entry.toStatus] : "?"}`;
    case "assignment":
      return entry.toAssignee ? `Assigned to ${entry.toAssignee}${entry.fromAssignee ? ` (was ${entry.fromAssignee})` : ""}` : `Unassigned (was ${entry.fromAssignee ?? "nobody"})`;
    case "comment":
      return "Comment";
  }
}

export function TriageHistory({ entries }: { entries: HistoryEntry[] }) {
  if (entries.length === 0) return <p className="text-sm text-slate-500">No decisions yet.</p>;
  return (
    <ol className="space-y-3 border-l border-slate-200 pl-4" aria-label="Triage history">
      {entries.map((entry) => (
        <li key={`${entry.kind}-${entry.id}`} className="text-sm" data-testid="history-entry">
          <p>
            <strong>{describe(entry)}</strong>
            {entry.viaGroup && <span className="text-slate-500"> (with its group)</span>}
          </p>
          <p className="text-xs text-slate-500">
            {entry.actor}, {formatDate(entry.at)}
          </p>
          {entry.text && <p className="mt-1 whitespace-pre-wrap text-slate-800">{entry.text}</p>}
        </li>
      ))}
    </ol>
  );
}
