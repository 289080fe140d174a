import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { db, prisma } from "@/lib/db/client";
import { createTestUser, testRequestId } from "@/lib/testing/factories";
import { recordAudit } from "./record";
import { verifyAuditChain } from "./verify";

describe("audit trail", () => {
  it("chains each event to the previous one and verifies intact", async () => {
    const actor = await createTestUser("admin");
    for (let i = 0; i < 3; i++) {
      await db.$transaction((tx) =>
        recordAudit(tx, { actor, action: "test.event", target: { type: "thing", id: String(i) }, before: { n: i, nested: { b: 1, a: 2 } }, after: { n: i + 1, at: new Date() }, requestId: testRequestId() }),
      );
    }
    const events = await db.auditEvent.findMany({ orderBy: { seq: "asc" } });
    for (let i = 1; i < events.length; i++) expect(events[i]!.prevHash).toBe(events[i - 1]!.hash);
    const report = await verifyAuditChain(prisma());
    expect(report).toMatchObject({ intact: true, checked: events.length });
    expect(events.at(-1)).toMatchObject({ actorType: "user", actorId: actor.id, actorLabel: actor.email, action: "test.event", targetType: "thing", targetId: "2" });
  });

  it("refuses UPDATE, DELETE and TRUNCATE in the database itself", async () => {
    await db.$transaction((tx) => recordAudit(tx, { actor: SYSTEM_ACTOR, action: "test.append_only", target: { type: "thing" }, requestId: testRequestId() }));
    await expect(db.$executeRawUnsafe(`UPDATE audit_events SET action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
  });

  it("detects an event edited behind the trigger's back", async () => {
    await db.$transaction((tx) => recordAudit(tx, { actor: SYSTEM_ACTOR, action: "test.tamper_target", target: { type: "thing", id: "victim" }, after: { amount: 10 }, requestId: testRequestId() }));
    const victim = await db.auditEvent.findFirstOrThrow({ where: { action: "test.tamper_target" } });
    // A superuser can disable triggers; the hash chain is what still catches the edit.
    await db.$executeRawUnsafe(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`);
    try {
      await db.$executeRawUnsafe(`UPDATE audit_events SET after = '{"amount": 1000}' WHERE seq = ${victim.seq}`);
      const report = await verifyAuditChain(prisma());
      expect(report.intact).toBe(false);
      expect(report.brokenAt).toEqual({ seq: victim.seq.toString(), reason: "content does not match its hash" });
    } finally {
      await db.$executeRawUnsafe(`UPDATE audit_events SET after = '{"amount": 10}' WHERE seq = ${victim.seq}`);
      await db.$executeRawUnsafe(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`);
    }
    expect((await verifyAuditChain(prisma())).intact).toBe(true);
  });
});
