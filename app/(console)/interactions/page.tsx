import type { Metadata } from "next";
import Link from "next/link";
import { secondaryButtonClassName } from "@/components/forms/form-controls";
import { groupKind } from "@/components/triage/badges";
import { QueueFilterForm, type QueueFormValues } from "@/components/triage/queue-filter-form";
import { QueueTable } from "@/components/triage/queue-table";
import { SavedViews } from "@/components/triage/saved-views";
import { Card, EmptyState, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/actor";
import { guardPage } from "@/lib/auth/guard";
import { DomainError } from "@/lib/errors";
import { fieldErrorsFromZod } from "@/lib/http/validation";
import { queueFacets } from "@/lib/triage/facets";
import { queueFilterOptions } from "@/lib/triage/filter-options";
import { listQueue } from "@/lib/triage/list-queue";
import { firstValues, isNarrowed, parseQueueFilters, queueHref, queueQuery, type QueueFilters } from "@/lib/triage/queue-filters";
import { listSavedViews } from "@/lib/triage/saved-views";
import { OPEN_TRIAGE_STATUSES } from "@/lib/triage/status";

export const metadata: Metadata = { title: "Interactions" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function InteractionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await guardPage("/interactions");
  const params = await searchParams;
  const values = firstValues(params) as QueueFormValues;
  const parsed = parseQueueFilters(params);
  const canWrite = can(actor, "triage:write");
  const canExport = can(actor, "triage:export");
  // Refused filters stay in their fields with their messages; the rest of the page shows the default view.
  const filters: QueueFilters = parsed.success ? parsed.data : {};
  let fieldErrors = parsed.success ? {} : fieldErrorsFromZod(parsed.error);

  const [options, views, loaded] = await Promise.all([
    queueFilterOptions(),
    listSavedViews(actor),
    Promise.all([listQueue(actor, filters), queueFacets(actor, filters)]).catch((error: unknown) => {
      if (error instanceof DomainError && error.fieldErrors) return error;
      throw error;
    }),
  ]);
  if (loaded instanceof DomainError) fieldErrors = { ...fieldErrors, ...loaded.fieldErrors };
  const [page, facets] = loaded instanceof DomainError ? [null, null] : loaded;

  const grouped = (filters.view ?? "groups") === "groups";
  const viewQuery = queueQuery({ ...filters, after: undefined, before: undefined });
  const openCount = facets ? OPEN_TRIAGE_STATUSES.reduce((sum, status) => sum + (facets.counts.status[status] ?? 0), 0) : null;
  const problems = Object.values(fieldErrors);

  return (
    <>
      <PageHeader
        title="Interactions"
        description="Flagged interactions from the gateways: narrow the queue, open one to see what was said and why it was flagged, decide, move on."
        actions={
          canExport && (
            <>
              <a href={`/api/interactions/export?${new URLSearchParams([["format", "csv"], ...new URLSearchParams(viewQuery)])}`} className={secondaryButtonClassName} download>
                Export CSV
              </a>
              <a href={`/api/interactions/export?${new URLSearchParams([["format", "json"], ...new URLSearchParams(viewQuery)])}`} className={secondaryButtonClassName} download>
                Export JSON
              </a>
            </>
          )
        }
      />

      <Card className="mb-6" title="Saved views">
        <SavedViews views={views} currentQuery={viewQuery} canWrite={canWrite} isAdmin={actor.type === "user" && actor.role === "admin"} />
      </Card>

      <Card className="mb-6">
        {facets ? (
          <QueueFilterForm values={values} counts={facets.counts} options={options} fieldErrors={fieldErrors} />
        ) : (
          <p className="text-sm text-slate-600">
            <Link href="/interactions" className="font-medium text-indigo-700 hover:underline">
              Start again from the default view
            </Link>
          </p>
        )}
      </Card>

      {problems.length > 0 && (
        <p role="alert" className="mb-4 rounded-md bg-rose-50 p-3 text-sm text-rose-800">
          {parsed.success ? "" : "Some filters were not applied: "}
          {problems.join(" ")}
        </p>
      )}

      {filters.group && (
        <p className="mb-4 rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm text-indigo-900">
          Showing one group of related interactions ({groupKind(filters.group)}): <code className="font-mono text-xs">{filters.group}</code>.{" "}
          <Link href={queueHref(filters, { group: undefined, view: undefined })} className="font-medium underline">
            Show the whole queue
          </Link>
        </p>
      )}

      {page && facets && (
        <Card>
          <div className="mb-3 flex flex-wrap items-baseline justify-between gap-3 text-sm text-slate-700">
            <p>
              <strong data-testid="queue-open-count">{openCount}</strong> open
              {" · "}
              <strong data-testid="queue-match-count">{facets.total}</strong> {facets.total === 1 ? "interaction matches" : "interactions match"} these filters
              {grouped ? ", shown one row per group" : ""}.
            </p>
            <Link href={queueHref(filters, { view: grouped ? "all" : "groups" })} className="font-medium text-indigo-700 hover:underline">
              {grouped ? "Show every interaction" : "Group related interactions"}
            </Link>
          </div>
          {page.rows.length === 0 ? (
            <EmptyState>{isNarrowed(filters) ? "No flagged interactions match these filters." : "Nothing is waiting: no open flagged interactions."}</EmptyState>
          ) : (
            <QueueTable rows={page.rows} grouped={grouped} canWrite={canWrite} assignees={options.assignees} from={queueQuery(filters)} />
          )}
          <nav aria-label="Pages" className="mt-4 flex items-center justify-between">
            <div className="flex gap-2">
              {page.previous && (
                <Link href={queueHref(filters, { after: undefined, before: undefined })} className={secondaryButtonClassName}>
                  First page
                </Link>
              )}
              {page.previous && (
                <Link href={queueHref(filters, { before: page.previous, after: undefined })} className={secondaryButtonClassName} rel="prev">
                  Previous
                </Link>
              )}
            </div>
            {page.next && (
              <Link href={queueHref(filters, { after: page.next, before: undefined })} className={secondaryButtonClassName} rel="next">
                Next
              </Link>
            )}
          </nav>
        </Card>
      )}
    </>
  );
}
