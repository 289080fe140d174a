import type { Metadata } from "next";
import Link from "next/link";
import { LevelBadge, OwnerName, StatusBadge } from "@/components/inventory/badges";
import { Cell, DataTable } from "@/components/data-table";
import { primaryLinkClassName } from "@/components/forms/form-controls";
import { Card, EmptyState, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/actor";
import { guardPage } from "@/lib/auth/guard";
import { listWorkflows } from "@/lib/inventory/workflow-queries";

export const metadata: Metadata = { title: "Workflows" };

export default async function WorkflowsPage() {
  const actor = await guardPage("/workflows");
  const workflows = await listWorkflows();
  const orphaned = workflows.filter((w) => w.orphaned).length;
  return (
    <>
      <PageHeader
        title="Workflows"
        description="LLM apps and agents: what each is for, who answers for it, and which models and data it touches."
        actions={can(actor, "workflow:write") && <Link href="/workflows/new" className={primaryLinkClassName}>New workflow</Link>}
      />
      {orphaned > 0 && (
        <p role="status" className="mb-4 rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {orphaned === 1 ? "1 workflow is" : `${orphaned} workflows are`} orphaned: no active owner answers for {orphaned === 1 ? "it" : "them"}.{" "}
          <Link href="/inventory?type=workflow&owner=orphaned" className="font-medium underline">Show in inventory</Link>
        </p>
      )}
      <Card>
        {workflows.length === 0 ? (
          <EmptyState>No workflows registered yet.</EmptyState>
        ) : (
          <DataTable caption="Workflows" headers={["Name", "Status", "Owner", "Team", "Environment", "Data", "Models", "Credentials", "Grants"]}>
            {workflows.map((w) => (
              <tr key={w.id}>
                <Cell>
                  <Link href={`/workflows/${w.id}`} className="font-medium text-indigo-700 hover:underline">{w.name}</Link>
                  <p className="mt-0.5 line-clamp-1 max-w-xs text-xs text-slate-500">{w.purpose}</p>
                </Cell>
                <Cell><StatusBadge status={w.status} /></Cell>
                <Cell><OwnerName owner={w.owner} orphaned={w.orphaned} /></Cell>
                <Cell>{w.team?.name ?? "—"}</Cell>
                <Cell>{w.environment}</Cell>
                <Cell><LevelBadge level={w.dataClassification} /></Cell>
                <Cell className="text-xs">{w.models.join(", ") || "—"}</Cell>
                <Cell className="tabular-nums">{w._count.credentials}</Cell>
                <Cell className="tabular-nums">{w._count.grants}</Cell>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
    </>
  );
}
