import type { Metadata } from "next";
import Link from "next/link";
import { Cell, DataTable } from "@/components/data-table";
import { GrantScopeCells } from "@/components/grants/grant-scope-cells";
import { StatusBadge } from "@/components/inventory/badges";
import { FilterForm, FilterSelect } from "@/components/forms/filter-form";
import { asOptions, primaryLinkClassName } from "@/components/forms/form-controls";
import { Card, EmptyState, formatDate, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/actor";
import { guardPage } from "@/lib/auth/guard";
import { GRANT_LIST_LIMIT, GRANT_STATUSES, grantListFilters, listGrants, listWorkflowChoices } from "@/lib/grants/list-grants";

export const metadata: Metadata = { title: "Grants" };

export default async function GrantsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await guardPage("/grants");
  const filters = grantListFilters.parse(await searchParams);
  const [{ rows, truncated }, workflows] = await Promise.all([listGrants(filters), listWorkflowChoices()]);
  const requestHref = filters.workflowId ? `/grants/new?workflowId=${filters.workflowId}` : "/grants/new";
  const filtered = Boolean(filters.status || filters.workflowId);

  return (
    <>
      <PageHeader
        title="Grants"
        description="Delegated permissions: which workflow may use which connector, on which resources, with which actions, in which execution mode, until when."
        actions={
          can(actor, "grant:request") && (
            <Link href={requestHref} className={primaryLinkClassName}>
              Request a grant
            </Link>
          )
        }
      />
      <Card className="mb-6">
        <FilterForm label="Filter grants" clearHref="/grants" filtered={filtered}>
          <FilterSelect name="status" label="Status" value={filters.status} anyLabel="Any status" options={asOptions(GRANT_STATUSES)} />
          <FilterSelect name="workflowId" label="Workflow" value={filters.workflowId} anyLabel="Any workflow" options={workflows.map((w) => ({ value: w.id, label: w.name }))} />
        </FilterForm>
      </Card>
      {rows.length === 0 ? (
        <EmptyState>{filtered ? "No grants match these filters." : "No grants yet. A workflow's owner requests one; its approver decides."}</EmptyState>
      ) : (
        <Card>
          <DataTable caption="Grants" headers={["Workflow → connector", "Resources", "Actions", "Mode", "Status", "Expires", "Requested by"]}>
            {rows.map((grant) => (
              <tr key={grant.id}>
                <Cell>
                  <Link href={`/grants/${grant.id}`} className="font-medium text-indigo-700 hover:underline">
                    {grant.workflow.name} → {grant.connector.name}
                  </Link>
                </Cell>
                <GrantScopeCells grant={grant} />
                <Cell>
                  <StatusBadge status={grant.status} />
                </Cell>
                <Cell className="whitespace-nowrap text-slate-600">{grant.expiresAt ? formatDate(grant.expiresAt) : "never"}</Cell>
                <Cell className="text-slate-600">{grant.requestedBy ?? "—"}</Cell>
              </tr>
            ))}
          </DataTable>
          {truncated && <p className="mt-3 text-xs text-slate-500">Showing the newest {GRANT_LIST_LIMIT} grants; filter to see others.</p>}
        </Card>
      )}
    </>
  );
}
