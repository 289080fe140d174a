import type { Metadata } from "next";
import Link from "next/link";
import { SourceCountsTable } from "@/components/ingest/source-counts-table";
import { UploadForm } from "@/components/ingest/upload-form";
import { Card, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/actor";
import { guardPage } from "@/lib/auth/guard";
import { countOpenQuarantine, getIngestSourceCounts } from "@/lib/ingest/source-counts";

export const metadata: Metadata = { title: "Ingestion" };

const ENDPOINTS = [
  ["LiteLLM", "/api/ingest/litellm"],
  ["OpenTelemetry (OTLP/HTTP, protobuf or JSON)", "/api/otlp/v1/traces"],
  ["Portkey", "/api/ingest/portkey"],
  ["Generic JSON event", "/api/ingest/generic"],
] as const;

export default async function IngestPage() {
  const actor = await guardPage("/ingest");
  const [counts, openQuarantine] = await Promise.all([getIngestSourceCounts(), countOpenQuarantine()]);
  return (
    <>
      <PageHeader
        title="Ingestion"
        description="Gateway logs as they arrive: how many events each source sent, how many were stored, were already there (each event is kept once), or could not be read and wait in the quarantine."
      />
      <div className="space-y-6">
        <Card title="Events per source">
          <SourceCountsTable rows={counts} />
          <ul className="mt-4 flex flex-wrap gap-x-6 gap-y-2 text-sm">
            <li>
              <Link href="/ingest/quarantine" className="font-medium text-indigo-700 hover:underline">
                Quarantine
              </Link>
              <span className="text-slate-600"> · {openQuarantine.toLocaleString("en-US")} record{openQuarantine === 1 ? "" : "s"} to fix and replay</span>
            </li>
            <li>
              <Link href="/shadow-ai" className="font-medium text-indigo-700 hover:underline">
                Unregistered AI usage
              </Link>
              <span className="text-slate-600"> · callers with no registered workflow</span>
            </li>
          </ul>
        </Card>

        {can(actor, "interactions:upload") && (
          <Card title="Upload a log export">
            <UploadForm />
          </Card>
        )}

        <Card title="Sending logs from a gateway">
          <p className="text-sm text-slate-600">
            Gateways POST to these endpoints with an API token holding the <code>interactions:ingest</code> scope (Settings → API tokens) as <code>Authorization: Bearer …</code>. The README&apos;s &ldquo;Sending logs to Warden&rdquo; has copy-paste configuration for each.
          </p>
          <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[16rem_1fr]">
            {ENDPOINTS.map(([label, path]) => (
              <div key={path} className="contents">
                <dt className="text-slate-500">{label}</dt>
                <dd>
                  <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">POST {path}</code>
                </dd>
              </div>
            ))}
          </dl>
        </Card>
      </div>
    </>
  );
}
