import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { discardQuarantinedAction, replayOpenRecordsAction, replayQuarantinedAction } from "@/app/(console)/ingest/quarantine/actions";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { FAKE } from "@/lib/detect/fake-secrets";
import { createTestUser, testRequestId } from "@/lib/testing/factories";
import type { IngestSource } from "../event";
import { parseBatch } from "../parse";
import { ingestRecords } from "../store";
import { getQuarantinedRecord, listQuarantine, prettyRecord } from "./queries";

// The quarantine through the real ingest path: a record that cannot be read is kept, an admin fixes
// it (edits it, or reads it as another format) and replays it; a replay stores each event once
// however often it runs; a replay that still fails keeps the record open with its new errors.

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

function record(overrides: Record<string, unknown> = {}) {
  return { id: `evt-${randomUUID()}`, model: "gpt-4o", messages: [{ role: "user", content: "Hello" }], output: "Hi!", ...overrides };
}

/** Sends records as a gateway would; answers the ids of the quarantine rows they left. */
async function send(records: unknown[], source: IngestSource = "generic"): Promise<string[]> {
  const batch = await ingestRecords(parseBatch(source, records), { source, channel: "api", actor: SYSTEM_ACTOR, requestId: testRequestId() });
  return batch.records.flatMap((r) => (r.quarantineId ? [r.quarantineId] : []));
}

async function storedWithKey(eventKey: string) {
  return db.interaction.count({ where: { eventKey } });
}

describe("quarantine", () => {
  it("keeps a record that cannot be read, lists it, and shows its errors", async () => {
    const [id] = await send([record()]);
    const row = await getQuarantinedRecord(id!);
    expect(row).toMatchObject({ status: "open", source: "generic", recordIndex: 0 });
    expect(row!.errors).toEqual([expect.objectContaining({ field: "timestamp" })]);
    const list = await listQuarantine({ source: "generic", status: "open" });
    expect(list.rows.map((r) => r.id)).toContain(id);
    expect(list.openBySource.find((s) => s.source === "generic")!.open).toBeGreaterThanOrEqual(1);
    expect((await listQuarantine({ source: "portkey", status: "open" })).rows.map((r) => r.id)).not.toContain(id);
  });

  it("replays a fixed record once: it is stored, the row closes, a second replay stores nothing", async () => {
    const admin = await createTestUser("admin");
    const original = record();
    const [id] = await send([original]);
    const fixed = JSON.stringify({ ...original, timestamp: minutesAgo(5).toISOString() }, null, 2);

    const result = await replayQuarantinedAction.runAs(admin, { id: id!, format: "generic", record: fixed });
    expect(result).toMatchObject({ ok: true, data: { status: "replayed", stored: 1, duplicate: 0, errors: [] } });
    expect(await storedWithKey(`generic:id:${original.id}`)).toBe(1);
    const row = await db.quarantinedRecord.findUniqueOrThrow({ where: { id: id! } });
    expect(row).toMatchObject({ status: "replayed", replayedEvents: 1, resolvedById: admin.id });
    expect(row.resolvedAt).not.toBeNull();
    expect(JSON.parse(row.record)).toMatchObject({ timestamp: expect.any(String) });

    // The same record again: refused, and nothing more is stored.
    expect(await replayQuarantinedAction.runAs(admin, { id: id!, format: "generic", record: fixed })).toMatchObject({ ok: false, code: "conflict" });
    expect(await storedWithKey(`generic:id:${original.id}`)).toBe(1);

    // Audited with before and after, never with the record's text.
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "ingest.quarantine.replay", targetId: id! } });
    expect(audit.actorId).toBe(admin.id);
    expect(audit.before).toMatchObject({ status: "open", errors: [expect.objectContaining({ field: "timestamp" })] });
    expect(audit.after).toMatchObject({ status: "replayed", format: "generic", edited: true, stored: 1, replayedEvents: 1 });
    expect(JSON.stringify(audit.after)).not.toContain("Hello");
  });

  it("stores an event once when two quarantined copies of it are both fixed and replayed", async () => {
    const admin = await createTestUser("admin");
    const original = record();
    const ids = await send([original, original]);
    expect(ids).toHaveLength(2);
    const fixed = JSON.stringify({ ...original, timestamp: minutesAgo(3).toISOString() });
    const first = await replayQuarantinedAction.runAs(admin, { id: ids[0]!, format: "generic", record: fixed });
    const second = await replayQuarantinedAction.runAs(admin, { id: ids[1]!, format: "generic", record: fixed });
    expect(first).toMatchObject({ ok: true, data: { status: "replayed", stored: 1, duplicate: 0 } });
    expect(second).toMatchObject({ ok: true, data: { status: "replayed", stored: 0, duplicate: 1 } });
    expect(await storedWithKey(`generic:id:${original.id}`)).toBe(1);
    expect((await db.quarantinedRecord.findUniqueOrThrow({ where: { id: ids[1]! } })).replayedEvents).toBe(1);
  });

  it("keeps a record open with its new errors and its edited (masked) text when the replay still fails", async () => {
    const admin = await createTestUser("admin");
    const [id] = await send([record()]);
    const stillBad = JSON.stringify(record({ timestamp: "yesterday-ish", messages: [{ role: "user", content: `key ${FAKE.openai}` }] }));

    const result = await replayQuarantinedAction.runAs(admin, { id: id!, format: "generic", record: stillBad });
    expect(result).toMatchObject({ ok: true, data: { status: "open", stored: 0, errors: [expect.objectContaining({ field: "timestamp", reason: expect.stringContaining("ISO 8601") })] } });
    const row = await db.quarantinedRecord.findUniqueOrThrow({ where: { id: id! } });
    expect(row.status).toBe("open");
    expect(row.errors).toEqual([expect.objectContaining({ field: "timestamp" })]);
    expect(row.record).toContain("yesterday-ish");
    expect(row.record).not.toContain(FAKE.openai);

    // Not JSON at all: the row says so, and nothing is sent to the store.
    const broken = await replayQuarantinedAction.runAs(admin, { id: id!, format: "generic", record: '{"id": "x", ' });
    expect(broken).toMatchObject({ ok: true, data: { status: "open", batchId: null, errors: [expect.objectContaining({ field: "(record)", reason: expect.stringContaining("Invalid JSON") })] } });
    expect(await db.auditEvent.count({ where: { action: "ingest.quarantine.replay", targetId: id! } })).toBe(2);
  });

  it("fixes the mapping: a LiteLLM record sent to the generic endpoint is replayed as litellm without editing", async () => {
    const admin = await createTestUser("admin");
    const callId = `chatcmpl-${randomUUID()}`;
    const litellm = {
      id: callId,
      startTime: minutesAgo(10).getTime() / 1000,
      endTime: minutesAgo(10).getTime() / 1000 + 1,
      model: "gpt-4o",
      messages: [{ role: "user", content: "Summarise ticket 12." }],
      response: { choices: [{ message: { role: "assistant", content: "Done." } }] },
      metadata: { user_api_key_alias: "mapping-test" },
    };
    const [id] = await send([litellm], "generic");
    expect(id).toBeDefined();
    const result = await replayQuarantinedAction.runAs(admin, { id: id!, format: "litellm" });
    expect(result).toMatchObject({ ok: true, data: { status: "replayed", stored: 1 } });
    expect(await storedWithKey(`litellm:id:${callId}`)).toBe(1);
    expect((await db.auditEvent.findFirstOrThrow({ where: { action: "ingest.quarantine.replay", targetId: id! } })).after).toMatchObject({ format: "litellm", edited: false });
  });

  it("discards a record: kept, marked discarded, audited; it can no longer be replayed", async () => {
    const admin = await createTestUser("admin");
    const [id] = await send([record()]);
    expect(await discardQuarantinedAction.runAs(admin, { id: id!, reason: "A test message from the gateway team." })).toMatchObject({ ok: true, data: { status: "discarded" } });
    expect(await db.quarantinedRecord.findUniqueOrThrow({ where: { id: id! } })).toMatchObject({ status: "discarded", resolvedById: admin.id });
    expect(await replayQuarantinedAction.runAs(admin, { id: id!, format: "generic" })).toMatchObject({ ok: false, code: "conflict" });
    expect(await discardQuarantinedAction.runAs(admin, { id: id! })).toMatchObject({ ok: false, code: "conflict" });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "ingest.quarantine.discard", targetId: id! } });
    expect(audit).toMatchObject({ actorId: admin.id, before: { status: "open" }, after: { status: "discarded", reason: "A test message from the gateway team." } });
  });

  it("refuses everyone but admins, changing nothing", async () => {
    const [id] = await send([record()]);
    const fixed = JSON.stringify(record({ timestamp: minutesAgo(1).toISOString() }));
    for (const role of ["owner", "reviewer", "analyst", "auditor"] as const) {
      const person = await createTestUser(role);
      expect(await replayQuarantinedAction.runAs(person, { id: id!, format: "generic", record: fixed })).toMatchObject({ ok: false, code: "forbidden" });
      expect(await discardQuarantinedAction.runAs(person, { id: id! })).toMatchObject({ ok: false, code: "forbidden" });
      expect(await replayOpenRecordsAction.runAs(person, { source: "generic", format: "generic" })).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await db.quarantinedRecord.findUniqueOrThrow({ where: { id: id! } })).toMatchObject({ status: "open" });
    expect(await replayQuarantinedAction.runAs(await createTestUser("admin"), { id: randomUUID(), format: "generic" })).toMatchObject({ ok: false, code: "not_found" });
  });

  it("replays every open record of a source read as another format", async () => {
    const admin = await createTestUser("admin");
    // Records the OTLP endpoint could not read, all quarantined under otlp.
    const ids = await send(
      [1, 2].map((n) => ({ resourceSpans: "not-a-list", n })),
      "otlp",
    );
    expect(ids).toHaveLength(2);
    const before = await db.quarantinedRecord.count({ where: { source: "otlp", status: "open" } });
    const result = await replayOpenRecordsAction.runAs(admin, { source: "otlp", format: "generic" });
    expect(result).toMatchObject({ ok: true, data: { attempted: before, replayed: 0, stillOpen: before, openAfter: before } });
    // Each attempt is audited on its own, and each row now says why generic could not read it either.
    for (const id of ids) {
      const row = await db.quarantinedRecord.findUniqueOrThrow({ where: { id } });
      expect(row.status).toBe("open");
      expect(row.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: "timestamp" })]));
    }
  });

  it("pretty-prints JSON records and leaves anything else as received", () => {
    expect(prettyRecord('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyRecord("not json {")).toBe("not json {");
  });
});
