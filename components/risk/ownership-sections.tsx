import Link from "next/link";
import { Card } from "@/components/ui";
import type { RiskDashboard } from "@/lib/risk/dashboard";
import { periodQueueHref } from "@/lib/risk/links";
import { UNREGISTERED } from "@/lib/triage/queue-filters";
import { STATUS_COLORS } from "./colors";
import { CountTable } from "./count-table";
import { RankedChart } from "./ranked-chart";

// Where open findings come from: the workflows and teams with the most, and who answers for each.

const OPEN_SERIES = [{ key: "open", label: "Open findings", color: STATUS_COLORS.open }];

export function WorkflowSection({ dashboard }: { dashboard: RiskDashboard }) {
  const { period, workflows, unregisteredItems } = dashboard;
  const summary = `Workflows with the most open findings: ${workflows.map((w) => `${w.name} ${w.open}`).join(", ") || "none"}.`;
  const rows = workflows.map((w) => ({
    key: w.id,
    name: w.name,
    href: periodQueueHref(period, { workflow: w.id }),
    linkLabel: `${w.name}: ${w.open} open findings, in the queue`,
    values: [w.teamName ?? "—", w.ownerName ?? "No owner", w.open, w.flagged],
  }));
  if (unregisteredItems.open > 0) {
    rows.push({
      key: UNREGISTERED,
      name: "No registered workflow",
      href: periodQueueHref(period, { workflow: UNREGISTERED }),
      linkLabel: `Interactions of no registered workflow: ${unregisteredItems.open} open findings, in the queue`,
      values: ["—", "Nobody: unregistered", unregisteredItems.open, unregisteredItems.flagged],
    });
  }
  return (
    <Card title="Top workflows by open findings">
      <RankedChart summary={summary} rows={workflows.map((w) => ({ name: w.name, href: periodQueueHref(period, { workflow: w.id }), values: { open: w.open } }))} series={OPEN_SERIES} />
      <CountTable caption="Workflows with the most open findings" headers={["Workflow", "Team", "Owner", "Open", "Flagged"]} rows={rows} empty="No open findings in this period." />
      {workflows.length > 0 && (
        <p className="mt-2 text-xs text-slate-500">
          The accountable owner of each is on its <Link href="/workflows" className="text-indigo-700 underline">workflow page</Link>.
        </p>
      )}
    </Card>
  );
}

export function TeamSection({ dashboard }: { dashboard: RiskDashboard }) {
  const { period, teams } = dashboard;
  const summary = `Teams with the most open findings: ${teams.map((t) => `${t.name} ${t.open}`).join(", ") || "none"}.`;
  // Workflows with no team have no team filter in the queue; their row is not a link.
  const href = (teamId: string | null) => (teamId ? periodQueueHref(period, { team: teamId }) : undefined);
  return (
    <Card title="Top teams by open findings">
      <RankedChart summary={summary} rows={teams.map((t) => ({ name: t.name, href: href(t.teamId), values: { open: t.open } }))} series={OPEN_SERIES} />
      <CountTable
        caption="Teams with the most open findings"
        headers={["Team", "Open", "Flagged"]}
        rows={teams.map((t) => ({ key: t.teamId ?? "none", name: t.name, href: href(t.teamId), linkLabel: `${t.name}: ${t.open} open findings, in the queue`, values: [t.open, t.flagged] }))}
        empty="No open findings in this period."
      />
    </Card>
  );
}
