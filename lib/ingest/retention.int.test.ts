import { randomUUID } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AUDIT_PURGE_ACTION, metadataCutoff, purgeExpired, RETENTION_LOCK_KEY, textCutoff } from "./retention";
import { getRetentionStatus } from "./retention-status";

// The purge against real partitions: old ones are created with warden_ensure_partitions as ingest
// would, filled, and then the purge must drop exactly the partitions wholly past their cutoff and
// keep every row of the ones it keeps.

const DAY = 86_400_000;
const now = new Date();
const ago = (days: number) => new Date(now.getTime() - days * DAY);

const monthName = (t: Date) => t.toISOString().slice(0, 7).replace("-", "");
const dayName = (t: Date) => t.toISOString().slice(0, 10).replaceAll("-", "");

async function tableExists(name: string): Promise<boolean> {
  const [row] = await db.$queryRaw<[{ present: boolean }]>`SELECT to_regclass(${name}) IS NOT NULL AS present`;
  return row.present;
}

async function isPartition(name: string): Promise<boolean> {
  const [row] = await db.$queryRaw<[{ attached: boolean }]>`SELECT EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE c.relname = ${name}) AS attached`;
  return row.attached;
}

/** One interaction at `at` with its text, a finding, a triage item (with search words) and a daily count. */
async function insertInteraction(at: Date, source: string) {
  const id = randomUUID();
  await db.$executeRaw`SELECT warden_ensure_partitions(ARRAY[${at}::timestamptz])`;
  await db.$executeRaw`INSERT INTO interactions (id, occurred_at, event_key, source) VALUES (${id}::uuid, ${at}, ${`${source}:id:${id}`}, ${source})`;
  await db.$executeRaw`INSERT INTO interaction_texts (interaction_id, occurred_at, messages, output) VALUES (${id}::uuid, ${at}, '[{"role":"user","content":"hello"}]', 'hi')`;
  await db.$executeRaw`INSERT INTO interaction_findings (id, interaction_id, occurred_at, source, detector, rule, category, severity, explanation)
                       VALUES (gen_random_uuid(), ${id}::uuid, ${at}, 'warden', 'pii', 'email', 'pii', 'medium', 'An email address.')`;
  await db.$executeRaw`INSERT INTO triage_items (interaction_id, occurred_at, source, severity, group_key, search)
                       VALUES (${id}::uuid, ${at}, ${source}, 'medium', ${`interaction:${id}`}, to_tsvector('simple', 'hello hi'))`;
  await db.$executeRaw`INSERT INTO interaction_daily_counts (day, source, identity_key, registered, interactions) VALUES (${at.toISOString().slice(0, 10)}::date, ${source}, '', false, 1)
                       ON CONFLICT (day, source, identity_key, registered) DO UPDATE SET interactions = interaction_daily_counts.interactions + 1`;
  return id;
}

async function rowsOf(source: string) {
  const [counts] = await db.$queryRaw<[{ interactions: number; texts: number; findings: number; triage: number; searchable: number }]>`
    SELECT (SELECT count(*) FROM interactions WHERE source = ${source})::int AS interactions,
           (SELECT count(*) FROM interaction_texts t JOIN interactions i ON i.id = t.interaction_id AND i.occurred_at = t.occurred_at WHERE i.source = ${source})::int AS texts,
           (SELECT count(*) FROM interaction_findings f JOIN interactions i ON i.id = f.interaction_id AND i.occurred_at = f.occurred_at WHERE i.source = ${source})::int AS findings,
           (SELECT count(*) FROM triage_items WHERE source = ${source})::int AS triage,
           (SELECT count(*) FROM triage_items WHERE source = ${source} AND search IS NOT NULL)::int AS searchable`;
  return counts;
}

describe("retention purge", () => {
  it("uses the configured windows: text 30 days, metadata 400 days by default", () => {
    expect(now.getTime() - textCutoff(now).getTime()).toBe(30 * DAY);
    expect(now.getTime() - metadataCutoff(now).getTime()).toBe(400 * DAY);
  });

  it("drops the partitions wholly past their cutoff, keeps the rest whole, trims triage items and counts", async () => {
    const source = `retention-${randomUUID().slice(0, 8)}`;
    const old = ago(500); // past both retentions: its month goes
    const mid = ago(100); // text expired, metadata kept: its day of text goes, its month stays
    const edge = new Date(textCutoff(now).getTime() + 60_000); // its text day straddles the cutoff: kept
    const recent = ago(1);
    const ids = { old: await insertInteraction(old, source), mid: await insertInteraction(mid, source), edge: await insertInteraction(edge, source), recent: await insertInteraction(recent, source) };
    expect(await rowsOf(source)).toEqual({ interactions: 4, texts: 4, findings: 4, triage: 4, searchable: 4 });

    const result = await purgeExpired(now);

    expect(result.ran).toBe(true);
    const dropped = result.droppedPartitions.map((p) => p.table);
    expect(dropped).toEqual(expect.arrayContaining([`interactions_m${monthName(old)}`, `interaction_findings_m${monthName(old)}`, `interaction_texts_d${dayName(old)}`, `interaction_texts_d${dayName(mid)}`]));
    for (const name of [`interactions_m${monthName(old)}`, `interaction_findings_m${monthName(old)}`, `interaction_texts_d${dayName(old)}`, `interaction_texts_d${dayName(mid)}`]) {
      expect(await tableExists(name), `${name} dropped`).toBe(false);
    }
    for (const name of [`interactions_m${monthName(mid)}`, `interaction_findings_m${monthName(mid)}`, `interaction_texts_d${dayName(edge)}`, `interaction_texts_d${dayName(recent)}`, `interactions_m${monthName(recent)}`]) {
      expect(await isPartition(name), `${name} kept`).toBe(true);
    }
    // Every dropped partition's range really is past its cutoff.
    for (const partition of result.droppedPartitions) {
      const cutoff = partition.parent === "interaction_texts" ? textCutoff(now) : metadataCutoff(now);
      expect(new Date(partition.to).getTime()).toBeLessThanOrEqual(cutoff.getTime());
    }

    // The old interaction is gone with its text, finding, triage item and count; the others keep their
    // metadata and findings; only text inside the text window remains, and search words with it.
    expect(await rowsOf(source)).toEqual({ interactions: 3, texts: 2, findings: 3, triage: 3, searchable: 2 });
    const triage = await db.triageItem.findMany({ where: { source }, select: { interactionId: true } });
    expect(triage.map((t) => t.interactionId).sort()).toEqual([ids.mid, ids.edge, ids.recent].sort());
    const [{ searchable }] = await db.$queryRaw<[{ searchable: string[] }]>`SELECT array_agg(interaction_id::text) AS searchable FROM triage_items WHERE source = ${source} AND search IS NOT NULL`;
    expect(searchable.sort()).toEqual([ids.edge, ids.recent].sort());
    const days = await db.interactionDailyCount.findMany({ where: { source }, select: { day: true } });
    expect(days.map((d) => d.day.toISOString().slice(0, 10)).sort()).toEqual([mid, edge, recent].map((t) => t.toISOString().slice(0, 10)).sort());
    expect(result.triageItemsDeleted).toBeGreaterThanOrEqual(1);
    expect(result.triageSearchCleared).toBeGreaterThanOrEqual(1);

    // One audit event, by the system, naming what went; the settings page reads it back.
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: AUDIT_PURGE_ACTION }, orderBy: { seq: "desc" } });
    expect(audit.actorType).toBe("system");
    expect((audit.after as { droppedPartitions: string[] }).droppedPartitions).toEqual(dropped);
    const status = await getRetentionStatus();
    expect(status).toMatchObject({ textDays: 30, metadataDays: 400, lastPurge: { droppedPartitions: dropped } });

    // Idempotent: a second run finds nothing to do and records nothing.
    const auditCount = await db.auditEvent.count({ where: { action: AUDIT_PURGE_ACTION } });
    const again = await purgeExpired(now);
    expect(again).toMatchObject({ ran: true, droppedPartitions: [], triageItemsDeleted: 0, triageSearchCleared: 0, dailyCountsDeleted: 0 });
    expect(await db.auditEvent.count({ where: { action: AUDIT_PURGE_ACTION } })).toBe(auditCount);
    expect(await rowsOf(source)).toEqual({ interactions: 3, texts: 2, findings: 3, triage: 3, searchable: 2 });

    // Ingest can write at an old time again afterwards: the partition is simply created anew.
    await insertInteraction(mid, source);
    expect((await rowsOf(source)).interactions).toBe(4);
  });

  it("clears the text of replayed and discarded quarantined records past the text retention, never of open ones", async () => {
    const quarantined = async (status: "open" | "replayed" | "discarded", resolvedDaysAgo: number | null) =>
      (
        await db.quarantinedRecord.create({
          data: { source: "generic", recordIndex: 0, errors: [{ field: "timestamp", reason: "is required" }], record: '{"prompt":"old words"}', status, resolvedAt: resolvedDaysAgo === null ? null : ago(resolvedDaysAgo), createdAt: ago(60) },
        })
      ).id;
    const ids = { open: await quarantined("open", null), discarded: await quarantined("discarded", 40), replayedRecently: await quarantined("replayed", 5) };
    const result = await purgeExpired(now);
    expect(result.quarantineTextsCleared).toBeGreaterThanOrEqual(1);
    const rows = new Map((await db.quarantinedRecord.findMany({ where: { id: { in: Object.values(ids) } } })).map((r) => [r.id, r]));
    expect(rows.get(ids.discarded)).toMatchObject({ record: "", status: "discarded", errors: [{ field: "timestamp", reason: "is required" }] });
    expect(rows.get(ids.open)!.record).toContain("old words");
    expect(rows.get(ids.replayedRecently)!.record).toContain("old words");
  });

  it("finishes the job of a run interrupted between detaching a partition and dropping it", async () => {
    const at = ago(700);
    const name = `interactions_m${monthName(at)}`;
    await db.$executeRaw`SELECT warden_ensure_partitions(ARRAY[${at}::timestamptz])`;
    await db.$executeRawUnsafe(`ALTER TABLE interactions DETACH PARTITION ${name} CONCURRENTLY`);
    expect(await tableExists(name)).toBe(true);
    expect(await isPartition(name)).toBe(false);

    const result = await purgeExpired(now);
    expect(result.droppedPartitions.map((p) => p.table)).toContain(name);
    expect(await tableExists(name)).toBe(false);
  });

  it("leaves a table alone that only looks like a partition by its name", async () => {
    const name = "interactions_m190001";
    await db.$executeRawUnsafe(`CREATE TABLE ${name} (id int)`);
    await purgeExpired(now);
    expect(await tableExists(name)).toBe(true);
    await db.$executeRawUnsafe(`DROP TABLE ${name}`);
  });

  it("skips the run while another instance holds the purge lock", async () => {
    const [{ version }] = await db.$queryRaw<[{ version: string }]>`SELECT version()`;
    // Embedded PGlite has a single session, so an advisory lock cannot exclude anyone there.
    if (version.includes("PGlite")) return;
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query("SELECT pg_advisory_lock($1)", [RETENTION_LOCK_KEY]);
      await db.$executeRaw`SELECT warden_ensure_partitions(ARRAY[${ago(800)}::timestamptz])`;
      const skipped = await purgeExpired(now);
      expect(skipped).toMatchObject({ ran: false, droppedPartitions: [] });
      expect(await isPartition(`interactions_m${monthName(ago(800))}`)).toBe(true);
      await other.query("SELECT pg_advisory_unlock($1)", [RETENTION_LOCK_KEY]);
      expect((await purgeExpired(now)).droppedPartitions.map((p) => p.table)).toContain(`interactions_m${monthName(ago(800))}`);
    } finally {
      await other.end();
    }
  });
});
