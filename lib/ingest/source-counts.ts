import "server-only";
import { db } from "@/lib/db/client";
import { INGEST_SOURCES } from "./event";

// Ingestion health per source for the /ingest page: received / stored / duplicate / rejected summed
// over the batches taken in (ingest_batches, one row per request or slice of a file — small), today
// (UTC), the last 7 days and all time, with the time of the latest batch.

export interface IngestCounts {
  received: number;
  stored: number;
  duplicate: number;
  rejected: number;
}

export interface SourceCounts {
  source: string;
  today: IngestCounts;
  week: IngestCounts;
  all: IngestCounts;
  lastBatchAt: Date | null;
}

export const INGEST_SOURCE_LABELS: Record<string, string> = {
  litellm: "LiteLLM",
  otlp: "OpenTelemetry (OTLP)",
  portkey: "Portkey",
  generic: "Generic JSON",
};

interface Row {
  source: string;
  today_received: bigint;
  today_stored: bigint;
  today_duplicate: bigint;
  today_rejected: bigint;
  week_received: bigint;
  week_stored: bigint;
  week_duplicate: bigint;
  week_rejected: bigint;
  all_received: bigint;
  all_stored: bigint;
  all_duplicate: bigint;
  all_rejected: bigint;
  last_batch_at: Date | null;
}

const zero = (): IngestCounts => ({ received: 0, stored: 0, duplicate: 0, rejected: 0 });

/** Every known source (zeros when nothing came in), then any other source batches name. */
export async function getIngestSourceCounts(now: Date = new Date()): Promise<SourceCounts[]> {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const week = new Date(now.getTime() - 7 * 86_400_000);
  const rows = await db.$queryRaw<Row[]>`
    SELECT source,
           COALESCE(sum(received) FILTER (WHERE created_at >= ${today}), 0) AS today_received,
           COALESCE(sum(stored) FILTER (WHERE created_at >= ${today}), 0) AS today_stored,
           COALESCE(sum(duplicate) FILTER (WHERE created_at >= ${today}), 0) AS today_duplicate,
           COALESCE(sum(rejected) FILTER (WHERE created_at >= ${today}), 0) AS today_rejected,
           COALESCE(sum(received) FILTER (WHERE created_at >= ${week}), 0) AS week_received,
           COALESCE(sum(stored) FILTER (WHERE created_at >= ${week}), 0) AS week_stored,
           COALESCE(sum(duplicate) FILTER (WHERE created_at >= ${week}), 0) AS week_duplicate,
           COALESCE(sum(rejected) FILTER (WHERE created_at >= ${week}), 0) AS week_rejected,
           sum(received) AS all_received, sum(stored) AS all_stored, sum(duplicate) AS all_duplicate, sum(rejected) AS all_rejected,
           max(created_at) AS last_batch_at
    FROM ingest_batches
    GROUP BY source`;
  const bySource = new Map(rows.map((row) => [row.source, row]));
  const sources = [...INGEST_SOURCES, ...rows.map((row) => row.source).filter((source) => !(INGEST_SOURCES as readonly string[]).includes(source)).sort()];
  return sources.map((source) => {
    const row = bySource.get(source);
    if (!row) return { source, today: zero(), week: zero(), all: zero(), lastBatchAt: null };
    const counts = (prefix: "today" | "week" | "all"): IngestCounts => ({
      received: Number(row[`${prefix}_received`]),
      stored: Number(row[`${prefix}_stored`]),
      duplicate: Number(row[`${prefix}_duplicate`]),
      rejected: Number(row[`${prefix}_rejected`]),
    });
    return { source, today: counts("today"), week: counts("week"), all: counts("all"), lastBatchAt: row.last_batch_at };
  });
}

/** Records waiting in the quarantine for an admin to fix and replay, or discard. */
export function countOpenQuarantine(): Promise<number> {
  return db.quarantinedRecord.count({ where: { status: "open" } });
}
