import { Card } from "@/components/ui";
import type { RiskDashboard } from "@/lib/risk/dashboard";
import { dayQueueHref, shadowAiHref } from "@/lib/risk/links";
import { UNREGISTERED } from "@/lib/triage/queue-filters";
import { USAGE_COLORS } from "./colors";
import { CountTable, QueueLink, TableDisclosure } from "./count-table";
import { TrendChart } from "./trend-chart";

// AI traffic from callers no registered workflow claims (shadow AI), per day, and the busiest callers.
// The unregistered-AI page is where one is registered or linked to a workflow.

export function UnregisteredSection({ dashboard }: { dashboard: RiskDashboard }) {
  const { period, unregisteredUsage: usage } = dashboard;
  const rows = usage.days.map((d) => ({ day: d.day, allowed: d.interactions - d.flagged, flagged: d.flagged }));
  const links = { allowed: { href: shadowAiHref() }, flagged: { queue: { workflow: UNREGISTERED, status: "all" } } };
  const summary = `Unregistered AI usage per day over the last ${period.days} days: ${usage.interactions} interactions, ${usage.flagged} of them flagged.`;
  return (
    <Card title="Unregistered AI usage over time" className="lg:col-span-2">
      <div className="mb-2 flex justify-end">
        <QueueLink href={shadowAiHref()}>Unregistered AI usage</QueueLink>
      </div>
      <TrendChart
        summary={summary}
        rows={rows}
        series={[
          { key: "allowed", label: "Not flagged", color: USAGE_COLORS.interactions },
          { key: "flagged", label: "Flagged", color: USAGE_COLORS.flagged },
        ]}
        links={links}
      />
      <CountTable
        caption="Busiest unregistered callers"
        headers={["Caller", "Interactions", "Flagged"]}
        rows={usage.callers.map((c) => ({ key: c.identityKey, name: c.identityKey || "(no caller named)", href: shadowAiHref(c.identityKey), linkLabel: `${c.identityKey}: ${c.interactions} interactions, on the unregistered-AI page`, values: [c.interactions, c.flagged] }))}
        empty="No unregistered AI usage in this period."
      />
      <TableDisclosure label="Show per day as a table">
        <CountTable
          caption="Unregistered AI usage per day"
          headers={["Day", "Interactions", "Flagged"]}
          rows={usage.days.map((d) => ({ key: d.day, name: d.day, href: dayQueueHref(d.day, { workflow: UNREGISTERED, status: "all" }), linkLabel: `${d.day}: flagged unregistered interactions in the queue`, values: [d.interactions, d.flagged] }))}
        />
      </TableDisclosure>
    </Card>
  );
}
