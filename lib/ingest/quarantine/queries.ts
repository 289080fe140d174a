import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { QuarantineStatus } from "@/lib/generated/prisma/client";
import { INGEST_SOURCES } from "../event";
import { isUuid } from "@/lib/inventory/uuid";

// Reads for the quarantine pages (ingest:read): the list, filtered by source and status, and one
// record with what happened to it.

export const QUARANTINE_STATUSES = ["open", "replayed", "discarded"] as const satisfies readonly QuarantineStatus[];
export const QUARANTINE_PAGE_SIZE = 200;

const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);

export const quarantineFilters = z.object({
  source: z.preprocess(blankToUndefined, z.enum(INGEST_SOURCES).optional().catch(undefined)),
  // Open records are the work; the list starts there.
  status: z.preprocess(blankToUndefined, z.enum([...QUARANTINE_STATUSES, "all"]).optional().catch(undefined)).transform((s) => s ?? "open"),
});
export type QuarantineFilters = z.infer<typeof quarantineFilters>;

// A type, not an interface, so it can be written to a jsonb column as it is.
export type QuarantineError = { field: string; reason: string };

/** The stored [{field, reason}], read defensively (it is jsonb). */
export function quarantineErrors(value: unknown): QuarantineError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) =>
    item && typeof item === "object" && typeof (item as QuarantineError).field === "string" && typeof (item as QuarantineError).reason === "string"
      ? [{ field: (item as QuarantineError).field, reason: (item as QuarantineError).reason }]
      : [],
  );
}

export async function listQuarantine(filters: QuarantineFilters) {
  const where = { ...(filters.source ? { source: filters.source } : {}), ...(filters.status !== "all" ? { status: filters.status } : {}) };
  const [rows, total, openBySource] = await Promise.all([
    db.quarantinedRecord.findMany({
      where,
      select: { id: true, source: true, createdAt: true, recordIndex: true, line: true, errors: true, status: true, resolvedAt: true, replayedEvents: true, resolvedBy: { select: { name: true } } },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: QUARANTINE_PAGE_SIZE,
    }),
    db.quarantinedRecord.count({ where }),
    db.quarantinedRecord.groupBy({ by: ["source"], where: { status: "open" }, _count: { _all: true }, orderBy: { source: "asc" } }),
  ]);
  return {
    total,
    rows: rows.map((row) => ({ ...row, errors: quarantineErrors(row.errors) })),
    openBySource: openBySource.map((group) => ({ source: group.source, open: group._count._all })),
  };
}

export type QuarantineListRow = Awaited<ReturnType<typeof listQuarantine>>["rows"][number];

export async function getQuarantinedRecord(id: string) {
  if (!isUuid(id)) return null;
  const row = await db.quarantinedRecord.findUnique({ where: { id }, include: { resolvedBy: { select: { name: true, email: true } } } });
  if (!row) return null;
  const batch = row.batchId ? await db.ingestBatch.findUnique({ where: { id: row.batchId }, select: { channel: true, label: true, createdAt: true } }) : null;
  return { ...row, errors: quarantineErrors(row.errors), batch };
}

export type QuarantinedRecordDetail = NonNullable<Awaited<ReturnType<typeof getQuarantinedRecord>>>;

/** The record as an admin reads and edits it: pretty-printed when it is JSON, as received otherwise. */
export function prettyRecord(record: string): string {
  try {
    return JSON.stringify(JSON.parse(record), null, 2);
  } catch {
    return record;
  }
}
