// Time to triage (triaged_at - created_at), counted in buckets by the rollup trigger
// (warden_triage_time_bucket in prisma/migrations/20261122060000_risk_rollups): bucket b (1-based)
// holds [BOUNDS[b - 1], BOUNDS[b]) seconds, the last bucket everything from 30 days on. A percentile
// is reported as the bucket's upper bound ("90 % within 4 h"), which is exact as stated.

export const TRIAGE_TIME_BOUNDS_SECONDS = [0, 300, 900, 1800, 3600, 7200, 14400, 28800, 43200, 86400, 172800, 259200, 432000, 604800, 1209600, 2592000] as const;

const HOUR = 3600;
const DAY = 24 * HOUR;

/** "5 min", "4 h", "2 days", "1 week". */
export function formatDuration(seconds: number): string {
  if (seconds < HOUR) return `${Math.round(seconds / 60)} min`;
  if (seconds < DAY) return `${Math.round(seconds / HOUR)} h`;
  const days = Math.round(seconds / DAY);
  if (days % 7 === 0) return days === 7 ? "1 week" : `${days / 7} weeks`;
  return days === 1 ? "1 day" : `${days} days`;
}

/** Upper bound of bucket b in seconds; null for the last (open-ended) bucket. */
export function bucketUpperSeconds(bucket: number): number | null {
  if (!Number.isInteger(bucket) || bucket < 1 || bucket > TRIAGE_TIME_BOUNDS_SECONDS.length) throw new Error(`No time-to-triage bucket ${bucket}`);
  return bucket < TRIAGE_TIME_BOUNDS_SECONDS.length ? TRIAGE_TIME_BOUNDS_SECONDS[bucket]! : null;
}

/** "under 5 min", "4–8 h", "30 days or more". */
export function bucketLabel(bucket: number): string {
  const lower = TRIAGE_TIME_BOUNDS_SECONDS[bucket - 1]!;
  const upper = bucketUpperSeconds(bucket);
  if (upper === null) return `${formatDuration(lower)} or more`;
  if (lower === 0) return `under ${formatDuration(upper)}`;
  return `${formatDuration(lower)} – ${formatDuration(upper)}`;
}

export interface TriageTimePercentile {
  /** The bucket the percentile falls in. */
  bucket: number;
  /** "within 4 h", or "30 days or more" when it falls in the open-ended bucket. */
  label: string;
  /** Upper bound in seconds; null for the open-ended bucket. */
  withinSeconds: number | null;
}

/**
 * The bucket holding the p-th percentile (0 < p ≤ 100) of `counts` (bucket → items): the first
 * bucket at which the cumulative count reaches p % of all. Null when nothing was triaged.
 */
export function triageTimePercentile(counts: ReadonlyMap<number, number>, p: number): TriageTimePercentile | null {
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const target = (p / 100) * total;
  let cumulative = 0;
  for (let bucket = 1; bucket <= TRIAGE_TIME_BOUNDS_SECONDS.length; bucket++) {
    cumulative += counts.get(bucket) ?? 0;
    if (cumulative >= target) {
      const withinSeconds = bucketUpperSeconds(bucket);
      return { bucket, withinSeconds, label: withinSeconds === null ? bucketLabel(bucket) : `within ${formatDuration(withinSeconds)}` };
    }
  }
  throw new Error("Time-to-triage counts hold a bucket outside the known bounds");
}
