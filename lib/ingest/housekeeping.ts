import "server-only";
import { ensurePartitions } from "./partitions";
import { purgeExpired, type PurgeResult } from "./retention";
import { relinkPendingIdentities } from "./shadow/relink";

// What the clock does for ingestion, hourly rather than every minute (retention is counted in days):
// purge what has outlived its retention, and finish any re-link of a newly linked gateway identity
// that a restart interrupted; and create tomorrow's partitions ahead of time, so the first batch
// after midnight does not pay for it. All idempotent and safe on every instance at once.

export const INGEST_HOUSEKEEPING_INTERVAL_MS = 60 * 60_000;

let lastRun: number | null = null;

export async function runIngestHousekeeping(now: Date = new Date()): Promise<{ purge: PurgeResult; relinked: number }> {
  const purge = await purgeExpired(now);
  await ensurePartitions([now, new Date(now.getTime() + 24 * 60 * 60_000)]);
  const relinked = await relinkPendingIdentities();
  return { purge, relinked: relinked.length };
}

/**
 * For the minute clock (instrumentation.ts): runs at the first tick after start and then once an
 * hour in this process; null when it is not due.
 */
export async function runIngestHousekeepingIfDue(now: Date = new Date()): Promise<Awaited<ReturnType<typeof runIngestHousekeeping>> | null> {
  if (lastRun !== null && now.getTime() - lastRun < INGEST_HOUSEKEEPING_INTERVAL_MS) return null;
  // Counted from the start of the attempt, so a failing run is retried an hour later, not every minute.
  lastRun = now.getTime();
  return runIngestHousekeeping(now);
}
