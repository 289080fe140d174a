import { Card } from "@/components/ui";
import type { RiskDashboard } from "@/lib/risk/dashboard";
import { dayQueueHref, periodQueueHref } from "@/lib/risk/links";
import { STATUS_COLORS } from "./colors";
import { CountTable, QueueLink, TableDisclosure } from "./count-table";
import { TrendChart } from "./trend-chart";

// How the analysts keep up: what is still open against what was decided, per day the interactions
// happened, and how long triage took (from the item's arrival to its first move out of "new").

const STATUS_SERIES = [
  { key: "open", label: "Open", color: STATUS_COLORS.open, status: undefined },
  { key: "resolved", label: "Resolved", color: STATUS_COLORS.resolved, status: "resolved" },
  { key: "falsePositive", label: "False positive", color: STATUS_COLORS.falsePositive, status: "false_positive" },
] as const;

export function TriageSection({ dashboard }: { dashboard: RiskDashboard }) {
  const { period, days, totals, triageTime } = dashboard;
  const rows = days.map((d) => ({ day: d.day, open: d.open, resolved: d.resolved, falsePositive: d.falsePositive }));
  const links = Object.fromEntries(STATUS_SERIES.map((s) => [s.key, { queue: { status: s.status } }]));
  const summary = `Of ${totals.flagged} flagged interactions in the last ${period.days} days, ${totals.open} are open, ${totals.resolved} resolved and ${totals.falsePositive} false positives.`;
  const triagedBuckets = triageTime.buckets.filter((b) => b.items > 0);
  const widest = Math.max(1, ...triagedBuckets.map((b) => b.items));
  return (
    <Card title="Open vs resolved, and time to triage" className="lg:col-span-2">
      <div className="mb-2 flex flex-wrap justify-end gap-4">
        <QueueLink href={periodQueueHref(period)}>Open items in the queue</QueueLink>
        <QueueLink href={periodQueueHref(period, { status: "resolved" })}>Resolved items</QueueLink>
      </div>
      <TrendChart summary={summary} rows={rows} series={STATUS_SERIES.map(({ key, label, color }) => ({ key, label, color }))} links={links} />
      <TableDisclosure label="Show per day as a table">
        <CountTable
          caption="Flagged interactions per day by status"
          headers={["Day", "Open", "Resolved", "False positive"]}
          rows={days.map((d) => ({ key: d.day, name: d.day, href: dayQueueHref(d.day, { status: "all" }), values: [d.open, d.resolved, d.falsePositive] }))}
        />
      </TableDisclosure>
      <div className="mt-5 grid gap-6 md:grid-cols-[14rem_1fr]">
        <dl className="space-y-3 text-sm">
          <div>
            <dt className="text-slate-500">Median time to triage</dt>
            <dd className="text-lg font-semibold" data-testid="triage-median">{triageTime.median?.label ?? "—"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">90th percentile</dt>
            <dd className="text-lg font-semibold" data-testid="triage-p90">{triageTime.p90?.label ?? "—"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Triaged</dt>
            <dd className="tabular-nums">{triageTime.triaged.toLocaleString("en")} of {totals.flagged.toLocaleString("en")}</dd>
          </div>
        </dl>
        {triagedBuckets.length === 0 ? (
          <p className="text-sm text-slate-500">Nothing flagged in this period has been triaged yet.</p>
        ) : (
          <table className="w-full text-sm">
            <caption className="mb-1 text-left text-xs font-medium uppercase tracking-wide text-slate-500">Time to triage</caption>
            <tbody>
              {triagedBuckets.map((b) => (
                <tr key={b.bucket}>
                  <th scope="row" className="w-32 py-0.5 pr-3 text-left font-normal text-slate-700">{b.label}</th>
                  <td className="py-0.5">
                    <div className="flex items-center gap-2">
                      <div aria-hidden className="h-2.5 rounded-sm bg-indigo-500" style={{ width: `${(b.items / widest) * 100}%`, minWidth: 2 }} />
                      <span className="tabular-nums text-slate-600">{b.items.toLocaleString("en")}</span>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Card>
  );
}
