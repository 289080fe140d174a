import { queueHref, type QueueFilterKey } from "@/lib/triage/queue-filters";
import type { RiskPeriod } from "./period";

// Where each figure of the dashboard leads: the queue (/interactions) showing exactly the items the
// figure counts, over the same days. The queue shows open items unless told otherwise, so figures
// that count every flagged item say status=all.

export type QueueLink = Partial<Record<QueueFilterKey, string | undefined>>;

/** The queue over the whole period, narrowed by `filters`. */
export function periodQueueHref(period: Pick<RiskPeriod, "fromDay" | "toDay">, filters: QueueLink = {}): string {
  return queueHref({ from: period.fromDay, to: period.toDay, ...filters });
}

/** The queue over one day of the period. */
export function dayQueueHref(day: string, filters: QueueLink = {}): string {
  return queueHref({ from: day, to: day, ...filters });
}

/** The unregistered-AI list, narrowed to one caller's name when given ("key_alias:x" → "x"). */
export function shadowAiHref(identityKey?: string): string {
  if (!identityKey) return "/shadow-ai";
  const value = identityKey.includes(":") ? identityKey.slice(identityKey.indexOf(":") + 1) : identityKey;
  return value ? `/shadow-ai?${new URLSearchParams({ q: value })}` : "/shadow-ai";
}
