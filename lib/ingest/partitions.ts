import "server-only";
import { db } from "@/lib/db/client";

// The partitions a batch needs are created before its transaction (creating one locks the parent
// table briefly), and remembered per process so the common case costs nothing.
const known = new Set<number>();

const DAY_MS = 24 * 60 * 60 * 1000;

export async function ensurePartitions(times: Date[]): Promise<void> {
  const missing = new Map<number, Date>();
  for (const time of times) {
    // The UTC day as a number: cheaper than formatting a date for every event of every batch.
    const day = Math.floor(time.getTime() / DAY_MS);
    if (!known.has(day) && !missing.has(day)) missing.set(day, new Date(day * DAY_MS));
  }
  if (missing.size === 0) return;
  const days = [...missing.values()];
  await db.$executeRawUnsafe(`SELECT warden_ensure_partitions($1::timestamptz[])`, days.map((d) => d.toISOString()));
  for (const day of missing.keys()) known.add(day);
}

/** After the purge drops partitions, this process must not assume they still exist. */
export function forgetPartitions(): void {
  known.clear();
}
