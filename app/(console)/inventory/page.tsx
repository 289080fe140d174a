import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui";
import { LevelBadge, OwnerName, StatusBadge } from "@/components/inventory/badges";
import { Cell, DataTable } from "@/components/data-table";
import { secondaryButtonClassName } from "@/components/forms/form-controls";
import { InventoryFilterForm } from "@/components/inventory/inventory-filter-form";
import { can } from "@/lib/auth/actor";
import { guardPage } from "@/lib/auth/guard";
import { filtersToQuery, firstValues, inventoryFilters, type InventoryFilters } from "@/lib/inventory/inventory-filters";
import { listInventoryOwners } from "@/lib/inventory/people";
import { searchInventory } from "@/lib/inventory/search-inventory";

export const metadata: Metadata = { title: "Inventory" };

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;
const TYPE_LABELS = { workflow: "Workflow", connector: "Connector", credential: "Credential" } as const;

export default async function InventoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await guardPage("/inventory");
  const raw = firstValues(await searchParams);
  const parsed = inventoryFilters.safeParse(raw);
  const filters: InventoryFilters = parsed.success ? parsed.data : {};
  const [rows, owners] = await Promise.all([searchInventory(filters), listInventoryOwners()]);
  const query = filtersToQuery(Object.fromEntries(Object.entries(filters).map(([key, value]) => [key, value === undefined ? undefined : String(value)])));
  const counts = { workflow: 0, connector: 0, credential: 0 };
  for (const row of rows) counts[row.type]++;

  return (
    <>
      <PageHeader
        title="Inventory"
        description="Every AI workflow, connector and credential in one list. Filters live in the address, so a filtered view can be shared or exported."
        actions={
          can(actor, "inventory:export") && (
            <a href={`/api/inventory/export${query}`} className={secondaryButtonClassName} download>
              Export CSV
            </a>
          )
        }
      />
      <Card className="mb-6">
        <InventoryFilterForm values={parsed.success ? raw : {}} owners={owners} />
        {!parsed.success && (
          <p role="alert" className="mt-3 text-sm text-rose-700">
            Some filters in the address were not understood, so none were applied: {parsed.error.issues.map((issue) => issue.message).join(" ")}
          </p>
        )}
      </Card>
      <Card>
        <p className="mb-3 text-sm text-slate-600" data-testid="inventory-count">
          {plural(rows.length, "item")}: {plural(counts.workflow, "workflow")}, {plural(counts.connector, "connector")}, {plural(counts.credential, "credential")}.
        </p>
        {rows.length === 0 ? (
          <EmptyState>Nothing matches these filters.</EmptyState>
        ) : (
          <DataTable caption="Inventory" headers={["Type", "Name", "System", "Environment", "Status", "Owner", "Sensitivity / data", "Attention"]}>
            {rows.map((row) => (
              <tr key={`${row.type}:${row.id}`}>
                <Cell className="text-xs font-medium uppercase tracking-wide text-slate-500">{TYPE_LABELS[row.type]}</Cell>
                <Cell>
                  <Link href={row.href} className="font-medium text-indigo-700 hover:underline">{row.name}</Link>
                  <p className="mt-0.5 line-clamp-1 max-w-md text-xs text-slate-500">{row.kind} · {row.summary || "—"}</p>
                </Cell>
                <Cell>{row.system ?? "—"}</Cell>
                <Cell>{row.environment ?? "—"}</Cell>
                <Cell>{row.status ? <StatusBadge status={row.status} /> : "—"}</Cell>
                <Cell>{row.type === "connector" ? "—" : <OwnerName owner={row.owner} orphaned={row.type === "workflow" && row.orphaned} />}</Cell>
                <Cell>{row.sensitivity ? <LevelBadge level={row.sensitivity} /> : row.classification ? <LevelBadge level={row.classification} /> : "—"}</Cell>
                <Cell>
                  <span className="inline-flex flex-wrap gap-1">
                    {row.rotationOverdue && <Badge tone="warn">rotation overdue</Badge>}
                    {row.type === "credential" && row.orphaned && <Badge tone="bad">no active owner</Badge>}
                  </span>
                </Cell>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
    </>
  );
}
