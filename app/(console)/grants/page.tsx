import type { Metadata } from "next";
import Link from "next/link";
import { ModeBadge } from "@/components/grants/mode-badge";
import { StatusBadge } from "@/components/inventory/badges";
import { primaryLinkClassName, secondaryButtonClassName } from "@/components/inventory/form-controls";
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
        <form method="get" className="flex flex-wrap items-end gap-4" aria-label="Filter grants">
          <label className="text-sm font-medium text-slate-800">
            Status
            <select name="status" defaultValue={filters.status ?? ""} className="mt-1 block rounded-md border border-slate-300 px-3 py-2 text-sm">
              <option value="">Any status</option>
              {GRANT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm font-medium text-slate-800">
            Workflow
            <select name="workflowId" defaultValue={filters.workflowId ?? ""} className="mt-1 block rounded-md border border-slate-300 px-3 py-2 text-sm">
              <option value="">Any workflow</option>
              {workflows.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className={secondaryButtonClassName}>
            Filter
          </button>
          {(filters.status || filters.workflowId) && (
            <Link href="/grants" className="pb-2 text-sm text-indigo-700 hover:underline">
              Clear filters
            </Link>
          )}
        </form>
      </Card>
      {rows.length === 0 ? (
        <EmptyState>{filters.status || filters.workflowId ? "No grants match these filters." : "No grants yet. A workflow's owner requests one; its approver decides."}</EmptyState>
      ) : (
        <Card>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="py-2 pr-4 font-medium">Workflow → connector</th>
                  <th className="py-2 pr-4 font-medium">Resources</th>
                  <th className="py-2 pr-4 font-medium">Actions</th>
                  <th className="py-2 pr-4 font-medium">Mode</th>
                  <th className="py-2 pr-4 font-medium">Status</th>
                  <th className="py-2 pr-4 font-medium">Expires</th>
                  <th className="py-2 font-medium">Requested by</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((grant) => (
                  <tr key={grant.id} className="align-top">
                    <td className="py-2 pr-4">
                      <Link href={`/grants/${grant.id}`} className="font-medium text-indigo-700 hover:underline">
                        {grant.workflow.name} → {grant.connector.name}
                      </Link>
                    </td>
                    <td className="max-w-xs py-2 pr-4 font-mono text-xs break-words">{grant.resources.join(", ")}</td>
                    <td className="py-2 pr-4">{grant.actions.join(", ")}</td>
                    <td className="py-2 pr-4">
                      <ModeBadge mode={grant.mode} />
                    </td>
                    <td className="py-2 pr-4">
                      <StatusBadge status={grant.status} />
                    </td>
                    <td className="py-2 pr-4 whitespace-nowrap text-slate-600">{grant.expiresAt ? formatDate(grant.expiresAt) : "never"}</td>
                    <td className="py-2 text-slate-600">{grant.requestedBy ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {truncated && <p className="mt-3 text-xs text-slate-500">Showing the newest {GRANT_LIST_LIMIT} grants; filter to see others.</p>}
        </Card>
      )}
    </>
  );
}
