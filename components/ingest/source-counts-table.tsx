import { Cell, DataTable } from "@/components/data-table";
import { formatDate } from "@/components/ui";
import { INGEST_SOURCE_LABELS, type IngestCounts, type SourceCounts } from "@/lib/ingest/source-counts";

// Received / stored / duplicate / rejected per source, today, over 7 days and all time.

const n = (value: number) => value.toLocaleString("en-US");

function Counts({ counts, testId }: { counts: IngestCounts; testId: string }) {
  return (
    <div data-testid={testId}>
      <p className="font-semibold tabular-nums text-slate-900">
        <span data-testid={`${testId}-received`}>{n(counts.received)}</span> received
      </p>
      <p className="whitespace-nowrap text-xs tabular-nums text-slate-600">
        <span data-testid={`${testId}-stored`}>{n(counts.stored)}</span> stored · {n(counts.duplicate)} duplicate ·{" "}
        <span className={counts.rejected > 0 ? "font-medium text-rose-700" : undefined} data-testid={`${testId}-rejected`}>
          {n(counts.rejected)} rejected
        </span>
      </p>
    </div>
  );
}

const sum = (rows: SourceCounts[], window: "today" | "week" | "all"): IngestCounts =>
  rows.reduce((total, row) => ({ received: total.received + row[window].received, stored: total.stored + row[window].stored, duplicate: total.duplicate + row[window].duplicate, rejected: total.rejected + row[window].rejected }), {
    received: 0,
    stored: 0,
    duplicate: 0,
    rejected: 0,
  });

export function SourceCountsTable({ rows }: { rows: SourceCounts[] }) {
  return (
    <DataTable caption="Events received per source" headers={["Source", "Today (UTC)", "Last 7 days", "All time", "Last batch"]}>
      {rows.map((row) => (
        <tr key={row.source}>
          <Cell className="font-medium text-slate-900">{INGEST_SOURCE_LABELS[row.source] ?? row.source}</Cell>
          <Cell>
            <Counts counts={row.today} testId={`counts-${row.source}-today`} />
          </Cell>
          <Cell>
            <Counts counts={row.week} testId={`counts-${row.source}-week`} />
          </Cell>
          <Cell>
            <Counts counts={row.all} testId={`counts-${row.source}-all`} />
          </Cell>
          <Cell className="whitespace-nowrap text-slate-600">{row.lastBatchAt ? formatDate(row.lastBatchAt) : "never"}</Cell>
        </tr>
      ))}
      <tr className="bg-slate-50">
        <Cell className="font-semibold text-slate-900">All sources</Cell>
        <Cell>
          <Counts counts={sum(rows, "today")} testId="counts-total-today" />
        </Cell>
        <Cell>
          <Counts counts={sum(rows, "week")} testId="counts-total-week" />
        </Cell>
        <Cell>
          <Counts counts={sum(rows, "all")} testId="counts-total-all" />
        </Cell>
        <Cell />
      </tr>
    </DataTable>
  );
}
