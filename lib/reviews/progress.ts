// Progress of a campaign, overall and per reviewer: done, remaining and overdue (remaining after the
// due date). "Don't know" is not done: someone still has to decide.

export interface ProgressCounts {
  total: number;
  done: number;
  remaining: number;
  overdue: number;
}

export interface ProgressItem {
  decision: string | null;
  reviewerId: string | null;
}

export function isDecided(item: { decision: string | null }): boolean {
  return item.decision !== null && item.decision !== "dont_know";
}

export function progressOf(items: ProgressItem[], dueAt: Date, now: Date, open: boolean): ProgressCounts {
  const done = items.filter(isDecided).length;
  const remaining = items.length - done;
  return { total: items.length, done, remaining, overdue: open && dueAt.getTime() < now.getTime() ? remaining : 0 };
}

export function progressByReviewer(items: ProgressItem[], dueAt: Date, now: Date, open: boolean): Map<string | null, ProgressCounts> {
  const groups = new Map<string | null, ProgressItem[]>();
  for (const item of items) groups.set(item.reviewerId, [...(groups.get(item.reviewerId) ?? []), item]);
  return new Map([...groups].map(([reviewerId, group]) => [reviewerId, progressOf(group, dueAt, now, open)]));
}
