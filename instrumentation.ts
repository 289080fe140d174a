// Next.js calls register() once when a server instance starts. Warden uses it to start the grant
// clock: every minute, expire due grants and warn owners about grants expiring soon, and run the
// access-review clock (launch, remind, escalate, recur); once an hour, the ingestion clock (the
// retention purge, lib/ingest/housekeeping.ts). Each instance runs its own timer; the jobs are
// written so that concurrent runs are harmless.
export async function register() {
  // The documented shape: the imports sit inside the Node.js branch so no other runtime bundles them.
  // No DATABASE_URL (e.g. while building): nothing to look after.
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.DATABASE_URL) {
    const [{ startGrantScheduler }, { runGrantHousekeeping }, { runReviewHousekeeping }, { runIngestHousekeepingIfDue }] = await Promise.all([
      import("@/lib/grants/scheduler"),
      import("@/lib/grants/housekeeping"),
      import("@/lib/reviews/housekeeping"),
      import("@/lib/ingest/housekeeping"),
    ]);
    // One tick for every clock: grants first, so a review launched this minute sees expiries; the
    // hourly ingestion clock last, so a slow purge never delays the others.
    startGrantScheduler({ run: async () => (await runGrantHousekeeping(), await runReviewHousekeeping(), await runIngestHousekeepingIfDue()) });
  }
}
