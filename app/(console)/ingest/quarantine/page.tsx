import type { Metadata } from "next";
import Link from "next/link";
import { Cell, DataTable } from "@/components/data-table";
import { FilterForm, FilterSelect } from "@/components/forms/filter-form";
import { QuarantineErrorList, QuarantineStatusBadge, recordPosition } from "@/components/ingest/quarantine-parts";
import { ReplayOpenForm } from "@/components/ingest/replay-open-form";
import { Card, EmptyState, formatDate, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/actor";
import { guardPage } from "@/lib/auth/guard";
import { INGEST_SOURCES } from "@/lib/ingest/event";
import { listQuarantine, QUARANTINE_PAGE_SIZE, QUARANTINE_STATUSES, quarantineFilters } from "@/lib/ingest/quarantine/queries";

export const metadata: Metadata = { title: "Quarantine" };

export default async function QuarantinePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await guardPage("/ingest/quarantine");
  const filters = quarantineFilters.parse(await searchParams);
  const { rows, total, openBySource } = await listQuarantine(filters);
  const canManage = can(actor, "ingest:manage");
  const filtered = Boolean(filters.source) || filters.status !== "open";

  return (
    <>
      <PageHeader
        title="Quarantine"
        description="Records a gateway sent that could not be read. Nothing is dropped: each is kept here, secrets masked, until an admin fixes it (edits it, or reads it as another format) and replays it, or discards it."
        actions={
          <Link href="/ingest" className="text-sm text-indigo-700 hover:underline">
            Back to ingestion
          </Link>
        }
      />
      {canManage && openBySource.length > 0 && (
        <Card title="Replay open records of a source" className="mb-6">
          <ReplayOpenForm openBySource={openBySource} formats={INGEST_SOURCES} />
        </Card>
      )}
      <Card className="mb-6">
        <FilterForm label="Filter quarantined records" clearHref="/ingest/quarantine" filtered={filtered}>
          <FilterSelect name="source" label="Source" value={filters.source} anyLabel="Any source" options={INGEST_SOURCES.map((s) => ({ value: s, label: s }))} />
          <label className="text-sm font-medium text-slate-800">
            Status
            <select name="status" defaultValue={filters.status} className="mt-1 block rounded-md border border-slate-300 px-3 py-2 text-sm">
              {QUARANTINE_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {status}
                </option>
              ))}
              <option value="all">any status</option>
            </select>
          </label>
        </FilterForm>
      </Card>
      <Card title={total > rows.length ? `The newest ${QUARANTINE_PAGE_SIZE} of ${total.toLocaleString("en")} records` : `${total} record${total === 1 ? "" : "s"}`}>
        {rows.length === 0 ? (
          <EmptyState>{filters.status === "open" && !filters.source ? "Nothing waits in the quarantine: every record sent so far could be read." : "No quarantined record matches these filters."}</EmptyState>
        ) : (
          <DataTable caption="Quarantined records" headers={["Received", "Source", "Position", "Errors", "Status"]}>
            {rows.map((row) => (
              <tr key={row.id} data-testid="quarantine-row">
                <Cell className="whitespace-nowrap">
                  <Link href={`/ingest/quarantine/${row.id}`} className="font-medium text-indigo-700 hover:underline">
                    {formatDate(row.createdAt)}
                  </Link>
                </Cell>
                <Cell>{row.source}</Cell>
                <Cell className="whitespace-nowrap text-slate-600">{recordPosition(row)}</Cell>
                <Cell>
                  <QuarantineErrorList errors={row.errors} limit={3} label={`Errors of the record received ${formatDate(row.createdAt)}`} />
                </Cell>
                <Cell className="whitespace-nowrap">
                  <QuarantineStatusBadge status={row.status} />
                  {row.status === "replayed" && <p className="text-xs text-slate-500">{row.replayedEvents ?? 0} interaction(s)</p>}
                  {row.resolvedBy && <p className="text-xs text-slate-500">by {row.resolvedBy.name}</p>}
                </Cell>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
    </>
  );
}
