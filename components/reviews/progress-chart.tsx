import type { ProgressCounts } from "@/lib/reviews/progress";

// Done / remaining / overdue as a horizontal stacked bar, one per reviewer, with the numbers written
// out so the chart is readable without colour.

function Bar({ counts }: { counts: ProgressCounts }) {
  const pct = (n: number) => (counts.total === 0 ? 0 : (n / counts.total) * 100);
  const onTime = counts.remaining - counts.overdue;
  return (
    <div className="flex h-3 w-full overflow-hidden rounded bg-slate-100" aria-hidden>
      <div className="bg-emerald-500" style={{ width: `${pct(counts.done)}%` }} />
      <div className="bg-amber-300" style={{ width: `${pct(onTime)}%` }} />
      <div className="bg-rose-500" style={{ width: `${pct(counts.overdue)}%` }} />
    </div>
  );
}

export function ProgressChart({ overall, byReviewer }: { overall: ProgressCounts; byReviewer: (ProgressCounts & { reviewerId: string | null; name: string })[] }) {
  const rows = [{ key: "all", name: "All items", counts: overall }, ...byReviewer.map((r) => ({ key: r.reviewerId ?? "none", name: r.name, counts: r }))];
  return (
    <figure aria-label="Progress by reviewer">
      <ul className="space-y-3">
        {rows.map((row) => (
          <li key={row.key} data-testid={`progress-${row.name}`}>
            <div className="mb-1 flex justify-between text-sm">
              <span className={row.key === "all" ? "font-semibold text-slate-800" : "text-slate-700"}>{row.name}</span>
              <span className="tabular-nums text-slate-600">
                {row.counts.done} done · {row.counts.remaining} remaining{row.counts.overdue > 0 ? ` · ${row.counts.overdue} overdue` : ""}
              </span>
            </div>
            <Bar counts={row.counts} />
          </li>
        ))}
      </ul>
      <figcaption className="mt-3 flex gap-4 text-xs text-slate-500">
        <span><span className="mr-1 inline-block h-2 w-2 rounded-sm bg-emerald-500" />done</span>
        <span><span className="mr-1 inline-block h-2 w-2 rounded-sm bg-amber-300" />remaining</span>
        <span><span className="mr-1 inline-block h-2 w-2 rounded-sm bg-rose-500" />overdue</span>
      </figcaption>
    </figure>
  );
}
