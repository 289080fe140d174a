import { Cell, DataTable } from "@/components/data-table";
import { Badge } from "@/components/ui";
import type { CheckView } from "@/lib/triage/get-interaction";

// Every check that ran on the interaction, ours and the gateway's, as stored with it: so a verdict
// can be explained from the record alone.

const STATUS_TONES: Record<string, "good" | "warn" | "bad" | "neutral"> = {
  passed: "good",
  flagged: "warn",
  failed: "bad",
  blocked: "bad",
  error: "bad",
  not_run: "neutral",
};

export function ChecksTable({ checks }: { checks: CheckView[] }) {
  if (checks.length === 0) return <p className="text-sm text-slate-500">No checks were recorded with this interaction.</p>;
  return (
    <DataTable caption="Checks that ran on this interaction" headers={["Source", "Check", "Rule set or mode", "Result", "Duration", "Findings"]}>
      {checks.map((check, index) => (
        <tr key={`${check.source}-${check.name}-${index}`} data-testid="check-row">
          <Cell>{check.source === "gateway" ? "Gateway" : check.source === "warden" ? "Warden" : check.source}</Cell>
          <Cell className="font-medium">
            {check.name}
            {check.detail && <span className="block text-xs font-normal text-slate-500">{check.detail}</span>}
          </Cell>
          <Cell className="font-mono text-xs">{check.ruleSet ?? check.mode ?? "—"}</Cell>
          <Cell>
            <Badge tone={STATUS_TONES[check.status] ?? (check.passed === false ? "bad" : "neutral")}>{check.status.replace("_", " ")}</Badge>
            <span className="sr-only">{check.passed === null ? "" : check.passed ? " (pass)" : " (fail)"}</span>
          </Cell>
          <Cell className="tabular-nums">{check.durationMs === null ? "—" : `${check.durationMs < 10 ? check.durationMs.toFixed(2) : Math.round(check.durationMs)} ms`}</Cell>
          <Cell className="tabular-nums">{check.findings ?? "—"}</Cell>
        </tr>
      ))}
    </DataTable>
  );
}
