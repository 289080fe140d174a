import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { INGEST_SOURCES } from "../event";
import { replayQuarantined } from "./replay";

// "Replay all open records of source X, read as format Y": after a gateway's mapping was fixed (or
// records of one gateway were sent to another's endpoint), one click instead of one per record. Each
// record is replayed (and audited) on its own, so one bad record costs only itself.

/** Records replayed per click, oldest first; the page says how many remain. */
export const REPLAY_OPEN_LIMIT = 200;

export const replayOpenInput = z.object({
  source: z.enum(INGEST_SOURCES, { error: `Source must be one of: ${INGEST_SOURCES.join(", ")}.` }),
  format: z.enum(INGEST_SOURCES, { error: `Format must be one of: ${INGEST_SOURCES.join(", ")}.` }),
});
export type ReplayOpenInput = z.infer<typeof replayOpenInput>;

export interface ReplayOpenOutcome {
  attempted: number;
  replayed: number;
  stillOpen: number;
  events: number;
  /** Open records of the source afterwards (those still in error included). */
  openAfter: number;
}

export async function replayOpenRecords(actor: Actor, input: ReplayOpenInput, requestId: string): Promise<ReplayOpenOutcome> {
  const rows = await db.quarantinedRecord.findMany({
    where: { source: input.source, status: "open" },
    select: { id: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: REPLAY_OPEN_LIMIT,
  });
  const outcome: ReplayOpenOutcome = { attempted: rows.length, replayed: 0, stillOpen: 0, events: 0, openAfter: 0 };
  for (const { id } of rows) {
    try {
      const result = await replayQuarantined(actor, { id, format: input.format }, requestId);
      if (result.status === "replayed") outcome.replayed += 1;
      else outcome.stillOpen += 1;
      outcome.events += result.stored;
    } catch (error) {
      // Closed by someone else meanwhile: not this run's to count.
      if (error instanceof DomainError && (error.code === "conflict" || error.code === "not_found")) continue;
      throw error;
    }
  }
  outcome.openAfter = await db.quarantinedRecord.count({ where: { source: input.source, status: "open" } });
  return outcome;
}
