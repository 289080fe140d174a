import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { ME, NARROWING_KEYS, UNASSIGNED, UNREGISTERED, type QueueFilters } from "./queue-filters";
import { OPEN_TRIAGE_STATUSES } from "./status";

// The queue's filters as SQL over triage_items, shared by the list, the counts and the export so
// the three always agree on what a view contains.

export type NarrowingKey = (typeof NARROWING_KEYS)[number];

const DAY_MS = 86_400_000;

/** The filters with "me" replaced by the caller's own id (an API token has none). */
export function resolveFilters(filters: QueueFilters, actor: Actor): QueueFilters {
  if (filters.assignee !== ME) return filters;
  if (actor.type !== "user") throw new ValidationError("Some fields need attention.", { assignee: 'Assignee "me" needs a signed-in person.' });
  return { ...filters, assignee: actor.id };
}

export const dayStart = (day: string) => new Date(`${day}T00:00:00Z`);
export const dayAfter = (day: string) => new Date(dayStart(day).getTime() + DAY_MS);

/** One condition per active filter, on the triage_items row called `alias`. */
export function filterConditions(filters: QueueFilters, alias: "t" | "n"): Map<NarrowingKey, Prisma.Sql> {
  const col = (name: string) => Prisma.raw(`${alias}."${name}"`);
  const conditions = new Map<NarrowingKey, Prisma.Sql>();
  const set = (key: NarrowingKey, sql: Prisma.Sql) => conditions.set(key, sql);

  if (filters.from) set("from", Prisma.sql`${col("occurred_at")} >= ${dayStart(filters.from)}`);
  if (filters.to) set("to", Prisma.sql`${col("occurred_at")} < ${dayAfter(filters.to)}`);
  const status = filters.status ?? "open";
  if (status === "open") set("status", Prisma.sql`${col("status")} = ANY(${[...OPEN_TRIAGE_STATUSES]}::"TriageStatus"[])`);
  else if (status !== "all") set("status", Prisma.sql`${col("status")} = ${status}::"TriageStatus"`);
  if (filters.severity) set("severity", Prisma.sql`${col("severity")} = ${filters.severity}::"Severity"`);
  // Array containment (@>) so the GIN index on categories serves it.
  if (filters.category) set("category", Prisma.sql`${col("categories")} @> ARRAY[${filters.category}]::text[]`);
  if (filters.owasp) set("owasp", Prisma.sql`${col("owasp")} @> ARRAY[${filters.owasp}]::text[]`);
  if (filters.detector) set("detector", Prisma.sql`${col("detectors")} @> ARRAY[${filters.detector}]::text[]`);
  if (filters.assignee === UNASSIGNED) set("assignee", Prisma.sql`${col("assignee_id")} IS NULL`);
  else if (filters.assignee) set("assignee", Prisma.sql`${col("assignee_id")} = ${filters.assignee}::uuid`);
  if (filters.workflow === UNREGISTERED) set("workflow", Prisma.sql`${col("workflow_id")} IS NULL`);
  else if (filters.workflow) set("workflow", Prisma.sql`${col("workflow_id")} = ${filters.workflow}::uuid`);
  if (filters.owner) set("owner", Prisma.sql`${col("workflow_id")} IN (SELECT w.id FROM workflows w WHERE w.owner_id = ${filters.owner}::uuid)`);
  if (filters.team) set("team", Prisma.sql`${col("workflow_id")} IN (SELECT w.id FROM workflows w WHERE w.team_id = ${filters.team}::uuid)`);
  if (filters.source) set("source", Prisma.sql`${col("source")} = ${filters.source}`);
  if (filters.model) set("model", Prisma.sql`${col("model")} = ${filters.model}`);
  if (filters.q) set("q", Prisma.sql`${col("search")} @@ websearch_to_tsquery('simple', ${filters.q})`);
  if (filters.group) set("group", Prisma.sql`${col("group_key")} = ${filters.group}`);
  return conditions;
}

/** The conditions joined with AND ("TRUE" when there are none). */
export function whereAll(conditions: Iterable<Prisma.Sql>): Prisma.Sql {
  const list = [...conditions];
  return list.length ? Prisma.join(list, " AND ") : Prisma.sql`TRUE`;
}
