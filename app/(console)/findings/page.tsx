import type { Metadata } from "next";
import { FindingsList } from "@/components/findings/findings-list";
import { FilterForm, FilterSelect } from "@/components/forms/filter-form";
import { asOptions } from "@/components/forms/form-controls";
import { Card, PageHeader, StatCard } from "@/components/ui";
import { guardPage } from "@/lib/auth/guard";
import { FINDING_RULE_IDS, FINDING_RULES, SEVERITIES } from "@/lib/findings/catalog";
import { findingFilters, getFindings } from "@/lib/findings/get-findings";
import { listWorkflowChoices } from "@/lib/grants/list-grants";

export const metadata: Metadata = { title: "Findings" };

export default async function FindingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await guardPage("/findings");
  const filters = findingFilters.parse(await searchParams);
  // Counts per severity ignore the severity filter, so they show what each filter would give.
  const [all, workflows] = await Promise.all([getFindings({ workflowId: filters.workflowId, rule: filters.rule }), listWorkflowChoices()]);
  const workflowName = filters.workflowId ? (workflows.find((w) => w.id === filters.workflowId)?.name ?? "an unknown workflow") : null;
  const shown = filters.severity ? all.filter((f) => f.severity === filters.severity) : all;
  const filtered = Boolean(filters.severity || filters.rule || filters.workflowId);
  const severityHref = (severity: string) => {
    const params = new URLSearchParams({ ...(filters.rule ? { rule: filters.rule } : {}), ...(filters.workflowId ? { workflowId: filters.workflowId } : {}), severity });
    return `/findings?${params}`;
  };

  return (
    <>
      <PageHeader
        title="Least-privilege findings"
        description="Computed from the inventory on every visit, so a finding disappears as soon as its cause is fixed. Each names the OWASP risk it belongs to and links to where to fix it."
      />
      <div className="mb-6 grid grid-cols-2 gap-4 md:grid-cols-4">
        {(["critical", "high", "medium", "low"] as const).map((severity) => (
          <StatCard key={severity} label={severity[0]!.toUpperCase() + severity.slice(1)} value={all.filter((f) => f.severity === severity).length} href={severityHref(severity)} />
        ))}
      </div>
      <Card className="mb-6">
        <FilterForm label="Filter findings" clearHref="/findings" filtered={filtered}>
          {filters.workflowId && <input type="hidden" name="workflowId" value={filters.workflowId} />}
          {workflowName && (
            <p className="w-full text-sm text-slate-700">
              Findings that concern <span className="font-medium">{workflowName}</span>.
            </p>
          )}
          <FilterSelect name="severity" label="Severity" value={filters.severity} anyLabel="Any severity" options={asOptions(SEVERITIES)} />
          <FilterSelect name="rule" label="Rule" value={filters.rule} anyLabel="Any rule" options={FINDING_RULE_IDS.map((id) => ({ value: id, label: FINDING_RULES[id].name }))} />
        </FilterForm>
        {filters.rule && <p className="mt-3 text-sm text-slate-600">{FINDING_RULES[filters.rule as keyof typeof FINDING_RULES].summary}</p>}
      </Card>
      <Card title={`${shown.length} finding${shown.length === 1 ? "" : "s"}`}>
        <FindingsList findings={shown} emptyText={filtered ? "No findings match these filters." : "No findings: nothing in the inventory breaks a least-privilege rule."} />
      </Card>
    </>
  );
}
