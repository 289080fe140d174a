// Next.js calls register() once when a server instance starts. Warden uses it to start the grant
// clock: every minute, expire due grants and warn owners about grants expiring soon, and run the
// access-review clock (launch, remind, escalate, recur). Each instance
// runs its own timer; the job is written so that concurrent runs are harmless.
export async function register() {
  // The documented shape: the imports sit inside the Node.js branch so no other runtime bundles them.
  // No DATABASE_URL (e.g. while building): nothing to look after.
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.DATABASE_URL) {
    const [{ startGrantScheduler }, { runGrantHousekeeping }, { runReviewHousekeeping }] = await Promise.all([
      import("@/lib/grants/scheduler"),
      import("@/lib/grants/housekeeping"),
      import("@/lib/reviews/housekeeping"),
    ]);
    // One tick for both clocks: grants first, so a review launched this minute sees expiries.
    startGrantScheduler({ run: async () => (await runGrantHousekeeping(), await runReviewHousekeeping()) });
  }
}
