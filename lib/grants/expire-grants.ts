import "server-only";
import { randomUUID } from "node:crypto";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";

interface ExpiredRow {
  id: string;
  expires_at: Date;
  resources: string[];
  actions: string[];
  mode: string;
}

/**
 * Moves every approved grant whose expiry has passed to "expired", with a timeline event and an
 * audit event by the system for each. Idempotent and safe to run from several instances at once:
 * the conditional UPDATE (still approved, rows locked by another run skipped) lets exactly one run
 * expire each grant. Called before grants are read and every minute by instrumentation.ts.
 */
export async function expireDueGrants(now = new Date()): Promise<string[]> {
  // The common case is "nothing due": one cheap indexed read instead of a transaction.
  const due = await db.grant.findFirst({ where: { status: "approved", expiresAt: { lte: now } }, select: { id: true } });
  if (!due) return [];
  const requestId = `expire-${randomUUID()}`;
  return db.$transaction(async (tx) => {
    const expired = await tx.$queryRaw<ExpiredRow[]>`
      UPDATE grants SET status = 'expired', updated_at = ${now}
      WHERE status = 'approved'
        AND id IN (
          SELECT id FROM grants
          WHERE status = 'approved' AND expires_at <= ${now}
          ORDER BY id
          FOR UPDATE SKIP LOCKED
        )
      RETURNING id, expires_at, resources, actions, mode::text AS mode`;
    for (const grant of expired) {
      const scope = { resources: grant.resources, actions: grant.actions, mode: grant.mode, expiresAt: new Date(grant.expires_at).toISOString() };
      await tx.grantEvent.create({ data: { grantId: grant.id, type: "expired", actorId: null, at: now, details: scope } });
      await recordAudit(tx, {
        actor: SYSTEM_ACTOR,
        action: "grant.expire",
        target: { type: "grant", id: grant.id },
        before: { status: "approved", expiresAt: scope.expiresAt },
        after: { status: "expired" },
        requestId,
      });
    }
    return expired.map((g) => g.id);
  });
}
