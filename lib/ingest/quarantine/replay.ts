import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { actorUserId, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db, type Tx } from "@/lib/db/client";
import { maskSecrets } from "@/lib/detect/mask";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { requiredId } from "@/lib/inventory/fields";
import { INGEST_SOURCES, type FieldIssue, type IngestSource } from "../event";
import { parseRecord } from "../parse";
import { secretHashKey } from "../secret-key";
import { ingestRecords } from "../store";
import { quarantineErrors, type QuarantineError } from "./queries";

// Replaying a quarantined record: read it again (as sent, or as the admin fixed it, with the format
// they chose: "fixing the mapping"), store what it holds through the normal ingest path, and close the
// record once nothing is wrong with it. Exactly-once comes from the store: a record replayed twice, or
// one whose good events were stored the first time round, stores nothing twice. A replay that still
// finds errors keeps the record open with the edited text and the new errors, so nothing is lost.

/** Most characters an admin may send back edited (a server action's body is limited to 1 MB). */
export const EDITABLE_RECORD_CHARS = 400_000;

export const replayInput = z.object({
  id: requiredId("That quarantined record was not found."),
  format: z.enum(INGEST_SOURCES, { error: `Format must be one of: ${INGEST_SOURCES.join(", ")}.` }),
  /** The fixed record; absent to replay it as stored. */
  record: z
    .string({ error: "The record must be text." })
    .max(EDITABLE_RECORD_CHARS, `The record is too long to edit here (${EDITABLE_RECORD_CHARS.toLocaleString("en")} characters at most).`)
    .refine((text) => text.trim() !== "", "The record is empty.")
    .optional(),
});
export type ReplayInput = z.infer<typeof replayInput>;

export interface ReplayOutcome {
  id: string;
  status: "open" | "replayed";
  /** Events stored now, and events that were already stored (an earlier replay, or the original batch). */
  stored: number;
  duplicate: number;
  errors: QuarantineError[];
  batchId: string | null;
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** What is recorded about a quarantined record in the audit trail: never the record itself, its hash. */
function auditView(row: { status: string; source: string; errors: unknown; record: string }) {
  return { status: row.status, source: row.source, errors: quarantineErrors(row.errors), recordSha256: sha256(row.record), recordChars: row.record.length };
}

/** The record, locked for the rest of the transaction; refuses one that is no longer open. */
export async function openRecordForChange(tx: Tx, id: string) {
  await tx.$executeRaw`SELECT 1 FROM ingest_quarantine WHERE id = ${id}::uuid FOR UPDATE`;
  const row = await tx.quarantinedRecord.findUnique({ where: { id } });
  if (!row) throw new NotFoundError("That quarantined record");
  if (row.status !== "open") throw new ConflictError(`This record was already ${row.status}.`);
  return row;
}

/** Parses one record's text as `format`: its events, or why it cannot be read. */
function readRecord(format: IngestSource, text: string, index: number, line: number | null) {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { events: [], errors: [{ field: "(record)", reason: `Invalid JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const parsed = parseRecord(format, value, index, line ?? undefined);
  const errors: FieldIssue[] = parsed.errors.map(({ field, reason }) => ({ field, reason }));
  if (parsed.events.length === 0 && errors.length === 0) errors.push({ field: "(record)", reason: `Read as ${format}, the record holds no events.` });
  return { events: parsed.events, errors };
}

export async function replayQuarantined(actor: Actor, input: ReplayInput, requestId: string): Promise<ReplayOutcome> {
  const current = await db.quarantinedRecord.findUnique({ where: { id: input.id } });
  if (!current) throw new NotFoundError("That quarantined record");
  if (current.status !== "open") throw new ConflictError(`This record was already ${current.status}.`);

  const edited = input.record !== undefined && input.record !== current.record;
  const text = edited ? input.record! : current.record;
  const read = readRecord(input.format, text, current.recordIndex, current.line);
  let stored = 0;
  let duplicate = 0;
  let batchId: string | null = null;
  const errors: QuarantineError[] = [...read.errors];
  if (read.events.length > 0) {
    // Only the good events go to the store; the record's own errors stay here, on its row, so the
    // replay batch counts what it stored and the record is not quarantined a second time.
    const batch = await ingestRecords(
      [{ index: current.recordIndex, ...(current.line === null ? {} : { line: current.line }), raw: text, events: read.events, errors: [] }],
      { source: input.format, channel: "replay", actor, requestId, label: `quarantine:${current.id}`, quarantine: false },
    );
    const result = batch.records[0]!;
    stored = result.stored;
    duplicate = result.duplicate;
    batchId = batch.batchId;
    for (const { field, reason } of result.errors) errors.push({ field, reason });
  }

  const status = errors.length === 0 ? "replayed" : "open";
  // What the row keeps: the text as fixed, secrets masked (an edit can paste a secret like any record).
  const record = edited ? maskSecrets(text, secretHashKey()).text : current.record;
  await db.$transaction(async (tx) => {
    // Re-read under the lock: a concurrent replay or discard may have closed it meanwhile.
    const before = await openRecordForChange(tx, input.id);
    const after = await tx.quarantinedRecord.update({
      where: { id: input.id },
      data:
        status === "replayed"
          ? { status, record, errors, resolvedAt: new Date(), resolvedById: actorUserId(actor), replayedEvents: stored + duplicate }
          : { record, errors },
    });
    await recordAudit(tx, {
      actor,
      action: "ingest.quarantine.replay",
      target: { type: "ingest_quarantine", id: input.id },
      before: auditView(before),
      after: { ...auditView(after), format: input.format, edited, stored, duplicate, replayedEvents: after.replayedEvents, batchId },
      requestId,
    });
  });
  return { id: input.id, status, stored, duplicate, errors, batchId };
}
