import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { actorUserId } from "@/lib/auth/actor";
import { recordAuditPg } from "@/lib/audit/record";
import { insertRows, insertRowsSkippingConflicts, type BulkTable } from "@/lib/db/bulk-write";
import { withPgTransaction, type PgClient } from "@/lib/db/client";
import type { ExecutionMode, GrantStatus } from "@/lib/generated/prisma/client";
import { maskSecrets } from "@/lib/detect/mask";
import { analyseEvent } from "./analyse";
import type { AnalysedEvent, ConnectorForCheck, GrantForCheck } from "./analysed";
import type { FieldIssue, IngestEvent, IngestSource, RecordError } from "./event";
import { identityKeys } from "./identity";
import { ensurePartitions } from "./partitions";
import { metadataCutoff, textCutoff } from "./retention-window";
import { secretHashKey } from "./secret-key";

// Writes a batch of parsed records: exactly once per event, secrets masked, detectors and grant
// checks run, bad records quarantined, counts kept. The batch is acknowledged (this resolves) only
// after its transaction committed.
//
// Counting, in events: received = stored + duplicate + rejected, where a rejected (quarantined)
// record counts as one. A record with some bad parts stores its good events and is quarantined too
// (a replay stores only what is missing).

export type IngestChannel = "api" | "upload" | "cli" | "replay";

/** One record as received, with what the parser made of it (lib/ingest/parse.ts parseBatch / parseNdjsonRecords). */
export interface ParsedRecord {
  index: number;
  line?: number;
  /** The record as received (JSON text, or the raw line when it was not JSON); kept, masked, only if quarantined. */
  raw: string;
  events: IngestEvent[];
  errors: FieldIssue[];
}

export interface IngestOptions {
  source: IngestSource;
  channel: IngestChannel;
  actor: Actor;
  requestId: string;
  /** File name of an upload or CLI run. */
  label?: string;
  /** False for a replay: the caller keeps its quarantine row up to date instead. Default true. */
  quarantine?: boolean;
}

export type RecordStatus = "stored" | "duplicate" | "partial" | "rejected";

export interface RecordResult {
  index: number;
  line?: number;
  status: RecordStatus;
  stored: number;
  duplicate: number;
  /** Interaction ids and event keys, in the record's order (stored or already there). */
  interactions: { id: string; eventKey: string; status: "stored" | "duplicate" }[];
  errors: RecordError[];
  quarantineId?: string;
}

export interface BatchResult {
  batchId: string;
  received: number;
  stored: number;
  duplicate: number;
  rejected: number;
  records: RecordResult[];
}


/** Held shared by every batch and exclusively by whoever links an identity to a workflow
 * (lib/ingest/shadow), so no batch can read "unregistered" and then commit after the re-link. */
export const IDENTITY_LINK_LOCK_KEY = 72_616_004;

/** How far ahead of the server's clock an event may be stamped (gateway clocks drift). */
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/** A quarantined record is kept up to this many characters (masked); longer ones keep a prefix. */
const QUARANTINE_RECORD_CHARS = 1024 * 1024;

interface Candidate {
  record: ParsedRecord;
  event: IngestEvent;
  id: string;
  /** event.occurredAt as ISO text, made once: every table's row and the id need it. */
  at: string;
}

function identityOf(event: IngestEvent, links: Map<string, string>): { identityKey: string | null; workflowId: string | null } {
  const keys = identityKeys(event.workflowIdentity);
  const linked = keys.find((key) => links.has(key));
  return { identityKey: keys[0] ?? null, workflowId: linked ? links.get(linked)! : null };
}

/** The field an event's time problem names: one such error per event the store refused. */
export const EVENT_TIME_FIELD = "occurredAt";

/** Events the store refuses although they parsed: outside the window retention keeps. */
function timeProblem(event: IngestEvent, now: Date, oldest: Date): FieldIssue | null {
  if (event.occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    return { field: EVENT_TIME_FIELD, reason: `${event.occurredAt.toISOString()} is more than a day in the future; check the gateway's clock.` };
  }
  if (event.occurredAt < oldest) {
    return { field: EVENT_TIME_FIELD, reason: `${event.occurredAt.toISOString()} is older than the metadata retention period, so it would be purged at once.` };
  }
  return null;
}

/**
 * The interaction's id, derived from its identity (event key and time) rather than random: a re-sent
 * event gets the same id, so a duplicate needs no lookup to be answered, and on Citus (distributed by
 * id) it lands on the same shard as the original. Name-based, like a UUIDv5, over SHA-256.
 */
export function interactionId(event: Pick<IngestEvent, "eventKey" | "occurredAt">, at: string = event.occurredAt.toISOString()): string {
  const hex = createHash("sha256").update(`${event.eventKey}\u0000${at}`).digest("hex");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export async function ingestRecords(records: ParsedRecord[], options: IngestOptions): Promise<BatchResult> {
  const now = new Date();
  const batchId = randomUUID();
  const results: RecordResult[] = records.map((record) => ({
    index: record.index,
    ...(record.line === undefined ? {} : { line: record.line }),
    status: "stored",
    stored: 0,
    duplicate: 0,
    interactions: [],
    errors: record.errors.map((issue) => ({ index: record.index, ...(record.line === undefined ? {} : { line: record.line }), ...issue })),
  }));

  // Events to write, once each: a batch that repeats an event (same key, same time) writes it once.
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  const ownerOf = new Map<Candidate, RecordResult>();
  // A batch's events come from a few callers: each identity value is scanned for secrets once.
  const maskedValues = new Map<string, string>();
  const oldest = metadataCutoff(now);
  records.forEach((record, position) => {
    const result = results[position]!;
    for (const event of record.events) {
      const problem = timeProblem(event, now, oldest);
      if (problem) {
        result.errors.push({ index: record.index, ...(record.line === undefined ? {} : { line: record.line }), ...problem });
        continue;
      }
      // Masked before anything reads it: a key pasted as an alias must not become an identity key.
      const at = event.occurredAt.toISOString();
      const candidate: Candidate = { record, event: { ...event, workflowIdentity: maskedIdentity(event.workflowIdentity, maskedValues) }, id: interactionId(event, at), at };
      ownerOf.set(candidate, result);
      if (!seen.has(candidate.id)) {
        seen.add(candidate.id);
        candidates.push(candidate);
      }
    }
  });

  await ensurePartitions(candidates.map((c) => c.event.occurredAt));

  // node-postgres rather than Prisma: the rows go as one JSON parameter per table, megabytes per
  // batch, which Prisma's raw queries would serialize to JSON and parse back before sending.
  const written = await withPgTransaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock_shared($1::bigint)", [IDENTITY_LINK_LOCK_KEY]);
    const analysed = await analyseAll(tx, candidates, now);
    const stored = await insertInteractions(tx, batchId, options.source, analysed);
    const fresh = analysed.filter((a) => stored.has(a.candidate.id));
    await insertTexts(tx, fresh);
    await insertFindings(tx, fresh);
    await insertTriageItems(tx, options.source, fresh);

    const quarantineIds = options.quarantine === false ? new Map<number, string>() : await quarantine(tx, batchId, options.source, records, results);
    const outcome = summarize(results, ownerOf, stored, quarantineIds);

    await addDailyCounts(tx, options.source, fresh);
    await tx.query(
      `INSERT INTO ingest_batches (id, source, channel, token_id, user_id, label, received, stored, duplicate, rejected) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        batchId,
        options.source,
        options.channel,
        options.actor.type === "token" ? options.actor.id : null,
        actorUserId(options.actor),
        options.label ?? null,
        outcome.stored + outcome.duplicate + outcome.rejected,
        outcome.stored,
        outcome.duplicate,
        outcome.rejected,
      ],
    );
    // Last, so the audit chain's lock is held only for the commit.
    await recordAuditPg(tx, {
      actor: options.actor,
      action: "ingest.batch",
      target: { type: "ingest_batch", id: batchId },
      after: { source: options.source, channel: options.channel, label: options.label ?? null, stored: outcome.stored, duplicate: outcome.duplicate, rejected: outcome.rejected },
      requestId: options.requestId,
    });
    return outcome;
  });
  return { batchId, received: written.stored + written.duplicate + written.rejected, stored: written.stored, duplicate: written.duplicate, rejected: written.rejected, records: results };
}

interface Analysed extends AnalysedEvent {
  candidate: Candidate;
  workflowId: string | null;
  identityKey: string | null;
}

/** Links each event to its workflow and runs the detectors and grant checks. */
async function analyseAll(tx: PgClient, candidates: Candidate[], now: Date): Promise<Analysed[]> {
  if (candidates.length === 0) return [];
  const keys = [...new Set(candidates.flatMap((c) => identityKeys(c.event.workflowIdentity)))];
  const links = new Map(
    keys.length === 0
      ? []
      : (await tx.query<{ identity_key: string; workflow_id: string }>("SELECT identity_key, workflow_id FROM workflow_identities WHERE identity_key = ANY($1::text[])", [keys])).rows.map(
          (l) => [l.identity_key, l.workflow_id] as const,
        ),
  );
  const identities = candidates.map((c) => identityOf(c.event, links));
  const workflowIds = [...new Set(identities.flatMap((i) => (i.workflowId ? [i.workflowId] : [])))];
  const anyToolCalls = candidates.some((c) => c.event.toolCalls.length > 0);
  // One connection runs one query at a time: these two go one after the other.
  const grants = workflowIds.length === 0 || !anyToolCalls ? [] : await grantsForCheck(tx, workflowIds);
  const connectors = anyToolCalls ? (await tx.query<ConnectorForCheck>("SELECT id, name, actions FROM connectors")).rows : [];
  const grantsByWorkflow = new Map<string, GrantForCheck[]>();
  for (const { workflowId, ...grant } of grants) {
    const list = grantsByWorkflow.get(workflowId) ?? [];
    list.push(grant);
    grantsByWorkflow.set(workflowId, list);
  }
  const secretKey = secretHashKey();
  const textFrom = textCutoff(now);
  return candidates.map((candidate, i) => {
    const { workflowId, identityKey } = identities[i]!;
    const analysis = analyseEvent(candidate.event, {
      workflowId,
      grants: workflowId ? (grantsByWorkflow.get(workflowId) ?? []) : [],
      connectors,
      secretKey,
      keepText: candidate.event.occurredAt >= textFrom,
    });
    // Added to the fresh analysis rather than spread into a copy: one allocation less per event.
    return Object.assign(analysis, { candidate, workflowId, identityKey });
  });
}

/** The grants the excessive-agency checks judge calls by: every decided grant of these workflows. */
async function grantsForCheck(tx: PgClient, workflowIds: string[]): Promise<(GrantForCheck & { workflowId: string })[]> {
  const { rows } = await tx.query<{
    id: string; workflow_id: string; connector_id: string; status: GrantStatus; mode: ExecutionMode; actions: string[]; resources: string[];
    expires_at: Date | null; decided_at: Date | null; revoked_at: Date | null;
    scope_history: { type: "approved" | "approved_reduced" | "narrowed"; at: string; mode: ExecutionMode; actions: string[]; resources: string[]; expiresAt: string | null }[] | null;
  }>(
    // When it was revoked, and the scope each approval and narrowing set (grant_events.details), so a
    // call made before either (a late-arriving log) is judged as of its time. Steps without a scope are left out.
    `SELECT g.id, g.workflow_id, g.connector_id, g.status, g.mode, g.actions, g.resources, g.expires_at, g.decided_at,
            (SELECT max(e.at) FROM grant_events e WHERE e.grant_id = g.id AND e.type = 'revoked') AS revoked_at,
            (SELECT jsonb_agg(jsonb_build_object('type', e.type, 'at', e.at, 'mode', e.details->'mode', 'actions', e.details->'actions',
                                                 'resources', e.details->'resources', 'expiresAt', e.details->>'expiresAt') ORDER BY e.at, e.id)
             FROM grant_events e
             WHERE e.grant_id = g.id AND e.type IN ('approved', 'approved_reduced', 'narrowed')
               AND jsonb_typeof(e.details->'actions') = 'array' AND jsonb_typeof(e.details->'resources') = 'array'
               AND e.details->>'mode' IN ('suggest', 'approve', 'autonomous')) AS scope_history
     FROM grants g
     WHERE g.workflow_id = ANY($1::uuid[]) AND g.status IN ('approved', 'expired', 'revoked')`,
    [workflowIds],
  );
  return rows.map((g) => ({
    id: g.id, workflowId: g.workflow_id, connectorId: g.connector_id, status: g.status, mode: g.mode, actions: g.actions, resources: g.resources,
    expiresAt: g.expires_at, decidedAt: g.decided_at, revokedAt: g.revoked_at,
    scopeHistory: (g.scope_history ?? []).map((step) => ({ ...step, at: new Date(step.at), expiresAt: step.expiresAt === null ? null : new Date(step.expiresAt) })),
  }));
}

// The tables every batch writes, as bulk inserts (lib/db/bulk-write.ts: COPY where the engine takes it).
const INTERACTIONS: BulkTable = {
  name: "interactions",
  columns: [
    ["id", "uuid"], ["occurred_at", "timestamptz"], ["event_key", "text"], ["source", "text"], ["batch_id", "uuid"], ["workflow_id", "uuid"],
    ["identity_key", "text"], ["identity", "jsonb"], ["model", "text"], ["provider", "text"], ["end_user", "text"], ["conversation_id", "text"],
    ["tool_calls", "jsonb"], ["checks", "jsonb"], ["verdict", '"InteractionVerdict"'], ["severity", '"Severity"'], ["categories", "text[]"],
    ["finding_count", "int"], ["tokens_in", "int"], ["tokens_out", "int"], ["latency_ms", "double precision"], ["truncated_fields", "text[]"],
  ],
};
const INTERACTION_TEXTS: BulkTable = {
  name: "interaction_texts",
  columns: [["interaction_id", "uuid"], ["occurred_at", "timestamptz"], ["messages", "jsonb"], ["output", "text"], ["tool_io", "jsonb"]],
};
const INTERACTION_FINDINGS: BulkTable = {
  name: "interaction_findings",
  columns: [
    ["id", "uuid"], ["interaction_id", "uuid"], ["occurred_at", "timestamptz"], ["workflow_id", "uuid"], ["source", "text"], ["detector", "text"],
    ["rule", "text"], ["category", "text"], ["owasp", "text"], ["severity", '"Severity"'], ["field", "text"], ["span_start", "int"], ["span_end", "int"],
    ["explanation", "text"], ["secret_kind", "text"], ["secret_last_four", "text"], ["secret_hash", "text"], ["connector_id", "uuid"], ["grant_id", "uuid"],
  ],
};

const INGEST_QUARANTINE: BulkTable = {
  name: "ingest_quarantine",
  columns: [["id", "uuid"], ["batch_id", "uuid"], ["source", "text"], ["record_index", "int"], ["line", "int"], ["errors", "jsonb"], ["record", "text"]],
};

/** Inserts the interactions that are new (exactly once per event key and time); answers the ids of the ones it wrote. */
async function insertInteractions(tx: PgClient, batchId: string, source: IngestSource, analysed: Analysed[]): Promise<Set<string>> {
  const rows = analysed.map((a) => {
    const e = a.event;
    return [
      a.candidate.id, a.candidate.at, e.eventKey, source, batchId, a.workflowId,
      a.identityKey, e.workflowIdentity, e.model, e.provider, e.endUser, e.conversationId,
      a.toolCalls, a.checks, a.verdict, a.severity, a.categories,
      a.findings.length, e.usage.inputTokens, e.usage.outputTokens, e.latencyMs, e.truncatedFields,
    ];
  });
  return insertRowsSkippingConflicts(tx, INTERACTIONS, rows, "(event_key, occurred_at)", "id");
}

async function insertTexts(tx: PgClient, fresh: Analysed[]): Promise<void> {
  const rows = fresh.flatMap((a) => (a.texts ? [[a.candidate.id, a.candidate.at, a.texts.messages, a.texts.output, a.texts.toolIo]] : []));
  await insertRows(tx, INTERACTION_TEXTS, rows);
}

async function insertFindings(tx: PgClient, fresh: Analysed[]): Promise<void> {
  const rows = fresh.flatMap((a) =>
    a.findings.map((f) => [
      randomUUID(), a.candidate.id, a.candidate.at, a.workflowId, f.source, f.detector,
      f.rule, f.category, f.owasp, f.severity, f.field, f.spanStart, f.spanEnd,
      f.explanation, f.secretKind, f.secretLastFour, f.secretHash, f.connectorId, f.grantId,
    ]),
  );
  await insertRows(tx, INTERACTION_FINDINGS, rows);
}

// The other inserts send their rows as one JSON parameter that PostgreSQL unpacks (jsonb_to_recordset),
// for what COPY cannot do: computed columns (triage items' search vector), counters added to on conflict.
const json = (rows: unknown[]) => JSON.stringify(rows);

async function insertTriageItems(tx: PgClient, source: IngestSource, fresh: Analysed[]): Promise<void> {
  const rows = fresh
    .filter((a) => a.flagged)
    .map((a) => ({
      interaction_id: a.candidate.id,
      occurred_at: a.candidate.at,
      workflow_id: a.workflowId,
      identity_key: a.identityKey,
      model: a.event.model ?? null,
      severity: a.severity ?? "medium",
      categories: a.categories,
      owasp: a.owasp,
      detectors: a.detectors,
      rules: a.rules,
      connector_ids: a.connectorIds,
      group_key: a.groupKey ?? `interaction:${a.candidate.id}`,
      search_text: a.searchText,
    }));
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO triage_items (interaction_id, occurred_at, workflow_id, identity_key, source, model, severity, categories, owasp, detectors, rules, connector_ids, group_key, search)
     SELECT r.interaction_id, r.occurred_at, r.workflow_id, r.identity_key, $2, r.model, r.severity::"Severity", r.categories, r.owasp, r.detectors, r.rules, r.connector_ids, r.group_key,
            CASE WHEN r.search_text = '' THEN NULL ELSE to_tsvector('simple', r.search_text) END
     FROM jsonb_to_recordset($1::jsonb) AS r(interaction_id uuid, occurred_at timestamptz, workflow_id uuid, identity_key text, model text, severity text, categories text[],
          owasp text[], detectors text[], rules text[], connector_ids uuid[], group_key text, search_text text)`,
    [json(rows), source],
  );
}

/** Adds this batch's new interactions to the per-day counts (last but one: these rows are hot). */
async function addDailyCounts(tx: PgClient, source: IngestSource, fresh: Analysed[]): Promise<void> {
  const counts = new Map<string, { day: string; identity_key: string; registered: boolean; interactions: number; flagged: number; blocked: number }>();
  for (const a of fresh) {
    const day = a.candidate.at.slice(0, 10);
    const identity = a.identityKey ?? "";
    const registered = a.workflowId !== null;
    const key = `${day}\u0000${identity}\u0000${registered}`;
    const row = counts.get(key) ?? { day, identity_key: identity, registered, interactions: 0, flagged: 0, blocked: 0 };
    row.interactions += 1;
    if (a.flagged) row.flagged += 1;
    if (a.verdict === "blocked") row.blocked += 1;
    counts.set(key, row);
  }
  if (counts.size === 0) return;
  // Sorted, so concurrent batches lock the same rows in the same order and cannot deadlock.
  const rows = [...counts.values()].sort((a, b) => (a.day + a.identity_key + a.registered < b.day + b.identity_key + b.registered ? -1 : 1));
  await tx.query(
    `INSERT INTO interaction_daily_counts (day, source, identity_key, registered, interactions, flagged, blocked)
     SELECT r.day, $2, r.identity_key, r.registered, r.interactions, r.flagged, r.blocked
     FROM jsonb_to_recordset($1::jsonb) AS r(day date, identity_key text, registered boolean, interactions int, flagged int, blocked int)
     ON CONFLICT (day, source, identity_key, registered) DO UPDATE SET
       interactions = interaction_daily_counts.interactions + EXCLUDED.interactions,
       flagged = interaction_daily_counts.flagged + EXCLUDED.flagged,
       blocked = interaction_daily_counts.blocked + EXCLUDED.blocked`,
    [json(rows), source],
  );
}

/** Keeps every record with an error (secrets masked) for an admin to fix and replay. */
async function quarantine(tx: PgClient, batchId: string, source: IngestSource, records: ParsedRecord[], results: RecordResult[]): Promise<Map<number, string>> {
  const key = secretHashKey();
  const ids = new Map<number, string>();
  const rows = records.flatMap((record, position) => {
    const result = results[position]!;
    if (result.errors.length === 0) return [];
    const id = randomUUID();
    ids.set(position, id);
    const raw = record.raw.length > QUARANTINE_RECORD_CHARS ? record.raw.slice(0, QUARANTINE_RECORD_CHARS) : record.raw;
    return [[id, batchId, source, record.index, record.line, result.errors.map(({ field, reason }) => ({ field, reason })), maskSecrets(raw, key).text]];
  });
  await insertRows(tx, INGEST_QUARANTINE, rows);
  return ids;
}

/** Fills each record's answer from what was written; answers the batch's counts. */
function summarize(
  results: RecordResult[],
  ownerOf: Map<Candidate, RecordResult>,
  stored: Set<string>,
  quarantineIds: Map<number, string>,
): { stored: number; duplicate: number; rejected: number } {
  let storedCount = 0;
  let duplicateCount = 0;
  // The first copy of an event in the batch is the one written; later copies are duplicates.
  const written = new Set<string>();
  for (const [candidate, result] of ownerOf) {
    const isNew = stored.has(candidate.id) && !written.has(candidate.id);
    if (isNew) written.add(candidate.id);
    result.interactions.push({ id: candidate.id, eventKey: candidate.event.eventKey, status: isNew ? "stored" : "duplicate" });
    if (isNew) {
      result.stored += 1;
      storedCount += 1;
    } else {
      result.duplicate += 1;
      duplicateCount += 1;
    }
  }
  let rejected = 0;
  results.forEach((result, position) => {
    const quarantineId = quarantineIds.get(position);
    if (quarantineId) result.quarantineId = quarantineId;
    if (result.errors.length === 0) result.status = result.stored > 0 ? "stored" : result.duplicate > 0 ? "duplicate" : "stored";
    else {
      rejected += 1;
      result.status = result.stored + result.duplicate > 0 ? "partial" : "rejected";
    }
  });
  return { stored: storedCount, duplicate: duplicateCount, rejected };
}

/** The caller's identity as the gateway sent it (flat strings), with any secret in it masked; `masked` remembers values already scanned. */
function maskedIdentity(identity: IngestEvent["workflowIdentity"], masked: Map<string, string>): IngestEvent["workflowIdentity"] {
  const key = secretHashKey();
  const result: IngestEvent["workflowIdentity"] = {};
  for (const name of Object.keys(identity) as (keyof IngestEvent["workflowIdentity"])[]) {
    const value = identity[name];
    if (value === undefined) continue;
    let clean = masked.get(value);
    if (clean === undefined) {
      clean = maskSecrets(value, key).text;
      masked.set(value, clean);
    }
    result[name] = clean;
  }
  return result;
}
