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

/** Runs the chain's statements: a Prisma transaction's raw queries, or a node-postgres connection's. */
interface ChainSql {
  execute(sql: string, params: unknown[]): Promise<unknown>;
  rows<R>(sql: string, params: unknown[]): Promise<R[]>;
}

/** The one way an event joins the chain: lock the chain, read its last hash, insert the event hashed onto it. */
async function appendToChain(sql: ChainSql, input: AuditInput): Promise<void> {
  await sql.execute("SELECT pg_advisory_xact_lock($1::bigint)", [AUDIT_CHAIN_LOCK_KEY]);
  const [last] = await sql.rows<{ hash: string }>("SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1", []);
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
  const jsonb = (value: unknown) => (value === null ? null : JSON.stringify(value));
  await sql.execute(
    `INSERT INTO audit_events (at, actor_type, actor_id, actor_label, action, target_type, target_id, before, after, request_id, prev_hash, hash)
     VALUES ($1::timestamptz, $2::"ActorType", $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11, $12)`,
    [fields.at, fields.actorType, fields.actorId, fields.actorLabel, fields.action, fields.targetType, fields.targetId, jsonb(fields.before), jsonb(fields.after), fields.requestId, prevHash, auditHash(prevHash, fields)],
  );
}

/**
 * Appends one event to the audit trail. Call it inside the same transaction as the change it
 * records, so a change without its audit event (or the reverse) can never be committed.
 */
export function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  return appendToChain({ execute: (sql, params) => tx.$executeRawUnsafe(sql, ...params), rows: (sql, params) => tx.$queryRawUnsafe(sql, ...params) }, input);
}

/** recordAudit for a transaction on a node-postgres connection (withPgTransaction: ingestion's hot path). */
export function recordAuditPg(client: PgClient, input: AuditInput): Promise<void> {
  return appendToChain({ execute: (sql, params) => client.query(sql, params), rows: async <R>(sql: string, params: unknown[]) => (await client.query(sql, params)).rows as R[] }, input);
}
