import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { linkIdentityAction, registerFromIdentityAction, unlinkIdentityAction } from "@/app/(console)/shadow-ai/actions";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { FAKE } from "@/lib/detect/fake-secrets";
import { createTestUser, testRequestId, unique } from "@/lib/testing/factories";
import { createTestWorkflow } from "@/lib/testing/inventory-fixtures";
import { parseBatch } from "../parse";
import { ingestRecords } from "../store";
import { linkIdentity } from "./link-identity";
import { listUnregisteredUsage } from "./list-unregistered";
import { relinkIdentity, relinkPendingIdentities } from "./relink";
import { listWorkflowIdentities } from "./workflow-identities";

// Unregistered AI usage end to end through the real ingest path: events under an unknown gateway
// identity are grouped on the list, registering a workflow from them (or linking them to an existing
// one) re-links every past interaction, finding, triage item and daily count, and what the gateway
// sends afterwards is the workflow's from the start.

const HOUR = 3_600_000;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR);

function genericEvent(alias: string, at: Date, overrides: Record<string, unknown> = {}) {
  return {
    id: `evt-${randomUUID()}`,
    timestamp: at.toISOString(),
    model: "gpt-4o-mini",
    provider: "openai",
    workflow: { keyAlias: alias, teamAlias: "growth" },
    messages: [{ role: "user", content: "Draft three subject lines for the winter sale." }],
    output: "1. Winter deals 2. Warm up 3. Cold days, hot prices",
    ...overrides,
  };
}

async function ingest(events: unknown[]) {
  return ingestRecords(parseBatch("generic", events), { source: "generic", channel: "api", actor: SYSTEM_ACTOR, requestId: testRequestId() });
}

function workflowFields(name: string) {
  return { name, purpose: "Campaign copy drafts.", teamId: null, environment: "production" as const, models: ["gpt-4o-mini"], providers: ["openai"], dataClassification: "internal" as const, ownerId: null };
}

async function stateOf(identityKey: string) {
  const interactions = await db.interaction.findMany({ where: { identityKey }, select: { id: true, workflowId: true } });
  const ids = interactions.map((i) => i.id);
  const findings = await db.interactionFinding.findMany({ where: { interactionId: { in: ids } }, select: { workflowId: true } });
  const triage = await db.triageItem.findMany({ where: { interactionId: { in: ids } }, select: { workflowId: true } });
  const counts = await db.interactionDailyCount.findMany({ where: { identityKey } });
  return {
    workflowIds: [...new Set(interactions.map((i) => i.workflowId))],
    findingWorkflowIds: [...new Set(findings.map((f) => f.workflowId))],
    triageWorkflowIds: [...new Set(triage.map((t) => t.workflowId))],
    findings: findings.length,
    triage: triage.length,
    registeredCount: counts.filter((c) => c.registered).reduce((sum, c) => sum + c.interactions, 0),
    unregisteredCount: counts.filter((c) => !c.registered).reduce((sum, c) => sum + c.interactions, 0),
    interactions: interactions.length,
  };
}

describe("unregistered AI usage", () => {
  it("groups unknown identities with counts, times, models and the gateway's team", async () => {
    const alias = unique("shadow-list");
    const times = [hoursAgo(40 * 24), hoursAgo(48), hoursAgo(1)];
    await ingest([genericEvent(alias, times[0]!), genericEvent(alias, times[1]!, { provider: "azure" }), genericEvent(alias, times[2]!, { messages: [{ role: "user", content: `Use key ${FAKE.openai} for the export.` }] })]);

    // An event that names no caller cannot be linked: counted apart.
    await ingest([genericEvent(alias, hoursAgo(3), { workflow: undefined })]);

    const usage = await listUnregisteredUsage({ q: alias });
    expect(usage.totalGroups).toBe(1);
    expect(usage.totalInteractions).toBe(3);
    expect(usage.unnamedInteractions).toBeGreaterThanOrEqual(1);
    expect(usage.groups).toHaveLength(1);
    const group = usage.groups[0]!;
    expect(group).toMatchObject({
      identityKey: `key_alias:${alias}`,
      kind: "key_alias",
      value: alias,
      interactions: 3,
      recentInteractions: 2,
      sources: ["generic"],
      models: ["gpt-4o-mini"],
      lastIdentity: { keyAlias: alias, teamAlias: "growth" },
      linkedWorkflow: null,
    });
    expect(group.flagged).toBeGreaterThanOrEqual(1);
    expect(group.providers.sort()).toEqual(["azure", "openai"]);
    expect(group.firstSeen.toISOString()).toBe(times[0]!.toISOString());
    expect(group.lastSeen.toISOString()).toBe(times[2]!.toISOString());

    // Filters: by kind and by name; other kinds and names do not match.
    expect((await listUnregisteredUsage({ kind: "key_alias", q: alias })).groups).toHaveLength(1);
    expect((await listUnregisteredUsage({ kind: "team", q: alias })).groups).toHaveLength(0);
    // LIKE wildcards in the search are taken literally.
    expect((await listUnregisteredUsage({ q: `${alias.slice(0, 5)}%` })).groups).toHaveLength(0);
  });

  it("registers a workflow from an identity in one step and re-links every past event", async () => {
    const owner = await createTestUser("owner");
    const alias = unique("shadow-register");
    const identityKey = `key_alias:${alias}`;
    const other = unique("shadow-bystander");
    await ingest([
      genericEvent(alias, hoursAgo(90 * 24)),
      genericEvent(alias, hoursAgo(30), { messages: [{ role: "user", content: `My key is ${FAKE.openai}` }] }),
      genericEvent(alias, hoursAgo(2)),
      genericEvent(other, hoursAgo(2)),
    ]);
    const before = await stateOf(identityKey);
    expect(before).toMatchObject({ workflowIds: [null], interactions: 3, unregisteredCount: 3, registeredCount: 0 });
    expect(before.findings).toBeGreaterThanOrEqual(1);
    expect(before.triage).toBeGreaterThanOrEqual(1);

    const name = unique("Campaign drafts");
    const result = await registerFromIdentityAction.runAs(owner, { ...workflowFields(name), identityKey });
    expect(result).toMatchObject({ ok: true, data: { identityKey, relinked: { interactions: 3, triageItems: before.triage } } });
    if (!result.ok) return;
    const workflow = await db.workflow.findUniqueOrThrow({ where: { id: result.data.id } });
    expect(workflow).toMatchObject({ name, status: "draft", ownerId: owner.id, createdById: owner.id });

    // Past events now carry the workflow; the counts moved to "registered"; the bystander is untouched.
    expect(await stateOf(identityKey)).toMatchObject({
      workflowIds: [workflow.id],
      findingWorkflowIds: [workflow.id],
      triageWorkflowIds: [workflow.id],
      unregisteredCount: 0,
      registeredCount: 3,
    });
    expect((await stateOf(`key_alias:${other}`)).workflowIds).toEqual([null]);
    expect((await listUnregisteredUsage({ q: alias })).groups).toHaveLength(0);
    expect(await listWorkflowIdentities(workflow.id)).toMatchObject([{ identityKey, kind: "key_alias", value: alias, interactions: 3 }]);

    // What the gateway sends next is the workflow's from the start.
    await ingest([genericEvent(alias, hoursAgo(0.5))]);
    expect(await stateOf(identityKey)).toMatchObject({ workflowIds: [workflow.id], registeredCount: 4, unregisteredCount: 0 });

    const audit = await db.auditEvent.findMany({ where: { targetId: workflow.id }, orderBy: { seq: "asc" }, select: { action: true, actorId: true, after: true } });
    expect(audit.map((a) => a.action)).toEqual(["workflow.create", "workflow.identity_link", "workflow.identity_relink"]);
    expect(audit.every((a) => a.actorId === owner.id)).toBe(true);
    expect(audit[2]!.after).toMatchObject({ identityKey, interactions: 3 });

    // The same identity cannot be registered twice.
    const again = await registerFromIdentityAction.runAs(owner, { ...workflowFields(unique("Campaign drafts")), identityKey });
    expect(again).toMatchObject({ ok: false, code: "conflict" });
  });

  it("links an identity to an existing workflow the person owns, and to no one else's", async () => {
    const owner = await createTestUser("owner");
    const someoneElse = await createTestUser("owner");
    const analyst = await createTestUser("analyst");
    const mine = await createTestWorkflow({ ownerId: owner.id });
    const theirs = await createTestWorkflow({ ownerId: someoneElse.id });
    const alias = unique("shadow-link");
    const identityKey = `key_alias:${alias}`;
    await ingest([genericEvent(alias, hoursAgo(5)), genericEvent(alias, hoursAgo(4))]);

    expect(await linkIdentityAction.runAs(analyst, { workflowId: mine.id, identityKey })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await linkIdentityAction.runAs(owner, { workflowId: theirs.id, identityKey })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await linkIdentityAction.runAs(owner, { workflowId: mine.id, identityKey: "nonsense" })).toMatchObject({ ok: false, code: "invalid", fieldErrors: { identityKey: expect.stringContaining("<kind>:<value>") } });
    expect((await stateOf(identityKey)).workflowIds).toEqual([null]);

    const linked = await linkIdentityAction.runAs(owner, { workflowId: mine.id, identityKey });
    expect(linked).toMatchObject({ ok: true, data: { relinked: { interactions: 2 } } });
    expect(await stateOf(identityKey)).toMatchObject({ workflowIds: [mine.id], registeredCount: 2, unregisteredCount: 0 });

    // Linking again to the same workflow is harmless; to another, refused while the link stands.
    expect(await linkIdentityAction.runAs(owner, { workflowId: mine.id, identityKey })).toMatchObject({ ok: true, data: { relinked: { interactions: 0 } } });
    const admin = await createTestUser("admin");
    expect(await linkIdentityAction.runAs(admin, { workflowId: theirs.id, identityKey })).toMatchObject({ ok: false, code: "conflict" });

    // Removing the link: future events are unregistered again, past ones stay with the workflow.
    expect(await unlinkIdentityAction.runAs(someoneElse, { workflowId: mine.id, identityKey })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await unlinkIdentityAction.runAs(owner, { workflowId: mine.id, identityKey })).toMatchObject({ ok: true });
    await ingest([genericEvent(alias, hoursAgo(1))]);
    const after = await db.interaction.findMany({ where: { identityKey }, select: { workflowId: true }, orderBy: { occurredAt: "asc" } });
    expect(after.map((i) => i.workflowId)).toEqual([mine.id, mine.id, null]);
    expect((await db.auditEvent.findFirstOrThrow({ where: { targetId: mine.id, action: "workflow.identity_unlink" } })).before).toMatchObject({ identityKey });
  });

  it("re-links in windows, including many events at the very same millisecond, and finishes an interrupted re-link", async () => {
    const alias = unique("shadow-chunks");
    const identityKey = `key_alias:${alias}`;
    const same = hoursAgo(3);
    await ingest([
      ...[50, 40, 30, 20, 10].map((days) => genericEvent(alias, hoursAgo(days * 24))),
      ...Array.from({ length: 4 }, () => genericEvent(alias, same)),
      genericEvent(alias, hoursAgo(1)),
    ]);
    const workflow = await createTestWorkflow();
    // As if a link had been written and the process stopped before re-linking: the housekeeping finishes it.
    await db.workflowIdentity.create({ data: { workflowId: workflow.id, identityKey } });
    const partial = await relinkIdentity(identityKey, workflow.id, 2);
    expect(partial.interactions).toBe(10);
    expect(await stateOf(identityKey)).toMatchObject({ workflowIds: [workflow.id], registeredCount: 10, unregisteredCount: 0 });

    // Counts left behind (a stop between the interactions and the counts) are picked up by the clock.
    await db.$executeRaw`UPDATE interaction_daily_counts SET registered = false WHERE identity_key = ${identityKey}`;
    await db.$executeRaw`UPDATE interactions SET workflow_id = NULL WHERE identity_key = ${identityKey} AND occurred_at > ${hoursAgo(2)}`;
    const pending = await relinkPendingIdentities();
    expect(pending.find((p) => p.identityKey === identityKey)).toMatchObject({ workflowId: workflow.id, result: { interactions: 1 } });
    expect(await stateOf(identityKey)).toMatchObject({ workflowIds: [workflow.id], registeredCount: 10, unregisteredCount: 0 });
  });

  it("refuses to link to a retired workflow", async () => {
    const admin = await createTestUser("admin");
    const retired = await createTestWorkflow({ status: "retired" });
    await expect(linkIdentity(admin, { workflowId: retired.id, identityKey: `service:${unique("svc")}` }, testRequestId())).rejects.toMatchObject({ code: "conflict" });
  });
});
