import { Card, formatDate } from "@/components/ui";
import { getRetentionStatus } from "@/lib/ingest/retention-status";

const plural = (n: number, word: string) => `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;

/** How long ingested interactions are kept, and what the last scheduled purge removed (read-only). */
export async function RetentionCard() {
  const status = await getRetentionStatus();
  const last = status.lastPurge;
  const removed = last
    ? [
        last.droppedPartitions.length > 0 && `${plural(last.droppedPartitions.length, "partition")} dropped (${last.droppedPartitions.join(", ")})`,
        last.triageItemsDeleted > 0 && `${plural(last.triageItemsDeleted, "triage item")} deleted`,
        last.triageSearchCleared > 0 && `search words of ${plural(last.triageSearchCleared, "triage item")} cleared`,
        last.dailyCountsDeleted > 0 && `${plural(last.dailyCountsDeleted, "daily count")} deleted`,
        last.quarantineTextsCleared > 0 && `text of ${plural(last.quarantineTextsCleared, "resolved quarantined record")} cleared`,
      ].filter(Boolean)
    : [];
  return (
    <Card title="Interaction retention">
      <dl className="divide-y divide-slate-100 text-sm">
        <div className="grid grid-cols-[12rem_1fr] gap-4 py-2">
          <dt className="text-slate-500">Prompt and response text</dt>
          <dd>{status.textDays} days <span className="text-slate-600">(TEXT_RETENTION_DAYS)</span></dd>
        </div>
        <div className="grid grid-cols-[12rem_1fr] gap-4 py-2">
          <dt className="text-slate-500">Metadata and findings</dt>
          <dd>{status.metadataDays} days <span className="text-slate-600">(METADATA_RETENTION_DAYS)</span></dd>
        </div>
        <div className="grid grid-cols-[12rem_1fr] gap-4 py-2">
          <dt className="text-slate-500">Purge</dt>
          <dd>Hourly: expired daily text partitions and monthly metadata partitions are dropped whole, so the tables neither bloat nor lock.</dd>
        </div>
        <div className="grid grid-cols-[12rem_1fr] gap-4 py-2">
          <dt className="text-slate-500">Last purge</dt>
          <dd data-testid="last-purge">{last ? `${formatDate(last.at)}: ${removed.join("; ")}` : "Nothing has expired yet."}</dd>
        </div>
      </dl>
    </Card>
  );
}
