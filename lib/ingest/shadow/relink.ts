import "server-only";
import { randomUUID } from "node:crypto";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";

// Re-links past events of a gateway identity to the workflow it was just linked to: the
// interactions, their findings and triage items, and the per-day counts. Millions of rows may carry
// one identity, so the interactions are updated a window of about CHUNK rows at a time, each window
// its own short statement (row locks held for milliseconds, never a table lock), walking the
// (identity_key, occurred_at) index. Idempotent and restartable: it only touches rows still unlinked,
// and the hourly housekeeping finishes any run that was interrupted (relinkPendingIdentities).

const CHUNK = 5000;

export interface RelinkResult {
  interactions: number;
  findings: number;
  triageItems: number;
  /** Per-day count rows moved from "unregistered" to "registered". */
  dailyCounts: number;
}

export const EMPTY_RELINK: RelinkResult = { interactions: 0, findings: 0, triageItems: 0, dailyCounts: 0 };

export function relinkedAnything(result: RelinkResult): boolean {
  return result.interactions + result.findings + result.triageItems + result.dailyCounts > 0;
}

/** Where the next window ends: about CHUNK events of this identity after `from` (null: the end). */
async function windowEnd(identityKey: string, from: Date, chunk: number): Promise<Date | null> {
  const rows = await db.$queryRaw<{ occurred_at: Date }[]>`
    SELECT occurred_at FROM interactions WHERE identity_key = ${identityKey} AND occurred_at >= ${from}
    ORDER BY occurred_at OFFSET ${chunk} LIMIT 1`;
  if (rows.length === 0) return null;
  const end = rows[0]!.occurred_at;
  // More than CHUNK events at the very same millisecond: take that millisecond whole.
  return end.getTime() > from.getTime() ? end : new Date(from.getTime() + 1);
}

/** `chunk` is the window size; only tests pass another. */
export async function relinkIdentity(identityKey: string, workflowId: string, chunk: number = CHUNK): Promise<RelinkResult> {
  const result: RelinkResult = { ...EMPTY_RELINK };
  const first = await db.$queryRaw<{ occurred_at: Date }[]>`
    SELECT occurred_at FROM interactions WHERE identity_key = ${identityKey} AND workflow_id IS NULL ORDER BY occurred_at LIMIT 1`;
  let from: Date | null = first[0]?.occurred_at ?? null;
  while (from) {
    const end = await windowEnd(identityKey, from, chunk);
    const [moved] = await db.$queryRaw<[{ interactions: number; findings: number; triage: number }]>`
      WITH moved AS (
        UPDATE interactions SET workflow_id = ${workflowId}::uuid
        WHERE identity_key = ${identityKey} AND workflow_id IS NULL AND occurred_at >= ${from} AND occurred_at < COALESCE(${end}::timestamptz, 'infinity')
        RETURNING id, occurred_at
      ), findings AS (
        UPDATE interaction_findings f SET workflow_id = ${workflowId}::uuid FROM moved
        WHERE f.interaction_id = moved.id AND f.occurred_at = moved.occurred_at AND f.workflow_id IS NULL
          AND f.occurred_at >= ${from} AND f.occurred_at < COALESCE(${end}::timestamptz, 'infinity')
        RETURNING 1
      ), triage AS (
        UPDATE triage_items t SET workflow_id = ${workflowId}::uuid FROM moved
        WHERE t.interaction_id = moved.id AND t.workflow_id IS NULL
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM moved)::int AS interactions, (SELECT count(*) FROM findings)::int AS findings, (SELECT count(*) FROM triage)::int AS triage`;
    result.interactions += moved.interactions;
    result.findings += moved.findings;
    result.triageItems += moved.triage;
    from = end;
  }
  result.dailyCounts = await moveDailyCounts(identityKey);
  return result;
}

/**
 * Moves the identity's per-day counts from unregistered to registered, merging into rows the ingest
 * path has already started since the link. Last, once the interactions are re-linked, so the counts
 * never say "registered" for events that are not linked yet.
 */
async function moveDailyCounts(identityKey: string): Promise<number> {
  return db.$executeRaw`
    WITH moved AS (
      DELETE FROM interaction_daily_counts WHERE identity_key = ${identityKey} AND NOT registered
      RETURNING day, source, identity_key, interactions, flagged, blocked
    )
    INSERT INTO interaction_daily_counts (day, source, identity_key, registered, interactions, flagged, blocked)
    SELECT day, source, identity_key, true, interactions, flagged, blocked FROM moved
    ON CONFLICT (day, source, identity_key, registered) DO UPDATE SET
      interactions = interaction_daily_counts.interactions + EXCLUDED.interactions,
      flagged = interaction_daily_counts.flagged + EXCLUDED.flagged,
      blocked = interaction_daily_counts.blocked + EXCLUDED.blocked`;
}

/** The audit event of a re-link that moved something (the link itself is audited when it is made). */
export async function auditRelink(actor: Actor, identityKey: string, workflowId: string, result: RelinkResult, requestId: string): Promise<void> {
  if (!relinkedAnything(result)) return;
  await db.$transaction((tx) =>
    recordAudit(tx, { actor, action: "workflow.identity_relink", target: { type: "workflow", id: workflowId }, after: { identityKey, ...result }, requestId }),
  );
}

/**
 * Identities that are linked to a workflow but still have unregistered counts: a re-link that was
 * interrupted (a restart mid-way). Finishes each; answers what moved.
 */
export async function relinkPendingIdentities(): Promise<{ identityKey: string; workflowId: string; result: RelinkResult }[]> {
  const pending = await db.$queryRaw<{ identity_key: string; workflow_id: string }[]>`
    SELECT DISTINCT w.identity_key, w.workflow_id::text FROM interaction_daily_counts c
    JOIN workflow_identities w ON w.identity_key = c.identity_key
    WHERE NOT c.registered`;
  const done: { identityKey: string; workflowId: string; result: RelinkResult }[] = [];
  for (const { identity_key: identityKey, workflow_id: workflowId } of pending) {
    const result = await relinkIdentity(identityKey, workflowId);
    await auditRelink(SYSTEM_ACTOR, identityKey, workflowId, result, `relink-${randomUUID()}`);
    done.push({ identityKey, workflowId, result });
  }
  return done;
}
