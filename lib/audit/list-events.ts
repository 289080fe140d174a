import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

export const AUDIT_PAGE_SIZE = 50;

const DAY_MS = 86_400_000;

/** "" and absent are the same in a URL: no filter. */
const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const text = (label: string, max: number) =>
  z.preprocess(blank, z.string().trim().max(max, `${label} is too long (${max} characters at most).`).optional());

// Dates are whole days in UTC, as the trail shows them; "to" includes the whole of its day.
function isCalendarDay(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  // JavaScript rolls 2026-02-30 over to March; a real day survives the round trip unchanged.
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

const day = (label: string) =>
  z.preprocess(
    blank,
    z
      .string()
      .trim()
      // abort: a value that is not shaped like a date gets one message, not two.
      .regex(/^\d{4}-\d{2}-\d{2}$/, { message: `${label} must be a date like 2026-11-22.`, abort: true })
      .refine(isCalendarDay, `${label} is not a real date.`)
      .optional(),
  );

const cursor = (label: string) =>
  z.preprocess(blank, z.string().regex(/^\d{1,18}$/, `${label} must be an event number.`).optional());

export const auditFilterInput = z
  .object({
    actor: text("Actor", 200),
    // Exact ("user.create"), or a prefix ending in "*" ("user.*").
    action: text("Action", 100),
    targetType: text("Target type", 60),
    targetId: text("Target id", 200),
    from: day("From date"),
    to: day("To date"),
    // Keyset pagination on seq: events older than `before`, or newer than `after`.
    before: cursor("Page position"),
    after: cursor("Page position"),
  })
  .refine((f) => !(f.from && f.to && f.from > f.to), { path: ["to"], message: "To date must be on or after the From date." })
  .refine((f) => !(f.before && f.after), { path: ["before"], message: "Page position is ambiguous: use before or after, not both." });

export type AuditFilter = z.infer<typeof auditFilterInput>;

/** Search params as Next.js hands them over (a repeated key gives an array: the first wins). */
export function auditFilterFromSearchParams(params: Record<string, string | string[] | undefined>) {
  const flat = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  return auditFilterInput.safeParse(flat);
}

export interface AuditEventRow {
  seq: string;
  at: Date;
  actorType: "user" | "token" | "system";
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  before: Prisma.JsonValue;
  after: Prisma.JsonValue;
  requestId: string;
}

export interface AuditPage {
  events: AuditEventRow[];
  /** Cursor for the next page of newer events, when there are any. */
  newer: string | null;
  /** Cursor for the next page of older events, when there are any. */
  older: string | null;
}

function whereFor(filter: AuditFilter): Prisma.AuditEventWhereInput {
  const where: Prisma.AuditEventWhereInput = {};
  if (filter.actor) where.actorLabel = { contains: filter.actor, mode: "insensitive" };
  if (filter.action) {
    where.action = filter.action.endsWith("*") ? { startsWith: filter.action.slice(0, -1) } : filter.action;
  }
  if (filter.targetType) where.targetType = filter.targetType;
  if (filter.targetId) where.targetId = filter.targetId;
  if (filter.from || filter.to) {
    where.at = {
      ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}),
      ...(filter.to ? { lt: new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + DAY_MS) } : {}),
    };
  }
  return where;
}

/** One page of the audit trail, newest first, matching the filter. */
export async function listAuditEvents(filter: AuditFilter, pageSize = AUDIT_PAGE_SIZE): Promise<AuditPage> {
  const where = whereFor(filter);
  const goingNewer = filter.after !== undefined;
  const rows = await db.auditEvent.findMany({
    where: {
      ...where,
      ...(filter.before ? { seq: { lt: BigInt(filter.before) } } : {}),
      ...(filter.after ? { seq: { gt: BigInt(filter.after) } } : {}),
    },
    // Walking towards newer events reads upwards from the cursor, then shows them newest first.
    orderBy: { seq: goingNewer ? "asc" : "desc" },
    take: pageSize + 1,
    select: {
      seq: true,
      at: true,
      actorType: true,
      actorId: true,
      actorLabel: true,
      action: true,
      targetType: true,
      targetId: true,
      before: true,
      after: true,
      requestId: true,
    },
  });
  const hasMoreThisWay = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  if (goingNewer) page.reverse();
  const events = page.map((row) => ({ ...row, seq: row.seq.toString() }));
  if (events.length === 0) return { events, newer: null, older: null };

  const newestSeq = BigInt(events[0]!.seq);
  const oldestSeq = BigInt(events.at(-1)!.seq);
  // Whether there is anything the other way: one indexed probe instead of a count.
  const existsBeyond = async (seq: Prisma.BigIntFilter) => (await db.auditEvent.findFirst({ where: { ...where, seq }, select: { seq: true } })) !== null;
  const moreNewer = goingNewer ? hasMoreThisWay : filter.before !== undefined && (await existsBeyond({ gt: newestSeq }));
  const moreOlder = goingNewer ? await existsBeyond({ lt: oldestSeq }) : hasMoreThisWay;
  return {
    events,
    newer: moreNewer ? newestSeq.toString() : null,
    older: moreOlder ? oldestSeq.toString() : null,
  };
}

/** What the filter dropdowns offer: every action and target type the trail contains. */
export async function listAuditFacets(): Promise<{ actions: string[]; targetTypes: string[] }> {
  const [actions, targetTypes] = await Promise.all([
    db.auditEvent.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
    db.auditEvent.groupBy({ by: ["targetType"], orderBy: { targetType: "asc" } }),
  ]);
  return { actions: actions.map((row) => row.action), targetTypes: targetTypes.map((row) => row.targetType) };
}
