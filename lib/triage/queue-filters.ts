import { z } from "zod";
import { SEVERITIES } from "./labels";
import { TRIAGE_STATUSES } from "./status";

// The queue's view as a URL: filters, grouping, sort and page position. The page, the export route,
// saved views and links from elsewhere (the risk dashboard) all read and write the same query string
// through this one schema. No server code here: client components build links with it too.

export const QUEUE_VIEWS = ["groups", "all"] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

export const QUEUE_SORTS = ["newest", "oldest", "severity"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
export const QUEUE_SORT_LABELS: Record<QueueSort, string> = { newest: "Newest first", oldest: "Oldest first", severity: "Highest severity first" };

/** "open" (new, in review, escalated) unless the URL says otherwise. */
export const STATUS_FILTERS = ["open", "all", ...TRIAGE_STATUSES] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/** In the assignee filter: nobody, or whoever is looking (a saved "my queue"). */
export const UNASSIGNED = "unassigned";
export const ME = "me";
/** In the workflow filter: interactions that belong to no registered workflow (shadow AI). */
export const UNREGISTERED = "unregistered";

const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const text = (label: string, max: number) =>
  z.preprocess(blank, z.string({ error: `${label} must be text.` }).trim().max(max, `${label} is too long (${max} characters at most).`).optional());

const choice = <const T extends readonly [string, ...string[]]>(label: string, values: T) =>
  z.preprocess(blank, z.enum(values, { error: `${label} must be one of: ${values.join(", ")}.` }).optional());

const idOr = (label: string, ...words: string[]) => {
  const message = `${label} must be an id${words.length ? ` or ${words.map((w) => `"${w}"`).join(" or ")}` : ""}.`;
  return z.preprocess(
    blank,
    z
      .string({ error: message })
      .trim()
      .refine((value) => words.includes(value) || z.guid().safeParse(value).success, message)
      .optional(),
  );
};

// Whole days in UTC; "to" includes its day.
function isCalendarDay(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

const day = (label: string) =>
  z.preprocess(
    blank,
    z
      .string({ error: `${label} must be a date like 2026-11-22.` })
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { message: `${label} must be a date like 2026-11-22.`, abort: true })
      .refine(isCalendarDay, `${label} is not a real date.`)
      .optional(),
  );

const cursor = z.preprocess(blank, z.string().trim().max(300, "Page position is not valid.").regex(/^[A-Za-z0-9_-]+$/, "Page position is not valid.").optional());

export const queueFilters = z
  .object({
    from: day("From date"),
    to: day("To date"),
    status: choice("Status", STATUS_FILTERS),
    severity: choice("Severity", SEVERITIES),
    category: text("Category", 100),
    owasp: text("OWASP id", 40),
    detector: text("Detector", 100),
    assignee: idOr("Assignee", UNASSIGNED, ME),
    workflow: idOr("Workflow", UNREGISTERED),
    owner: idOr("Owner"),
    team: idOr("Team"),
    source: text("Source", 100),
    model: text("Model", 200),
    q: text("Search", 200),
    group: text("Group", 500),
    view: choice("View", QUEUE_VIEWS),
    sort: choice("Sort", QUEUE_SORTS),
    // Keyset page position: the rows after (or before) this one in the sort order.
    after: cursor,
    before: cursor,
  })
  .refine((f) => !(f.from && f.to && f.from > f.to), { path: ["to"], message: "To date must be on or after the From date." })
  .refine((f) => !(f.after && f.before), { path: ["after"], message: "Page position is ambiguous: use after or before, not both." });

export type QueueFilters = z.infer<typeof queueFilters>;
export type QueueFilterKey = keyof QueueFilters;

/** What narrows the rows (as opposed to how they are shown or which page). */
export const NARROWING_KEYS = ["from", "to", "status", "severity", "category", "owasp", "detector", "assignee", "workflow", "owner", "team", "source", "model", "q", "group"] as const satisfies readonly QueueFilterKey[];
const ORDERED_KEYS = [...NARROWING_KEYS, "view", "sort", "after", "before"] as const satisfies readonly QueueFilterKey[];

/** Search params as Next.js hands them over (a repeated key gives an array: the first wins). */
export function firstValues(params: Record<string, string | string[] | undefined> | URLSearchParams): Record<string, string> {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  const values: Record<string, string> = {};
  for (const [key, value] of entries) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && !(key in values)) values[key] = first;
  }
  return values;
}

export function parseQueueFilters(params: Record<string, string | string[] | undefined> | URLSearchParams) {
  return queueFilters.safeParse(firstValues(params));
}

/**
 * The query string for a view ("status=all&category=secret"), defaults and empty values left out,
 * keys in one order (so the same view is always the same string). `changes` overrides fields;
 * changing a filter drops the page position unless the change sets one.
 */
export function queueQuery(filters: Partial<Record<QueueFilterKey, string | undefined>>, changes: Partial<Record<QueueFilterKey, string | undefined>> = {}): string {
  const merged: Partial<Record<QueueFilterKey, string | undefined>> = { ...filters, ...changes };
  if (!("after" in changes) && !("before" in changes) && Object.keys(changes).length > 0) {
    delete merged.after;
    delete merged.before;
  }
  const params = new URLSearchParams();
  for (const key of ORDERED_KEYS) {
    const value = merged[key];
    if (!value) continue;
    if ((key === "status" && value === "open") || (key === "view" && value === "groups") || (key === "sort" && value === "newest")) continue;
    params.set(key, value);
  }
  return params.toString();
}

/** A link to the queue showing this view, e.g. queueHref({ category: "secret", status: "all" }). */
export function queueHref(filters: Partial<Record<QueueFilterKey, string | undefined>>, changes: Partial<Record<QueueFilterKey, string | undefined>> = {}): string {
  const query = queueQuery(filters, changes);
  return query ? `/interactions?${query}` : "/interactions";
}

/** Whether anything narrows the rows beyond the default (open items, any time). */
export function isNarrowed(filters: QueueFilters): boolean {
  return NARROWING_KEYS.some((key) => filters[key] !== undefined && !(key === "status" && filters.status === "open"));
}
