import { Card } from "@/components/ui";
import type { RiskDashboard } from "@/lib/risk/dashboard";
import { dayQueueHref, periodQueueHref } from "@/lib/risk/links";
import { categoryLabel, SEVERITY_LABELS } from "@/lib/triage/labels";
import { categoryColor, OPEN_CLOSED_SERIES, SEVERITY_COLORS } from "./colors";
import { CountTable, QueueLink, TableDisclosure } from "./count-table";
import { RankedChart } from "./ranked-chart";
import { TrendChart } from "./trend-chart";

// What was flagged: per day by category, and by severity.

export function CategorySection({ dashboard }: { dashboard: RiskDashboard }) {
  const { period, days, categories, totals } = dashboard;
  const series = categories.map((c, index) => ({ key: c.category, label: categoryLabel(c.category), color: categoryColor(c.category, index) }));
  const rows = days.map((d) => ({ day: d.day, ...Object.fromEntries(categories.map((c) => [c.category, d.categories[c.category] ?? 0])) }));
  const links = Object.fromEntries(categories.map((c) => [c.category, { queue: { category: c.category, status: "all" } }]));
  const summary = `Flagged interactions per day over the last ${period.days} days, by category: ${categories.map((c) => `${categoryLabel(c.category)} ${c.flagged}`).join(", ") || "none"}.`;
  return (
    <Card title="Flagged interactions over time, by category" className="lg:col-span-2">
      <div className="mb-2 flex justify-end">
        <QueueLink href={periodQueueHref(period, { status: "all" })}>All {totals.flagged.toLocaleString("en")} in the queue</QueueLink>
      </div>
      <TrendChart summary={summary} rows={rows} series={series} links={links} />
      <CountTable
        caption="Flagged interactions by category"
        headers={["Category", "Flagged", "Open"]}
        rows={categories.map((c) => ({
          key: c.category,
          name: categoryLabel(c.category),
          href: periodQueueHref(period, { category: c.category, status: "all" }),
          linkLabel: `${categoryLabel(c.category)}: ${c.flagged} flagged, in the queue`,
          values: [c.flagged, c.open],
        }))}
      />
      <TableDisclosure label="Show per day as a table">
        <CountTable
          caption="Flagged interactions per day by category"
          headers={["Day", "Flagged", ...categories.map((c) => categoryLabel(c.category))]}
          rows={days.map((d) => ({ key: d.day, name: d.day, href: dayQueueHref(d.day, { status: "all" }), values: [d.flagged, ...categories.map((c) => d.categories[c.category] ?? 0)] }))}
        />
      </TableDisclosure>
    </Card>
  );
}

export function SeveritySection({ dashboard }: { dashboard: RiskDashboard }) {
  const { period, severities } = dashboard;
  const shown = severities.filter((s) => s.flagged > 0);
  const summary = `Flagged interactions by severity: ${shown.map((s) => `${SEVERITY_LABELS[s.severity]} ${s.flagged} (${s.open} open)`).join(", ") || "none"}.`;
  return (
    <Card title="By severity">
      <RankedChart
        summary={summary}
        rows={shown.map((s) => ({ name: SEVERITY_LABELS[s.severity], href: periodQueueHref(period, { severity: s.severity, status: "all" }), values: { open: s.open, closed: s.flagged - s.open } }))}
        series={OPEN_CLOSED_SERIES}
      />
      <CountTable
        caption="Flagged interactions by severity"
        headers={["Severity", "Flagged", "Open"]}
        rows={shown.map((s) => ({
          key: s.severity,
          name: (
            <span className="inline-flex items-center gap-2">
              <span aria-hidden className="inline-block h-2 w-2 rounded-sm" style={{ background: SEVERITY_COLORS[s.severity] }} />
              {SEVERITY_LABELS[s.severity]}
            </span>
          ),
          href: periodQueueHref(period, { severity: s.severity, status: "all" }),
          linkLabel: `${SEVERITY_LABELS[s.severity]} severity: ${s.flagged} flagged, in the queue`,
          values: [s.flagged, s.open],
        }))}
      />
    </Card>
  );
}
