import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { NARROWING_KEYS, type QueueFilters } from "./queue-filters";
import { filterConditions, resolveFilters, whereAll, type NarrowingKey } from "./queue-sql";
import { OPEN_TRIAGE_STATUSES, TRIAGE_STATUSES } from "./status";

// Counts per filter value ("Prompt injection (12)"). Each dimension is counted under every other
// active filter but not its own, so the choices next to a selected value say what switching to them
// would show. When only dates and status narrow the view (the usual and the widest case) the counts
// come from triage_facet_counts, a per-day rollup kept by triggers, instead of a scan of the queue;
// otherwise from one pass over the rows the other filters leave, grouped by every dimension at once.

export const FACET_DIMENSIONS = ["status", "severity", "category", "owasp", "detector", "workflow", "owner", "team", "source", "model", "assignee"] as const;
export type FacetDimension = (typeof FACET_DIMENSIONS)[number];

/** Items per value ("" = none: no workflow, no owner, unassigned, no model). */
export type FacetCounts = Record<FacetDimension, Record<string, number>>;

export interface QueueFacets {
  /** Items (not groups) matching every filter. */
  total: number;
  counts: FacetCounts;
}

/** Filters the rollup can answer: it is kept per day and status. */
const ROLLUP_KEYS = new Set<NarrowingKey>(["from", "to", "status"]);

const ARRAY_DIMENSIONS = new Set<FacetDimension>(["category", "owasp", "detector"]);

// Native types (no casts) hash fastest; null becomes "" in JavaScript.
const LIVE_EXPRESSIONS: Record<FacetDimension, string> = {
  status: `t.status`,
  severity: `t.severity`,
  category: `t.categories`,
  owasp: `t.owasp`,
  detector: `t.detectors`,
  workflow: `t.workflow_id`,
  owner: `w.owner_id`,
  team: `w.team_id`,
  source: `t.source`,
  model: `t.model`,
  assignee: `t.assignee_id`,
};

function emptyCounts(): FacetCounts {
  return Object.fromEntries(FACET_DIMENSIONS.map((d) => [d, {}])) as FacetCounts;
}

function add(counts: Record<string, number>, value: string, items: number) {
  counts[value] = (counts[value] ?? 0) + items;
}

/** Which statuses the view's status filter lets through. */
function statusesOf(filters: QueueFilters): readonly string[] {
  const status = filters.status ?? "open";
  if (status === "open") return OPEN_TRIAGE_STATUSES;
  if (status === "all") return TRIAGE_STATUSES;
  return [status];
}

export async function queueFacets(actor: Actor, rawFilters: QueueFilters): Promise<QueueFacets> {
  const filters = resolveFilters(rawFilters, actor);
  const conditions = filterConditions(filters, "t");
  const active = NARROWING_KEYS.filter((key) => conditions.has(key));

  // Each dimension's filters: every active one but its own.
  const rollupDimensions: FacetDimension[] = [];
  const liveSets = new Map<string, { keys: NarrowingKey[]; dimensions: FacetDimension[] }>();
  for (const dimension of FACET_DIMENSIONS) {
    const keys = active.filter((key) => key !== dimension);
    if (keys.every((key) => ROLLUP_KEYS.has(key))) {
      rollupDimensions.push(dimension);
      continue;
    }
    const id = keys.join(",");
    const set = liveSets.get(id) ?? { keys, dimensions: [] };
    set.dimensions.push(dimension);
    liveSets.set(id, set);
  }

  const counts = emptyCounts();
  await Promise.all([
    rollupDimensions.length ? countFromRollup(filters, rollupDimensions, counts) : null,
    ...[...liveSets.values()].map((set) => countLive(set.keys.map((key) => conditions.get(key)!), set.dimensions, counts)),
  ]);
  const statuses = new Set(statusesOf(filters));
  const total = Object.entries(counts.status).reduce((sum, [status, items]) => (statuses.has(status) ? sum + items : sum), 0);
  return { total, counts };
}

async function countFromRollup(filters: QueueFilters, dimensions: FacetDimension[], counts: FacetCounts): Promise<void> {
  // Every item has exactly one severity and one workflow (or none), so status comes from the
  // severity rows and owner and team from the workflow rows.
  const stored = new Set(dimensions.map((d) => (d === "status" ? "severity" : d === "owner" || d === "team" ? "workflow" : d)));
  const range = [
    filters.from ? Prisma.sql`day >= ${filters.from}::date` : null,
    filters.to ? Prisma.sql`day <= ${filters.to}::date` : null,
  ].filter((c): c is Prisma.Sql => c !== null);
  const [rows, workflows] = await Promise.all([
    db.$queryRaw<{ dimension: string; value: string; status: string; items: number }[]>`
      SELECT dimension, value, status::text AS status, sum(items)::int AS items
      FROM triage_facet_counts
      WHERE dimension = ANY(${[...stored]}::text[]) AND ${whereAll(range)}
      GROUP BY dimension, value, status
      HAVING sum(items) <> 0`,
    dimensions.includes("owner") || dimensions.includes("team") ? db.workflow.findMany({ select: { id: true, ownerId: true, teamId: true } }) : [],
  ]);
  const statuses = new Set(statusesOf(filters));
  const byWorkflow = new Map(workflows.map((w) => [w.id, w]));
  const wanted = new Set(dimensions);
  for (const row of rows) {
    if (row.dimension === "severity" && wanted.has("status")) add(counts.status, row.status, row.items);
    if (!statuses.has(row.status)) continue;
    if (row.dimension === "workflow") {
      const workflow = byWorkflow.get(row.value);
      if (wanted.has("owner")) add(counts.owner, workflow?.ownerId ?? "", row.items);
      if (wanted.has("team")) add(counts.team, workflow?.teamId ?? "", row.items);
    }
    if (wanted.has(row.dimension as FacetDimension) && row.dimension !== "status") add(counts[row.dimension as FacetDimension], row.value, row.items);
  }
}

async function countLive(where: Prisma.Sql[], dimensions: FacetDimension[], counts: FacetCounts): Promise<void> {
  const expressions = dimensions.map((d) => Prisma.raw(LIVE_EXPRESSIONS[d]));
  const needsWorkflow = dimensions.includes("owner") || dimensions.includes("team");
  const columns = Prisma.join(expressions.map((e, i) => Prisma.sql`${e} AS ${Prisma.raw(`d${i}`)}`), ", ");
  const sets = Prisma.join(expressions.map((e) => Prisma.sql`(${e})`), ", ");
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT ${columns}, GROUPING(${Prisma.join(expressions, ", ")})::int AS grouping, count(*)::int AS items
    FROM triage_items t
    ${needsWorkflow ? Prisma.sql`LEFT JOIN workflows w ON w.id = t.workflow_id` : Prisma.empty}
    WHERE ${whereAll(where)}
    GROUP BY GROUPING SETS (${sets})`;
  const width = dimensions.length;
  for (const row of rows) {
    const grouping = row.grouping as number;
    // GROUPING() sets a bit for every expression the row is NOT grouped by, leftmost first.
    const index = dimensions.findIndex((_, i) => ((grouping >> (width - 1 - i)) & 1) === 0);
    if (index < 0) continue;
    const dimension = dimensions[index]!;
    const value = row[`d${index}`];
    const items = row.items as number;
    if (ARRAY_DIMENSIONS.has(dimension)) for (const element of new Set(value as string[])) add(counts[dimension], element, items);
    else add(counts[dimension], value === null ? "" : String(value), items);
  }
}
