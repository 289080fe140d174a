import "server-only";
import { actorLabel, type Actor } from "@/lib/auth/actor";
import type { PgClient, Tx } from "@/lib/db/client";
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

function auditFields(input: AuditInput) {
  return {
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
}

/**
 * Appends one event to the audit trail. Call it inside the same transaction as the change it
 * records, so a change without its audit event (or the reverse) can never be committed.
 */
export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY}::bigint)`;
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields = auditFields(input);
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

/** recordAudit for a transaction on a node-postgres connection (withPgTransaction: ingestion's hot path). */
export async function recordAuditPg(client: PgClient, input: AuditInput): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock($1::bigint)", [AUDIT_CHAIN_LOCK_KEY]);
  const last = await client.query<{ hash: string }>("SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1");
  const prevHash = last.rows[0]?.hash ?? GENESIS_HASH;
  const f = auditFields(input);
  const jsonb = (value: unknown) => (value === null ? null : JSON.stringify(value));
  await client.query(
    `INSERT INTO audit_events (at, actor_type, actor_id, actor_label, action, target_type, target_id, before, after, request_id, prev_hash, hash)
     VALUES ($1, $2::"ActorType", $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11, $12)`,
    [f.at, f.actorType, f.actorId, f.actorLabel, f.action, f.targetType, f.targetId, jsonb(f.before), jsonb(f.after), f.requestId, prevHash, auditHash(prevHash, f)],
  );
}
