import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AUDIT_PURGE_ACTION } from "./retention";

// What /settings says about retention: the configured periods and what the last purge removed,
// read back from its audit event (one per purge run that removed something).

export interface RetentionStatus {
  textDays: number;
  metadataDays: number;
  lastPurge: {
    at: Date;
    droppedPartitions: string[];
    triageItemsDeleted: number;
    triageSearchCleared: number;
    dailyCountsDeleted: number;
    quarantineTextsCleared: number;
  } | null;
}

const count = (value: unknown) => (typeof value === "number" ? value : 0);

export async function getRetentionStatus(): Promise<RetentionStatus> {
  const e = env();
  const last = await db.auditEvent.findFirst({ where: { action: AUDIT_PURGE_ACTION }, orderBy: { seq: "desc" }, select: { at: true, after: true } });
  const after = (last?.after ?? {}) as Record<string, unknown>;
  return {
    textDays: e.TEXT_RETENTION_DAYS,
    metadataDays: e.METADATA_RETENTION_DAYS,
    lastPurge: last
      ? {
          at: last.at,
          droppedPartitions: Array.isArray(after.droppedPartitions) ? after.droppedPartitions.filter((p): p is string => typeof p === "string") : [],
          triageItemsDeleted: count(after.triageItemsDeleted),
          triageSearchCleared: count(after.triageSearchCleared),
          dailyCountsDeleted: count(after.dailyCountsDeleted),
          quarantineTextsCleared: count(after.quarantineTextsCleared),
        }
      : null,
  };
}
