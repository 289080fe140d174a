import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { QuarantineEditor } from "@/components/ingest/quarantine-editor";
import { QuarantineErrorList, QuarantineStatusBadge, recordPosition } from "@/components/ingest/quarantine-parts";
import { Card, Facts, formatDate, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/actor";
import { guardPage } from "@/lib/auth/guard";
import { INGEST_SOURCES } from "@/lib/ingest/event";
import { getQuarantinedRecord, prettyRecord } from "@/lib/ingest/quarantine/queries";
import { EDITABLE_RECORD_CHARS } from "@/lib/ingest/quarantine/replay";

export const metadata: Metadata = { title: "Quarantined record" };

export default async function QuarantinedRecordPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await guardPage("/ingest/quarantine/[id]");
  const row = await getQuarantinedRecord((await params).id);
  if (!row) notFound();
  const pretty = prettyRecord(row.record);
  const canFix = can(actor, "ingest:manage") && row.status === "open";

  return (
    <>
      <PageHeader
        title={`Quarantined ${row.source} record`}
        description="Kept because it could not be read; secrets were masked before it was written."
        actions={
          <Link href="/ingest/quarantine" className="text-sm text-indigo-700 hover:underline">
            All quarantined records
          </Link>
        }
      />
      <div className="grid gap-6 xl:grid-cols-3">
        <Card title="Record" className="xl:col-span-2">
          <Facts
            items={[
              ["Status", <QuarantineStatusBadge key="s" status={row.status} />],
              ["Source", row.source],
              ["Received", formatDate(row.createdAt)],
              ["Position", recordPosition(row)],
              ["Sent through", row.batch ? `${row.batch.channel}${row.batch.label ? ` (${row.batch.label})` : ""}` : "—"],
              ...(row.status !== "open"
                ? ([
                    [row.status === "replayed" ? "Replayed" : "Discarded", `${formatDate(row.resolvedAt)}${row.resolvedBy ? ` by ${row.resolvedBy.name}` : ""}`],
                    ...(row.status === "replayed" ? ([["Interactions", `${row.replayedEvents ?? 0} stored or already there`]] as [string, string][]) : []),
                  ] as [string, string][])
                : []),
            ]}
          />
        </Card>
        <Card title={row.status === "open" ? "Why it was not read" : "Errors when it was kept"}>
          <QuarantineErrorList errors={row.errors} label="Errors of this record" />
        </Card>
      </div>
      {canFix ? (
        <Card title="Fix and replay" className="mt-6">
          <QuarantineEditor id={row.id} record={pretty} source={row.source} formats={INGEST_SOURCES} editable={pretty.length <= EDITABLE_RECORD_CHARS} maxChars={EDITABLE_RECORD_CHARS} />
        </Card>
      ) : (
        <Card title="The record as received (secrets masked)" className="mt-6">
          {row.record === "" ? (
            <p className="text-sm text-slate-600" data-testid="quarantined-record">
              Its text was deleted when it outlived the text retention period, like every prompt and response; its errors and what was done with it are kept.
            </p>
          ) : (
            <pre className="max-h-[32rem] overflow-auto whitespace-pre-wrap break-all rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-800" data-testid="quarantined-record">
              {pretty}
            </pre>
          )}
          {row.status === "open" && <p className="mt-3 text-sm text-slate-500">An admin can fix and replay it, or discard it.</p>}
        </Card>
      )}
    </>
  );
}
