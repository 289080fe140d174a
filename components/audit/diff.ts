// Field-by-field comparison of an audit event's before and after, for the diff view. Pure, so it
// runs in the browser and is unit-tested.

export type DiffStatus = "added" | "removed" | "changed" | "unchanged";

export interface DiffRow {
  field: string;
  before: unknown;
  after: unknown;
  status: DiffStatus;
}

/** A value standing alone (not an object of fields) is compared as one field with this name. */
export const WHOLE_VALUE = "(value)";

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JSON with keys sorted, so {a,b} and {b,a} compare equal as jsonb treats them. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (isFields(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${stableJson(value[key])}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function diffAuditValues(before: unknown, after: unknown): DiffRow[] {
  const absent = (value: unknown) => value === null || value === undefined;
  if (absent(before) && absent(after)) return [];
  if (!(isFields(before) || absent(before)) || !(isFields(after) || absent(after))) {
    return [{ field: WHOLE_VALUE, before: before ?? undefined, after: after ?? undefined, status: statusOf(before ?? undefined, after ?? undefined) }];
  }
  const was = (before ?? {}) as Fields;
  const now = (after ?? {}) as Fields;
  // Alphabetical: jsonb does not keep the order the fields were written in, and a fixed order
  // lets the eye find a field across events.
  const fields = [...new Set([...Object.keys(was), ...Object.keys(now)])].sort();
  return fields.map((field) => ({
    field,
    before: field in was ? was[field] : undefined,
    after: field in now ? now[field] : undefined,
    status: statusOf(field in was ? was[field] : undefined, field in now ? now[field] : undefined),
  }));
}

function statusOf(before: unknown, after: unknown): DiffStatus {
  if (before === undefined && after !== undefined) return "added";
  if (before !== undefined && after === undefined) return "removed";
  return stableJson(before) === stableJson(after) ? "unchanged" : "changed";
}

/** How a value reads in the diff: strings bare, everything else as JSON. */
export function displayValue(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  return JSON.stringify(value, null, 2);
}
