// What changed between two snapshots of a row, so an audit event records the difference and a
// save that changes nothing writes nothing.

export function changedFields<T extends Record<string, unknown>>(before: T, after: T): { before: Partial<T>; after: Partial<T> } | null {
  const changedBefore: Partial<T> = {};
  const changedAfter: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    changedBefore[key] = before[key];
    changedAfter[key] = after[key];
  }
  return Object.keys(changedAfter).length ? { before: changedBefore, after: changedAfter } : null;
}
