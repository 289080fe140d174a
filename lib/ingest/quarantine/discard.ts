import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { actorUserId, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { optionalText, requiredId } from "@/lib/inventory/fields";
import { quarantineErrors } from "./queries";
import { openRecordForChange } from "./replay";

// Discarding a quarantined record: an admin decides it holds nothing worth keeping (a test message, a
// record the gateway sent again fixed). The row stays, marked discarded, with who and why in the audit
// trail: nothing is silently dropped.

export const discardInput = z.object({
  id: requiredId("That quarantined record was not found."),
  reason: optionalText("Reason", 500),
});
export type DiscardInput = z.infer<typeof discardInput>;

export async function discardQuarantined(actor: Actor, input: DiscardInput, requestId: string): Promise<{ id: string; status: "discarded" }> {
  return db.$transaction(async (tx) => {
    const before = await openRecordForChange(tx, input.id);
    await tx.quarantinedRecord.update({ where: { id: input.id }, data: { status: "discarded", resolvedAt: new Date(), resolvedById: actorUserId(actor) } });
    await recordAudit(tx, {
      actor,
      action: "ingest.quarantine.discard",
      target: { type: "ingest_quarantine", id: input.id },
      before: { status: before.status, source: before.source, errors: quarantineErrors(before.errors), recordSha256: createHash("sha256").update(before.record, "utf8").digest("hex") },
      after: { status: "discarded", reason: input.reason ?? null },
      requestId,
    });
    return { id: input.id, status: "discarded" as const };
  });
}
