import type { Metadata } from "next";
import { FilterForm, FilterSelect } from "@/components/forms/filter-form";
import { ShadowUsageTable, type ShadowRow } from "@/components/ingest/shadow-usage-table";
import { Card, EmptyState, PageHeader, StatCard } from "@/components/ui";
import { can } from "@/lib/auth/actor";
import { guardPage } from "@/lib/auth/guard";
import { IDENTITY_KIND_LABELS, IDENTITY_KINDS } from "@/lib/ingest/identity";
import { listUnregisteredUsage, SHADOW_PAGE_SIZE, shadowFilters } from "@/lib/ingest/shadow/list-unregistered";
import { workflowPrefill } from "@/lib/ingest/shadow/prefill";
import { listLinkableWorkflows } from "@/lib/ingest/shadow/workflow-identities";
import { listOwnerOptions, listTeams } from "@/lib/inventory/people";

export const metadata: Metadata = { title: "Unregistered AI usage" };

export default async function ShadowAiPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await guardPage("/shadow-ai");
  const filters = shadowFilters.parse(await searchParams);
  const canWrite = can(actor, "workflow:write");
  const [usage, teams, owners, linkable] = await Promise.all([
    listUnregisteredUsage(filters),
    canWrite ? listTeams() : Promise.resolve([]),
    canWrite ? listOwnerOptions() : Promise.resolve([]),
    listLinkableWorkflows(actor),
  ]);
  // Whoever registers it answers for it unless they name someone else (an admin may leave a draft unowned).
  const ownerId = actor.type === "user" && (actor.role === "owner" || actor.role === "admin") ? actor.id : null;
  const rows: ShadowRow[] = usage.groups.map((group) => ({ ...group, prefill: workflowPrefill(group, teams, ownerId) }));
  const filtered = Boolean(filters.kind || filters.q);

  return (
    <>
      <PageHeader
        title="Unregistered AI usage"
        description="Traffic the AI gateway sent under an identity no registered workflow claims (shadow AI), grouped by the most specific name the gateway gave its caller. Register a workflow from one, or link it to an existing workflow: its past interactions are re-linked and its future ones are checked against the workflow's grants."
      />
      <div className="mb-6 grid grid-cols-1 gap-4 sm:grid-cols-3">
        <StatCard label="Unregistered identities" value={usage.totalGroups.toLocaleString("en")} />
        <StatCard label="Unregistered interactions" value={usage.totalInteractions.toLocaleString("en")} />
        <StatCard label="Interactions naming no caller" value={usage.unnamedInteractions.toLocaleString("en")} hint="The gateway sent no key, team, agent or service: nothing to link them by." />
      </div>
      <Card className="mb-6">
        <FilterForm label="Filter unregistered usage" clearHref="/shadow-ai" filtered={filtered}>
          <FilterSelect name="kind" label="Kind" value={filters.kind} anyLabel="Any kind" options={IDENTITY_KINDS.map((kind) => ({ value: kind, label: IDENTITY_KIND_LABELS[kind] }))} />
          <label className="text-sm font-medium text-slate-800">
            Identity contains
            <input name="q" type="search" defaultValue={filters.q ?? ""} className="mt-1 block rounded-md border border-slate-300 px-3 py-2 text-sm" />
          </label>
        </FilterForm>
      </Card>
      <Card title={usage.totalGroups > rows.length ? `The ${SHADOW_PAGE_SIZE} busiest of ${usage.totalGroups.toLocaleString("en")} identities` : `${rows.length} ${rows.length === 1 ? "identity" : "identities"}`}>
        {rows.length === 0 ? (
          <EmptyState>{filtered ? "No unregistered identity matches these filters." : "No unregistered AI usage: every identity the gateway named belongs to a registered workflow."}</EmptyState>
        ) : (
          <ShadowUsageTable rows={rows} canWrite={canWrite} teams={teams} owners={owners} ownerOptional={!(actor.type === "user" && actor.role === "owner")} linkable={linkable} />
        )}
      </Card>
    </>
  );
}
