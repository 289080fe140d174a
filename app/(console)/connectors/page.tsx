import type { Metadata } from "next";
import Link from "next/link";
import { LevelBadge } from "@/components/inventory/badges";
import { Cell, DataTable } from "@/components/data-table";
import { primaryLinkClassName } from "@/components/forms/form-controls";
import { Card, EmptyState, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/actor";
import { guardPage } from "@/lib/auth/guard";
import { listConnectors } from "@/lib/inventory/connector-queries";
import { CONNECTOR_KIND_LABELS } from "@/lib/inventory/vocabulary";

export const metadata: Metadata = { title: "Connectors" };

export default async function ConnectorsPage() {
  const actor = await guardPage("/connectors");
  const connectors = await listConnectors();
  return (
    <>
      <PageHeader
        title="Connectors"
        description="Tools, APIs, data sources, plugins and MCP servers that workflows can call: what each offers and how sensitive it is."
        actions={can(actor, "connector:write") && <Link href="/connectors/new" className={primaryLinkClassName}>New connector</Link>}
      />
      <Card>
        {connectors.length === 0 ? (
          <EmptyState>No connectors yet.</EmptyState>
        ) : (
          <DataTable caption="Connectors" headers={["Name", "Kind", "System", "Actions", "Resource pattern", "Sensitivity", "Credentials", "Live grants"]}>
            {connectors.map((c) => (
              <tr key={c.id}>
                <Cell><Link href={`/connectors/${c.id}`} className="font-medium text-indigo-700 hover:underline">{c.name}</Link></Cell>
                <Cell>{CONNECTOR_KIND_LABELS[c.kind]}</Cell>
                <Cell>{c.system}</Cell>
                <Cell>{c.actions.join(", ")}</Cell>
                <Cell className="font-mono text-xs">{c.resourcePattern}</Cell>
                <Cell><LevelBadge level={c.sensitivity} /></Cell>
                <Cell className="tabular-nums">{c._count.credentials}</Cell>
                <Cell className="tabular-nums">{c._count.grants}</Cell>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
    </>
  );
}
