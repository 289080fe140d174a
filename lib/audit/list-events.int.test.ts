import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { createTestUser, testRequestId, unique } from "@/lib/testing/factories";
import { auditFilterFromSearchParams, auditFilterInput, listAuditEvents, listAuditFacets, type AuditFilter } from "./list-events";
import { recordAudit } from "./record";

// Each test run writes its own events under a unique action namespace and target type, so the
// filters can be checked exactly while other tests' events share the table.
const namespace = unique("listtest").replace("-", "_");
const targetType = `${namespace}_thing`;
let alice: Actor & { type: "user" };
let seqs: string[] = [];

async function record(actor: Actor, action: string, targetId: string, before: unknown, after: unknown) {
  await db.$transaction((tx) => recordAudit(tx, { actor, action: `${namespace}.${action}`, target: { type: targetType, id: targetId }, before, after, requestId: testRequestId() }));
}

const mine = (filter: Partial<AuditFilter> = {}) => auditFilterInput.parse({ targetType, ...filter });
const actionsOf = (page: { events: { action: string }[] }) => page.events.map((e) => e.action.slice(namespace.length + 1));

beforeAll(async () => {
  alice = await createTestUser("owner", { email: `${unique("alice")}@test.example` });
  await record(alice, "create", "t1", null, { name: "one" });
  await record(alice, "update", "t1", { name: "one" }, { name: "uno" });
  await record(SYSTEM_ACTOR, "expire", "t2", { status: "approved" }, { status: "expired" });
  await record(alice, "delete", "t2", { name: "two" }, null);
  await record(SYSTEM_ACTOR, "create", "t3", null, { name: "three" });
  seqs = (await db.auditEvent.findMany({ where: { targetType }, orderBy: { seq: "asc" }, select: { seq: true } })).map((e) => e.seq.toString());
});

describe("listAuditEvents", () => {
  it("lists newest first with before, after and request id", async () => {
    const page = await listAuditEvents(mine());
    expect(actionsOf(page)).toEqual(["create", "delete", "expire", "update", "create"]);
    expect(page.events[3]).toMatchObject({ actorType: "user", actorId: alice.id, actorLabel: alice.email, targetType, targetId: "t1", before: { name: "one" }, after: { name: "uno" } });
    expect(page.events[3]!.requestId).toMatch(/^test-/);
    expect(page).toMatchObject({ newer: null, older: null });
  });

  it("filters by actor (label contains, any case), exact action, action prefix and target id", async () => {
    expect(actionsOf(await listAuditEvents(mine({ actor: alice.email.slice(0, 12).toUpperCase() })))).toEqual(["delete", "update", "create"]);
    expect(actionsOf(await listAuditEvents(mine({ actor: "warden" })))).toEqual(["create", "expire"]);
    expect(actionsOf(await listAuditEvents(mine({ action: `${namespace}.create` })))).toEqual(["create", "create"]);
    expect(actionsOf(await listAuditEvents(auditFilterInput.parse({ action: `${namespace}.*` })))).toEqual(["create", "delete", "expire", "update", "create"]);
    expect(actionsOf(await listAuditEvents(mine({ targetId: "t2" })))).toEqual(["delete", "expire"]);
    expect((await listAuditEvents(mine({ action: `${namespace}.cre` }))).events).toEqual([]);
  });

  it("filters by whole UTC days, both ends included", async () => {
    // The day the events were written (read back, so a run that crosses midnight still agrees).
    const events = await db.auditEvent.findMany({ where: { targetType }, select: { at: true } });
    const days = [...new Set(events.map((e) => e.at.toISOString().slice(0, 10)))].sort();
    const [firstDay, lastDay] = [days[0]!, days.at(-1)!];
    const dayAfter = (day: string, offset: number) => new Date(Date.parse(`${day}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    expect((await listAuditEvents(mine({ from: firstDay, to: lastDay }))).events).toHaveLength(5);
    expect((await listAuditEvents(mine({ to: dayAfter(firstDay, -1) }))).events).toHaveLength(0);
    expect((await listAuditEvents(mine({ from: dayAfter(lastDay, 1) }))).events).toHaveLength(0);
  });

  it("pages by seq both ways, with cursors only where there is more", async () => {
    const first = await listAuditEvents(mine(), 2);
    expect(first.events.map((e) => e.seq)).toEqual([seqs[4], seqs[3]]);
    expect(first).toMatchObject({ newer: null, older: seqs[3] });

    const second = await listAuditEvents(mine({ before: first.older! }), 2);
    expect(second.events.map((e) => e.seq)).toEqual([seqs[2], seqs[1]]);
    expect(second).toMatchObject({ newer: seqs[2], older: seqs[1] });

    const last = await listAuditEvents(mine({ before: second.older! }), 2);
    expect(last.events.map((e) => e.seq)).toEqual([seqs[0]]);
    expect(last).toMatchObject({ newer: seqs[0], older: null });

    // Walking back towards the newest returns the same pages, still newest first.
    const back = await listAuditEvents(mine({ after: last.newer! }), 2);
    expect(back.events.map((e) => e.seq)).toEqual([seqs[2], seqs[1]]);
    expect(back).toMatchObject({ newer: seqs[2], older: seqs[1] });
    const top = await listAuditEvents(mine({ after: back.newer! }), 2);
    expect(top.events.map((e) => e.seq)).toEqual([seqs[4], seqs[3]]);
    expect(top).toMatchObject({ newer: null, older: seqs[3] });
  });

  it("offers every action and target type present as filter choices", async () => {
    const facets = await listAuditFacets();
    expect(facets.actions).toEqual(expect.arrayContaining([`${namespace}.create`, `${namespace}.update`, `${namespace}.expire`, `${namespace}.delete`]));
    expect(facets.targetTypes).toContain(targetType);
    expect(facets.actions).toEqual([...facets.actions].sort());
  });
});

describe("audit filter from the URL", () => {
  const errorsFor = (params: Record<string, string | string[]>) => {
    const result = auditFilterFromSearchParams(params);
    return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
  };

  it("treats empty values as no filter and takes the first of a repeated key", () => {
    expect(auditFilterFromSearchParams({ actor: "", action: ["a.b", "c.d"], from: " " })).toMatchObject({ success: true, data: { action: "a.b" } });
    expect(auditFilterFromSearchParams({ actor: "" }).data?.actor).toBeUndefined();
  });

  it("explains bad dates and a reversed range", () => {
    expect(errorsFor({ from: "22/11/2026" })).toEqual({ from: "From date must be a date like 2026-11-22." });
    expect(errorsFor({ to: "2026-02-30" })).toEqual({ to: "To date is not a real date." });
    expect(errorsFor({ from: "2026-11-22", to: "2026-11-01" })).toEqual({ to: "To date must be on or after the From date." });
  });

  it("refuses a malformed page position", () => {
    expect(errorsFor({ before: "12abc" })).toEqual({ before: "Page position must be an event number." });
    expect(errorsFor({ before: "10", after: "5" })).toEqual({ before: "Page position is ambiguous: use before or after, not both." });
  });
});
