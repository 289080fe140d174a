import "server-only";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { forgetPartitions } from "./partitions";
import { metadataCutoff, textCutoff } from "./retention-window";

export { metadataCutoff, textCutoff };

// The scheduled purge. Interaction tables are partitioned by time, so expiring data is detaching and
// dropping whole partitions: no DELETE, no dead rows, no vacuum debt, and the parent is only held with
// the weak lock DETACH … CONCURRENTLY takes. The small unpartitioned tables (triage items, daily
// counts, the quarantine) are trimmed in bounded chunks so no statement holds its row locks for long.
//
// Partitions are found in the catalog (pg_inherits) with their bounds read back from PostgreSQL, not
// guessed from their names; a partition is dropped only when its whole range is past the cutoff.

/** Only one instance purges at a time; the others skip their run (the next hour catches up). */
export const RETENTION_LOCK_KEY = 72_616_005;
const CHUNK = 5000;
/** How long a DDL step waits for its lock before giving up until the next run. */
const LOCK_TIMEOUT = "30s";

export const AUDIT_PURGE_ACTION = "ingest.retention.purge";

const TEXT_TABLES = ["interaction_texts"] as const;
const METADATA_TABLES = ["interactions", "interaction_findings"] as const;
/** Names a partition of ours may have; only used to recognise a table left detached by an interrupted run. */
const LEFTOVER_NAME = "^(interactions_m[0-9]{6}|interaction_findings_m[0-9]{6}|interaction_texts_d[0-9]{8})$";

export interface DroppedPartition {
  table: string;
  parent: string;
  from: string;
  to: string;
}

export interface PurgeResult {
  /** False when another instance was purging; nothing was done. */
  ran: boolean;
  textCutoff: string;
  metadataCutoff: string;
  droppedPartitions: DroppedPartition[];
  triageItemsDeleted: number;
  triageSearchCleared: number;
  dailyCountsDeleted: number;
  /** Replayed or discarded quarantined records whose text expired (open ones are kept: they are work to do). */
  quarantineTextsCleared: number;
}

export function purgedAnything(result: PurgeResult): boolean {
  return result.droppedPartitions.length + result.triageItemsDeleted + result.triageSearchCleared + result.dailyCountsDeleted + result.quarantineTextsCleared > 0;
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

interface PartitionRow {
  table: string;
  parent: string;
  range_start: Date | null;
  range_end: Date | null;
  detach_pending: boolean;
}

/** Every partition of the interaction tables, with its range as PostgreSQL states it. */
async function listPartitions(client: pg.Client): Promise<PartitionRow[]> {
  const { rows } = await client.query<PartitionRow>(
    `SELECT child.relname AS table, parent.relname AS parent, inh.inhdetachpending AS detach_pending,
            (regexp_match(pg_get_expr(child.relpartbound, child.oid), 'FROM \\(''([^'']+)''\\)'))[1]::timestamptz AS range_start,
            (regexp_match(pg_get_expr(child.relpartbound, child.oid), 'TO \\(''([^'']+)''\\)'))[1]::timestamptz AS range_end
     FROM pg_inherits inh
     JOIN pg_class child ON child.oid = inh.inhrelid
     JOIN pg_class parent ON parent.oid = inh.inhparent
     JOIN pg_namespace ns ON ns.oid = parent.relnamespace
     WHERE ns.nspname = current_schema() AND parent.relname = ANY($1::text[])
     ORDER BY range_end NULLS LAST, child.relname`,
    [[...TEXT_TABLES, ...METADATA_TABLES]],
  );
  return rows;
}

/**
 * Tables an interrupted run detached but did not drop: no longer partitions, so pg_inherits no longer
 * lists them. DETACH … CONCURRENTLY leaves the partition's range behind as a CHECK constraint, which
 * is where their range is read from.
 */
async function listLeftovers(client: pg.Client): Promise<PartitionRow[]> {
  const { rows } = await client.query<PartitionRow>(
    `SELECT c.relname AS table,
            CASE WHEN c.relname LIKE 'interaction\\_texts\\_%' THEN 'interaction_texts'
                 WHEN c.relname LIKE 'interaction\\_findings\\_%' THEN 'interaction_findings' ELSE 'interactions' END AS parent,
            false AS detach_pending,
            (regexp_match(pg_get_constraintdef(con.oid), 'occurred_at >= ''([^'']+)'''))[1]::timestamptz AS range_start,
            (regexp_match(pg_get_constraintdef(con.oid), 'occurred_at < ''([^'']+)'''))[1]::timestamptz AS range_end
     FROM pg_class c
     JOIN pg_namespace ns ON ns.oid = c.relnamespace
     JOIN pg_constraint con ON con.conrelid = c.oid AND con.contype = 'c'
     WHERE ns.nspname = current_schema() AND c.relkind = 'r' AND NOT c.relispartition AND c.relname ~ $1
       AND pg_get_constraintdef(con.oid) LIKE '%occurred_at < %'`,
    [LEFTOVER_NAME],
  );
  return rows;
}

function expired(row: PartitionRow, cutoffs: { text: Date; metadata: Date }): boolean {
  if (!row.range_end) return false; // MINVALUE/MAXVALUE or DEFAULT: never ours to drop
  const cutoff = (TEXT_TABLES as readonly string[]).includes(row.parent) ? cutoffs.text : cutoffs.metadata;
  return row.range_end.getTime() <= cutoff.getTime();
}

async function dropPartitions(client: pg.Client, cutoffs: { text: Date; metadata: Date }): Promise<DroppedPartition[]> {
  const dropped: DroppedPartition[] = [];
  const record = (row: PartitionRow) =>
    dropped.push({ table: row.table, parent: row.parent, from: row.range_start?.toISOString() ?? "", to: row.range_end!.toISOString() });

  // A table has at most one detach pending at a time: finish that one before starting another.
  const due = (await listPartitions(client)).filter((r) => expired(r, cutoffs)).sort((a, b) => Number(b.detach_pending) - Number(a.detach_pending));
  for (const row of due) {
    // A detach an earlier run started and did not finish can only be finalized, not restarted.
    const how = row.detach_pending ? "FINALIZE" : "CONCURRENTLY";
    try {
      await client.query(`ALTER TABLE ${ident(row.parent)} DETACH PARTITION ${ident(row.table)} ${how}`);
    } catch (error) {
      // Another instance that ignored the lock, or a partition already gone: idempotent either way.
      if (!(await stillPartition(client, row.table))) continue;
      throw error;
    }
    await client.query(`DROP TABLE IF EXISTS ${ident(row.table)}`);
    record(row);
  }
  for (const row of (await listLeftovers(client)).filter((r) => expired(r, cutoffs))) {
    await client.query(`DROP TABLE IF EXISTS ${ident(row.table)}`);
    record(row);
  }
  return dropped;
}

async function stillPartition(client: pg.Client, table: string): Promise<boolean> {
  const { rows } = await client.query<{ attached: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_inherits inh JOIN pg_class c ON c.oid = inh.inhrelid JOIN pg_namespace ns ON ns.oid = c.relnamespace
                    WHERE c.relname = $1 AND ns.nspname = current_schema() AND NOT inh.inhdetachpending) AS attached`,
    [table],
  );
  return rows[0]!.attached;
}

/** Triage items whose interaction's metadata has expired, oldest first, a chunk per statement. */
async function deleteExpiredTriageItems(client: pg.Client, cutoff: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const { rowCount } = await client.query(
      `WITH doomed AS (SELECT interaction_id FROM triage_items WHERE occurred_at < $1 ORDER BY occurred_at LIMIT ${CHUNK})
       DELETE FROM triage_items t USING doomed WHERE t.interaction_id = doomed.interaction_id`,
      [cutoff],
    );
    total += rowCount ?? 0;
    if ((rowCount ?? 0) < CHUNK) return total;
  }
}

/**
 * The search words of triage items whose text has expired. Walks the (occurred_at, interaction_id)
 * index once with a cursor, so items cleared by earlier runs are passed over, not re-read per chunk.
 */
async function clearExpiredSearch(client: pg.Client, cutoff: Date): Promise<number> {
  let total = 0;
  let cursor: { at: Date | string; id: string } = { at: "-infinity", id: "00000000-0000-0000-0000-000000000000" };
  for (;;) {
    const { rows } = await client.query<{ seen: number; cleared: number; last_at: Date | null; last_id: string | null }>(
      `WITH chunk AS (
         SELECT interaction_id, occurred_at FROM triage_items
         WHERE occurred_at < $1 AND (occurred_at, interaction_id) > ($2::timestamptz, $3::uuid)
         ORDER BY occurred_at, interaction_id LIMIT ${CHUNK}
       ), cleared AS (
         UPDATE triage_items t SET search = NULL FROM chunk
         WHERE t.interaction_id = chunk.interaction_id AND t.search IS NOT NULL RETURNING 1
       ), last AS (SELECT occurred_at, interaction_id FROM chunk ORDER BY occurred_at DESC, interaction_id DESC LIMIT 1)
       SELECT (SELECT count(*) FROM chunk)::int AS seen, (SELECT count(*) FROM cleared)::int AS cleared,
              (SELECT occurred_at FROM last) AS last_at, (SELECT interaction_id::text FROM last) AS last_id`,
      [cutoff, cursor.at, cursor.id],
    );
    const row = rows[0]!;
    total += row.cleared;
    if (row.seen < CHUNK || !row.last_at || !row.last_id) return total;
    cursor = { at: row.last_at, id: row.last_id };
  }
}

async function deleteExpiredDailyCounts(client: pg.Client, cutoff: Date): Promise<number> {
  // A day is expired when all of it is before the cutoff: strictly before the cutoff's own (UTC) day.
  const { rowCount } = await client.query(`DELETE FROM interaction_daily_counts WHERE day < $1::date`, [cutoff.toISOString().slice(0, 10)]);
  return rowCount ?? 0;
}

/**
 * A quarantined record is the raw text a gateway sent, prompts included: once it is replayed or
 * discarded, it is kept no longer than any other text. Its errors, status and audit trail stay.
 */
async function clearExpiredQuarantineText(client: pg.Client, cutoff: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const { rowCount } = await client.query(
      `WITH expired AS (SELECT id FROM ingest_quarantine WHERE status <> 'open' AND resolved_at < $1 AND record <> '' LIMIT ${CHUNK})
       UPDATE ingest_quarantine q SET record = '' FROM expired WHERE q.id = expired.id`,
      [cutoff],
    );
    total += rowCount ?? 0;
    if ((rowCount ?? 0) < CHUNK) return total;
  }
}

/**
 * Drops what has outlived its retention: daily text partitions past the text retention, monthly
 * interaction and finding partitions past the metadata retention, and the triage items, search words
 * and daily counts that go with them. Idempotent; safe to call from every instance (one runs, the
 * others skip). One audit event per run that removed something.
 */
export async function purgeExpired(now: Date = new Date()): Promise<PurgeResult> {
  const cutoffs = { text: textCutoff(now), metadata: metadataCutoff(now) };
  const result: PurgeResult = {
    ran: false,
    textCutoff: cutoffs.text.toISOString(),
    metadataCutoff: cutoffs.metadata.toISOString(),
    droppedPartitions: [],
    triageItemsDeleted: 0,
    triageSearchCleared: 0,
    dailyCountsDeleted: 0,
    quarantineTextsCleared: 0,
  };
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set.");
  // Its own connection: DETACH … CONCURRENTLY cannot run inside a transaction, and the session-level
  // advisory lock must be released on the connection that took it.
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [RETENTION_LOCK_KEY]);
    if (!rows[0]!.locked) return result;
    result.ran = true;
    try {
      await client.query(`SET lock_timeout = '${LOCK_TIMEOUT}'`);
      result.droppedPartitions = await dropPartitions(client, cutoffs);
      result.triageItemsDeleted = await deleteExpiredTriageItems(client, cutoffs.metadata);
      result.triageSearchCleared = await clearExpiredSearch(client, cutoffs.text);
      result.dailyCountsDeleted = await deleteExpiredDailyCounts(client, cutoffs.metadata);
      result.quarantineTextsCleared = await clearExpiredQuarantineText(client, cutoffs.text);
    } finally {
      // Embedded PGlite has one session for every client: leave it as it was found.
      await client.query("RESET lock_timeout").catch(() => {});
      await client.query("SELECT pg_advisory_unlock($1)", [RETENTION_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }

  if (result.droppedPartitions.length > 0) forgetPartitions();
  if (purgedAnything(result)) {
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actor: SYSTEM_ACTOR,
        action: AUDIT_PURGE_ACTION,
        target: { type: "ingest_retention" },
        after: {
          textCutoff: result.textCutoff,
          metadataCutoff: result.metadataCutoff,
          droppedPartitions: result.droppedPartitions.map((p) => p.table),
          triageItemsDeleted: result.triageItemsDeleted,
          triageSearchCleared: result.triageSearchCleared,
          dailyCountsDeleted: result.dailyCountsDeleted,
          quarantineTextsCleared: result.quarantineTextsCleared,
        },
        requestId: `retention-${randomUUID()}`,
      }),
    );
  }
  return result;
}
