import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { Prisma, type Severity, type TriageStatus } from "@/lib/generated/prisma/client";
import { decodeCursor, encodeCursor, type QueueCursor } from "./cursor";
import type { QueueFilters, QueueSort } from "./queue-filters";
import { filterConditions, resolveFilters, whereAll } from "./queue-sql";

// The analysts' queue: flagged interactions matching the view, one page of 100, in keyset order so
// page 500 costs what page 1 costs. Grouped (the default), a group of related interactions is one
// row — its first item in the sort order among those matching the filters — with a count of the others.

export const QUEUE_PAGE_SIZE = 100;
/** Related items are counted up to this many per group; beyond it the queue says "999+". */
export const RELATED_COUNT_CAP = 1000;

export interface QueueRow {
  interactionId: string;
  occurredAt: Date;
  status: TriageStatus;
  severity: Severity;
  categories: string[];
  owasp: string[];
  detectors: string[];
  rules: string[];
  source: string;
  model: string | null;
  identityKey: string | null;
  workflow: { id: string; name: string } | null;
  owner: { id: string; name: string } | null;
  assignee: { id: string; name: string } | null;
  groupKey: string;
  /** Other items of the same group that match the filters (at most RELATED_COUNT_CAP - 1). */
  related: number;
  relatedCapped: boolean;
}

export interface QueuePage {
  rows: QueueRow[];
  /** Cursor for the page after this one (?after=), when there is one. */
  next: string | null;
  /** Cursor for the page before this one (?before=), when there is one. */
  previous: string | null;
}

interface RawRow {
  interaction_id: string;
  occurred_at: Date;
  status: TriageStatus;
  severity: Severity;
  categories: string[];
  owasp: string[];
  detectors: string[];
  rules: string[];
  source: string;
  model: string | null;
  identity_key: string | null;
  workflow_id: string | null;
  workflow_name: string | null;
  owner_id: string | null;
  owner_name: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  group_key: string;
  in_group: number;
}

/** The columns of a sort's key, most significant first, and which way the sort runs. */
function sortColumns(sort: QueueSort): { columns: string[]; descending: boolean } {
  if (sort === "severity") return { columns: ["severity", "occurred_at", "interaction_id"], descending: true };
  return { columns: ["occurred_at", "interaction_id"], descending: sort === "newest" };
}

/** The sort key of the row called `alias`, as a SQL row value, and which way the sort runs. */
export function sortKey(sort: QueueSort, alias: string): { tuple: Prisma.Sql; descending: boolean } {
  const { columns, descending } = sortColumns(sort);
  return { tuple: Prisma.raw(`(${columns.map((c) => `${alias}."${c}"`).join(", ")})`), descending };
}

/** ORDER BY for the sort key of `alias`, read one way or the other. */
function orderBy(sort: QueueSort, alias: string, descending: boolean): Prisma.Sql {
  const direction = descending ? "DESC" : "ASC";
  return Prisma.raw(sortColumns(sort).columns.map((c) => `${alias}."${c}" ${direction}`).join(", "));
}

export function cursorTuple(sort: QueueSort, cursor: QueueCursor): Prisma.Sql {
  return sort === "severity"
    ? Prisma.sql`(${cursor.severity}::"Severity", ${cursor.occurredAt}::timestamptz, ${cursor.id}::uuid)`
    : Prisma.sql`(${cursor.occurredAt}::timestamptz, ${cursor.id}::uuid)`;
}

export function cursorOf(sort: QueueSort, row: { severity: Severity; occurredAt: Date; interactionId: string }): string {
  return encodeCursor({ ...(sort === "severity" ? { severity: row.severity } : {}), occurredAt: row.occurredAt, id: row.interactionId });
}

/**
 * "No other item of this group that matches the filters comes before this one in the sort order":
 * the row that stands for its group. One probe of (group_key, occurred_at, id) — or of
 * (group_key, severity, occurred_at, id) for the severity sort — per candidate row.
 */
function isGroupHead(filters: QueueFilters, sort: QueueSort, alias: string): Prisma.Sql {
  const { tuple: candidate, descending } = sortKey(sort, alias);
  const { tuple: other } = sortKey(sort, "n");
  const before = descending ? Prisma.sql`${other} > ${candidate}` : Prisma.sql`${other} < ${candidate}`;
  const conditions = filterConditions(filters, "n");
  return Prisma.sql`NOT EXISTS (SELECT 1 FROM triage_items n WHERE n.group_key = ${Prisma.raw(alias)}.group_key AND ${before} AND ${whereAll(conditions.values())})`;
}

/** Rows matching the filters strictly after `position`, read one way or the other. */
function readConditions(filters: QueueFilters, sort: QueueSort, position: QueueCursor | null, readDescending: boolean): Prisma.Sql {
  const { tuple } = sortKey(sort, "t");
  const conditions: Prisma.Sql[] = [...filterConditions(filters, "t").values()];
  if (position) conditions.push(readDescending ? Prisma.sql`${tuple} < ${cursorTuple(sort, position)}` : Prisma.sql`${tuple} > ${cursorTuple(sort, position)}`);
  return whereAll(conditions);
}

/** Candidates read in the first round when looking for group heads, per row wanted. */
const HEAD_BATCH_FACTOR = 10;
/** The most candidates one round reads. */
const MAX_BATCH = 50_000;

/**
 * The ids of the next `wanted` group heads after `position`. Reads matching rows in sort order in
 * batches and marks each one that heads its group; a further batch is sized from the share of heads
 * seen so far. The batch is a MATERIALIZED CTE with its own
 * LIMIT, so PostgreSQL plans it for that many rows — an index walk when the filters keep many rows,
 * a bitmap of the GIN or column index when they keep few — instead of guessing, from the page size,
 * how many candidates the grouping will discard.
 */
async function groupHeadIds(filters: QueueFilters, sort: QueueSort, position: QueueCursor | null, readDescending: boolean, wanted: number): Promise<string[]> {
  const heads: string[] = [];
  let from = position;
  let batch = wanted * HEAD_BATCH_FACTOR;
  let read = 0;
  for (;;) {
    const candidates = await db.$queryRaw<{ interaction_id: string; occurred_at: Date; severity: Severity; head: boolean }[]>`
      WITH c AS MATERIALIZED (
        SELECT t.interaction_id, t.occurred_at, t.severity, t.group_key FROM triage_items t
        WHERE ${readConditions(filters, sort, from, readDescending)}
        ORDER BY ${orderBy(sort, "t", readDescending)}
        LIMIT ${batch}
      )
      SELECT c.interaction_id, c.occurred_at, c.severity, ${isGroupHead(filters, sort, "c")} AS head
      FROM c
      ORDER BY ${orderBy(sort, "c", readDescending)}`;
    for (const candidate of candidates) {
      if (!candidate.head) continue;
      heads.push(candidate.interaction_id);
      if (heads.length === wanted) return heads;
    }
    if (candidates.length < batch) return heads;
    const last = candidates.at(-1)!;
    from = { severity: sort === "severity" ? last.severity : undefined, occurredAt: last.occurred_at, id: last.interaction_id };
    read += candidates.length;
    // Enough for the heads still missing at the rate seen so far, with a margin; double when none was seen.
    batch = Math.min(MAX_BATCH, heads.length === 0 ? batch * 2 : Math.max(wanted, Math.ceil(((wanted - heads.length) * read * 1.5) / heads.length)));
  }
}

/** One page of the queue for this view. */
export async function listQueue(actor: Actor, rawFilters: QueueFilters, pageSize = QUEUE_PAGE_SIZE): Promise<QueuePage> {
  const filters = resolveFilters(rawFilters, actor);
  const sort = filters.sort ?? "newest";
  const grouped = (filters.view ?? "groups") === "groups";
  const backwards = filters.before !== undefined;
  const position = filters.after ? decodeCursor(filters.after, sort, "after") : filters.before ? decodeCursor(filters.before, sort, "before") : null;
  const { descending } = sortKey(sort, "t");
  // Walking backwards reads the other way from the cursor, then shows the rows in sort order.
  const readDescending = backwards ? !descending : descending;

  const pageQuery = grouped
    ? Prisma.sql`SELECT ${PAGE_COLUMNS} FROM triage_items t WHERE t.interaction_id = ANY(${await groupHeadIds(filters, sort, position, readDescending, pageSize + 1)}::uuid[])`
    : Prisma.sql`SELECT ${PAGE_COLUMNS} FROM triage_items t WHERE ${readConditions(filters, sort, position, readDescending)} ORDER BY ${orderBy(sort, "t", readDescending)} LIMIT ${pageSize + 1}`;
  const related = filterConditions(filters, "n");
  const raw = await db.$queryRaw<RawRow[]>`
    WITH page AS (${pageQuery})
    SELECT page.*, w.name AS workflow_name, w.owner_id, o.name AS owner_name, a.name AS assignee_name, r.items AS in_group
    FROM page
    LEFT JOIN workflows w ON w.id = page.workflow_id
    LEFT JOIN users o ON o.id = w.owner_id
    LEFT JOIN users a ON a.id = page.assignee_id
    -- The items of each row's group that match the filters, counted up to the cap.
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS items FROM (SELECT 1 FROM triage_items n WHERE n.group_key = page.group_key AND ${whereAll(related.values())} LIMIT ${RELATED_COUNT_CAP}) AS capped
    ) AS r
    ORDER BY ${orderBy(sort, "page", readDescending)}`;

  const hasMore = raw.length > pageSize;
  const pageRows = raw.slice(0, pageSize);
  if (backwards) pageRows.reverse();

  const rows: QueueRow[] = pageRows.map((row) => ({
    interactionId: row.interaction_id,
    occurredAt: row.occurred_at,
    status: row.status,
    severity: row.severity,
    categories: row.categories,
    owasp: row.owasp,
    detectors: row.detectors,
    rules: row.rules,
    source: row.source,
    model: row.model,
    identityKey: row.identity_key,
    workflow: row.workflow_id && row.workflow_name ? { id: row.workflow_id, name: row.workflow_name } : null,
    owner: row.owner_id && row.owner_name ? { id: row.owner_id, name: row.owner_name } : null,
    assignee: row.assignee_id && row.assignee_name ? { id: row.assignee_id, name: row.assignee_name } : null,
    groupKey: row.group_key,
    related: Math.max(0, row.in_group - 1),
    relatedCapped: row.in_group >= RELATED_COUNT_CAP,
  }));
  if (rows.length === 0) return { rows, next: null, previous: null };
  const first = cursorOf(sort, rows[0]!);
  const last = cursorOf(sort, rows.at(-1)!);
  return backwards
    ? { rows, next: last, previous: hasMore ? first : null }
    : { rows, next: hasMore ? last : null, previous: position ? first : null };
}

const PAGE_COLUMNS = Prisma.raw(
  "t.interaction_id, t.occurred_at, t.status, t.severity, t.categories, t.owasp, t.detectors, t.rules, t.source, t.model, t.identity_key, t.workflow_id, t.assignee_id, t.group_key",
);
