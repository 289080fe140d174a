import type { Metadata } from "next";
import Link from "next/link";
import { AuditEventTable } from "@/components/audit/audit-event-table";
import { AuditFilters, type AuditFilterValues } from "@/components/audit/audit-filters";
import { secondaryButtonClassName } from "@/components/forms/form-controls";
import { Card, EmptyState, PageHeader } from "@/components/ui";
import { guardPage } from "@/lib/auth/guard";
import { auditFilterFromSearchParams, listAuditEvents, listAuditFacets, type AuditFilter } from "@/lib/audit/list-events";
import { fieldErrorsFromZod } from "@/lib/http/validation";

export const metadata: Metadata = { title: "Audit trail" };

type SearchParams = Record<string, string | string[] | undefined>;

const FILTER_KEYS = ["actor", "action", "targetType", "targetId", "from", "to"] as const;

/** The filters as typed, so a refused value stays in its field next to its message. */
function rawValues(params: SearchParams): AuditFilterValues {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, first(params[key])]).filter(([, value]) => value));
}

function pageHref(filter: AuditFilter, cursor: { before: string } | { after: string } | null): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  for (const [key, value] of Object.entries(cursor ?? {})) params.set(key, value);
  const query = params.toString();
  return query ? `/audit?${query}` : "/audit";
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await guardPage("/audit");
  const params = await searchParams;
  const parsed = auditFilterFromSearchParams(params);
  const facets = await listAuditFacets();
  const filter = parsed.success ? parsed.data : null;
  const fieldErrors = parsed.success ? {} : fieldErrorsFromZod(parsed.error);
  const page = filter ? await listAuditEvents(filter) : null;
  const filtered = filter !== null && FILTER_KEYS.some((key) => filter[key]);

  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every change made in Warden, who made it and what it was before and after. The trail is append-only and hash-chained; Settings shows whether the chain is intact."
      />
      <Card className="mb-6">
        <AuditFilters values={rawValues(params)} actions={facets.actions} targetTypes={facets.targetTypes} fieldErrors={fieldErrors} />
      </Card>
      {!filter || !page ? (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-800">
          These filters cannot be applied: {Object.values(fieldErrors).join(" ")}
        </p>
      ) : page.events.length === 0 ? (
        <EmptyState>{filtered ? "No events match these filters." : "No events on this page."}</EmptyState>
      ) : (
        <Card>
          <AuditEventTable events={page.events} />
          <nav aria-label="Pages" className="mt-4 flex items-center justify-between">
            <div className="flex gap-2">
              {page.newer && (
                <Link href={pageHref(filter, null)} className={secondaryButtonClassName}>
                  Newest
                </Link>
              )}
              {page.newer && (
                <Link href={pageHref(filter, { after: page.newer })} className={secondaryButtonClassName}>
                  Newer
                </Link>
              )}
            </div>
            {page.older && (
              <Link href={pageHref(filter, { before: page.older })} className={secondaryButtonClassName}>
                Older
              </Link>
            )}
          </nav>
        </Card>
      )}
    </>
  );
}
