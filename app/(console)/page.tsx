import type { Metadata } from "next";
import { GrantsByModeChart } from "@/components/overview/grants-by-mode-chart";
import { Card, PageHeader, StatCard } from "@/components/ui";
import { guardPage } from "@/lib/auth/guard";
import { getOverview } from "@/lib/overview/get-overview";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const actor = await guardPage("/");
  const overview = await getOverview();
  return (
    <>
      <PageHeader title="Overview" description={`Signed in as ${actor.name}. What your AI workflows can reach, and what needs attention.`} />
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-3">
        <StatCard label="Workflows" value={overview.workflows.total} href="/workflows" hint={`${overview.workflows.byStatus.active ?? 0} active`} />
        <StatCard label="Connectors" value={overview.connectors} href="/connectors" />
        <StatCard label="Credentials" value={overview.credentials} href="/credentials" />
        <StatCard label="Active grants" value={overview.grants.active} href="/grants" hint={`${overview.grants.pending} awaiting approval`} />
        <StatCard label="Least-privilege findings" value={overview.leastPrivilegeFindings} href="/findings" />
        <StatCard label="Open interaction findings" value={overview.openInteractionFindings} hint="Flagged by gateways and detectors" />
      </div>
      <div className="mt-6 grid gap-4 lg:grid-cols-2">
      <Card title="Grants by execution mode">
        <GrantsByModeChart rows={overview.grantsByMode} />
      </Card>
      <Card title="Workflows by status">
        <ul className="flex flex-wrap gap-6 text-sm">
          {(["draft", "active", "suspended", "retired"] as const).map((status) => (
            <li key={status}>
              <span className="text-slate-500">{status}</span>{" "}
              <span className="font-semibold tabular-nums">{overview.workflows.byStatus[status] ?? 0}</span>
            </li>
          ))}
        </ul>
      </Card>
      </div>
    </>
  );
}
