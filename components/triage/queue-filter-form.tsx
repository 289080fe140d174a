"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Button, SelectField, TextField } from "@/components/forms/form-controls";
import type { FacetCounts } from "@/lib/triage/facets";
import type { QueueFilterOptions } from "@/lib/triage/filter-options";
import { categoryLabel, detectorLabel, owaspLabel, SEVERITIES, SEVERITY_LABELS } from "@/lib/triage/labels";
import { ME, NARROWING_KEYS, QUEUE_SORT_LABELS, QUEUE_SORTS, queueHref, UNASSIGNED, UNREGISTERED, type QueueFilterKey } from "@/lib/triage/queue-filters";
import { OPEN_TRIAGE_STATUSES, TRIAGE_STATUS_LABELS, TRIAGE_STATUSES } from "@/lib/triage/status";

// The queue's filters. They live in the URL (shareable, back-button friendly): submitting builds the
// query string and starts at the first page. Without JavaScript the form still works as a plain GET.
// Every choice shows how many items it would leave, given the other filters.

export type QueueFormValues = Partial<Record<QueueFilterKey, string>>;

type Option = { value: string; label: string };

const FORM_KEYS = [...NARROWING_KEYS.filter((key) => key !== "group"), "view", "sort"] as const;

const withCount = (label: string, count: number | undefined) => `${label} (${count ?? 0})`;

/** Values seen in the counts, most frequent first, plus the selected one if the counts lack it. */
function seenOptions(counts: Record<string, number>, selected: string | undefined, label: (value: string) => string): Option[] {
  const values = Object.keys(counts).filter((value) => value !== "");
  if (selected && !values.includes(selected)) values.push(selected);
  return values.sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0) || a.localeCompare(b)).map((value) => ({ value, label: withCount(label(value), counts[value]) }));
}

export function QueueFilterForm({
  values,
  counts,
  options,
  fieldErrors,
}: {
  values: QueueFormValues;
  counts: FacetCounts;
  options: QueueFilterOptions;
  fieldErrors: Record<string, string>;
}) {
  const router = useRouter();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next: QueueFormValues = { group: values.group };
    for (const key of FORM_KEYS) next[key] = String(form.get(key) ?? "").trim() || undefined;
    router.push(queueHref(next));
  }

  const status = counts.status;
  const openCount = OPEN_TRIAGE_STATUSES.reduce((sum, s) => sum + (status[s] ?? 0), 0);
  const anyCount = TRIAGE_STATUSES.reduce((sum, s) => sum + (status[s] ?? 0), 0);

  return (
    <form onSubmit={onSubmit} method="get" action="/interactions" aria-label="Filter the queue" className="space-y-4">
      {values.group && <input type="hidden" name="group" value={values.group} />}
      <div className="grid gap-4 md:grid-cols-3 xl:grid-cols-6">
        <div className="md:col-span-2">
          <TextField label="Search prompts and responses" name="q" defaultValue={values.q} error={fieldErrors.q} hint='Words, "a phrase", or -word to leave out.' />
        </div>
        <TextField label="From (UTC)" name="from" type="date" defaultValue={values.from} error={fieldErrors.from} />
        <TextField label="To (UTC)" name="to" type="date" defaultValue={values.to} error={fieldErrors.to} />
        <SelectField
          name="status"
          label="Status"
          defaultValue={values.status ?? "open"}
          error={fieldErrors.status}
          options={[
            { value: "open", label: withCount("Open (new, in review, escalated)", openCount) },
            { value: "all", label: withCount("Any status", anyCount) },
            ...TRIAGE_STATUSES.map((s) => ({ value: s, label: withCount(TRIAGE_STATUS_LABELS[s], status[s]) })),
          ]}
        />
        <SelectField
          name="severity"
          label="Severity"
          defaultValue={values.severity}
          emptyOption="Any severity"
          error={fieldErrors.severity}
          options={[...SEVERITIES].reverse().map((s) => ({ value: s, label: withCount(SEVERITY_LABELS[s], counts.severity[s]) }))}
        />
        <SelectField name="category" label="Category" defaultValue={values.category} emptyOption="Any category" error={fieldErrors.category} options={seenOptions(counts.category, values.category, categoryLabel)} />
        <SelectField name="owasp" label="OWASP LLM Top 10" defaultValue={values.owasp} emptyOption="Any OWASP id" error={fieldErrors.owasp} options={seenOptions(counts.owasp, values.owasp, owaspLabel)} />
        <SelectField name="detector" label="Detector" defaultValue={values.detector} emptyOption="Any detector" error={fieldErrors.detector} options={seenOptions(counts.detector, values.detector, detectorLabel)} />
        <SelectField
          name="workflow"
          label="Workflow"
          defaultValue={values.workflow}
          emptyOption="Any workflow"
          error={fieldErrors.workflow}
          options={[
            { value: UNREGISTERED, label: withCount("Unregistered (shadow AI)", counts.workflow[""]) },
            ...options.workflows.map((w) => ({ value: w.id, label: withCount(w.name, counts.workflow[w.id]) })),
          ]}
        />
        <SelectField name="owner" label="Accountable owner" defaultValue={values.owner} emptyOption="Any owner" error={fieldErrors.owner} options={options.owners.map((o) => ({ value: o.id, label: withCount(o.name, counts.owner[o.id]) }))} />
        <SelectField name="team" label="Team" defaultValue={values.team} emptyOption="Any team" error={fieldErrors.team} options={options.teams.map((t) => ({ value: t.id, label: withCount(t.name, counts.team[t.id]) }))} />
        <SelectField name="source" label="Source" defaultValue={values.source} emptyOption="Any source" error={fieldErrors.source} options={seenOptions(counts.source, values.source, (v) => v)} />
        <SelectField name="model" label="Model" defaultValue={values.model} emptyOption="Any model" error={fieldErrors.model} options={seenOptions(counts.model, values.model, (v) => v)} />
        <SelectField
          name="assignee"
          label="Assignee"
          defaultValue={values.assignee}
          emptyOption="Anyone or nobody"
          error={fieldErrors.assignee}
          options={[
            { value: ME, label: "Me" },
            { value: UNASSIGNED, label: withCount("Unassigned", counts.assignee[""]) },
            ...options.assignees.map((p) => ({ value: p.id, label: withCount(p.name, counts.assignee[p.id]) })),
          ]}
        />
        <SelectField
          name="view"
          label="Show"
          defaultValue={values.view ?? "groups"}
          error={fieldErrors.view}
          options={[
            { value: "groups", label: "One row per group of related interactions" },
            { value: "all", label: "Every interaction" },
          ]}
        />
        <SelectField name="sort" label="Sort" defaultValue={values.sort ?? "newest"} error={fieldErrors.sort} options={QUEUE_SORTS.map((s) => ({ value: s, label: QUEUE_SORT_LABELS[s] }))} />
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit">Apply filters</Button>
        <Link href="/interactions" className="text-sm font-medium text-slate-600 hover:underline">
          Clear
        </Link>
      </div>
    </form>
  );
}
