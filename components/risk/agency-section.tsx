import Link from "next/link";
import { Card } from "@/components/ui";
import type { RiskDashboard } from "@/lib/risk/dashboard";
import { periodQueueHref } from "@/lib/risk/links";
import { OPEN_CLOSED_SERIES } from "./colors";
import { CountTable, QueueLink } from "./count-table";
import { RankedChart } from "./ranked-chart";

// Tool calls the workflows' grants did not cover (OWASP LLM06), per connector called: where agents
// reach beyond what was approved. Each connector links to its page (its grants and owners).

export function AgencySection({ dashboard }: { dashboard: RiskDashboard }) {
  const { period, connectors } = dashboard;
  // The queue narrows by category, not by connector: every bar opens the period's excessive-agency items.
  const queue = periodQueueHref(period, { category: "excessive_agency", status: "all" });
  const summary = `Excessive-agency findings by connector: ${connectors.map((c) => `${c.name} ${c.flagged} (${c.open} open)`).join(", ") || "none"}.`;
  return (
    <Card title="Excessive agency by connector">
      <div className="mb-2 flex justify-end">
        <QueueLink href={queue}>Excessive-agency items in the queue</QueueLink>
      </div>
      <RankedChart
        summary={summary}
        rows={connectors.map((c) => ({ name: c.name, href: queue, values: { open: c.open, closed: c.flagged - c.open } }))}
        series={OPEN_CLOSED_SERIES}
      />
      <CountTable
        caption="Excessive-agency findings by connector"
        headers={["Connector", "Flagged", "Open"]}
        rows={connectors.map((c) => ({ key: c.id, name: c.name, href: `/connectors/${c.id}`, linkLabel: `Connector ${c.name}: ${c.flagged} excessive-agency findings`, values: [c.flagged, c.open] }))}
        empty="No tool call outside its grants in this period."
      />
      <p className="mt-2 text-xs text-slate-500">
        A connector&apos;s page lists its grants; <Link href="/grants" className="text-indigo-700 underline">all grants</Link>.
      </p>
    </Card>
  );
}
