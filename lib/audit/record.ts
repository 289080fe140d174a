import "server-only";
import { actorLabel, type Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db/client";
import { auditHash, GENESIS_HASH } from "./hash";

// Every transaction that takes this lock appends to the chain one at a time, across instances.
const AUDIT_CHAIN_LOCK_KEY = 72_616_002;

export interface AuditInput {
  actor: Actor;
  action: string;
  target: { type: string; id?: string | null };
  before?: unknown;
  after?: unknown;
  requestId: string;
}

/** Plain JSON (dates as ISO strings), so what is hashed is exactly what jsonb stores and returns. */
function toJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/**
 * Appends one event to the audit trail. Call it inside the same transaction as the change it
 * records, so a change without its audit event (or the reverse) can never be committed.
 */
export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY}::bigint)`;
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields = {
    at: new Date(),
    actorType: input.actor.type,
    actorId: input.actor.id,
    actorLabel: actorLabel(input.actor),
    action: input.action,
    targetType: input.target.type,
    targetId: input.target.id ?? null,
    before: toJson(input.before),
    after: toJson(input.after),
    requestId: input.requestId,
  };
  await tx.auditEvent.create({
    data: {
      ...fields,
      before: fields.before ?? undefined,
      after: fields.after ?? undefined,
      prevHash,
      hash: auditHash(prevHash, fields),
    },
  });
}
